// The charts on screen as PNG images, for the exported .ipynb (issue 12 §5): Jupyter and GitHub
// show an image/png where they cannot run our chart data. Each recharts <svg> is copied with the
// styles the page computed for it (theme colours are CSS variables, which an SVG drawn as an image
// cannot see), drawn on a canvas under its title and its legend (HTML in recharts, not in the SVG),
// and read back with toDataURL. A chart that is not rendered has no image; its data is exported all
// the same.

/** Properties that SVG drawing needs and may come from a stylesheet or a CSS variable. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'visibility', 'display',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline',
] as const;

function inlineStyles(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  to.setAttribute('style', style);
  for (let i = 0; i < from.children.length && i < to.children.length; i++) inlineStyles(from.children[i], to.children[i]);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    img.src = src;
  });
}

const background = (el: Element): string => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
};

/** One rendered chart (a `figure.chart` or anything holding a recharts <svg>) as a PNG data URL; null if there is none on screen. */
export async function chartToPng(holder: Element, scale = 2): Promise<string | null> {
  // the plot: the largest recharts surface (legend icons are small surfaces of their own)
  let svg: SVGSVGElement | null = null, box: DOMRect | null = null;
  for (const s of holder.querySelectorAll<SVGSVGElement>('svg.recharts-surface')) {
    const r = s.getBoundingClientRect();
    if (!box || r.width * r.height > box.width * box.height) { svg = s; box = r; }
  }
  if (!svg || !box || box.width < 1 || box.height < 1) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  const xml = new XMLSerializer().serializeToString(clone);
  const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`);

  const title = (holder.querySelector('.chart-title')?.textContent ?? holder.querySelector('figure')?.getAttribute('aria-label') ?? '').trim();
  const fg = getComputedStyle(holder).color || '#000000';
  const font = getComputedStyle(holder).fontFamily || 'sans-serif';
  const titleH = title ? 28 : 0;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round((box.height + titleH) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = background(holder);
  ctx.fillRect(0, 0, box.width, box.height + titleH);
  if (title) {
    ctx.fillStyle = fg;
    ctx.font = `600 15px ${font}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(title, 8, titleH / 2, box.width - 16);
  }
  ctx.drawImage(img, 0, titleH, box.width, box.height);
  // the legend: each entry's colour (its icon) and name, where the page shows it over the plot
  for (const item of holder.querySelectorAll('.recharts-legend-item')) {
    const r = item.getBoundingClientRect();
    const icon = item.querySelector('svg path, svg line, svg rect, svg circle');
    const text = item.querySelector('.recharts-legend-item-text') ?? item;
    const x = r.left - box.left, y = r.top - box.top + titleH + r.height / 2;
    if (icon) {
      const cs = getComputedStyle(icon);
      const colour = cs.stroke && cs.stroke !== 'none' ? cs.stroke : cs.fill;
      ctx.fillStyle = colour;
      ctx.fillRect(x, y - 2, 12, 4);
    }
    const ts = getComputedStyle(text);
    ctx.fillStyle = ts.color || fg;
    ctx.font = `${ts.fontSize || '12px'} ${font}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(text.textContent ?? '', x + 16, y);
  }
  return canvas.toDataURL('image/png');
}

/** Every chart on screen under `root`, by `${cellIndex}/${outputId}` (the page marks both: data-cell-index, data-output-id). */
export async function chartImages(root: ParentNode = document): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const cell of root.querySelectorAll<HTMLElement>('[data-cell-index]')) {
    for (const holder of cell.querySelectorAll<HTMLElement>('[data-output-id]')) {
      try {
        const png = await chartToPng(holder);
        if (png) out.set(`${cell.dataset.cellIndex}/${holder.dataset.outputId}`, png);
      } catch {
        // a chart that cannot be drawn is exported as its data alone
      }
    }
  }
  return out;
}

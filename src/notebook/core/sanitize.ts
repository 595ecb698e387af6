// Defence in depth for HTML the page inserts (Markdown cells, lesson or imported): renderMarkdown
// already escapes raw HTML and KaTeX runs with trust off; DOMPurify then removes anything that could
// run or reach out, whatever a bug upstream lets through: script, iframes, object/embed, forms,
// event handlers, javascript:/vbscript: links, data: links (only data:image/png|jpeg|gif|webp
// images stay), SVG with handlers or scripts, <style>, <base> and <meta>.
import DOMPurify from 'dompurify';

const FORBID_TAGS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'form', 'input', 'button', 'select',
  'textarea', 'option', 'style', 'link', 'meta', 'base', 'template', 'foreignObject', 'use', 'animate', 'set', 'animateMotion', 'animateTransform',
];
const FORBID_ATTR = ['srcset', 'action', 'formaction', 'xlink:href', 'ping', 'background', 'poster'];
/** The only data: URLs kept: raster images (never SVG or HTML, which can carry script). */
const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp)[;,]/i;
const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction'];

let purify: ReturnType<typeof DOMPurify> | null = null;

function purifier(): ReturnType<typeof DOMPurify> {
  if (purify) return purify;
  if (typeof window === 'undefined' || !DOMPurify.isSupported) throw new Error('sanitizeHtml needs a DOM (it runs in the browser only)');
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRS) {
      const v = node.getAttribute(name);
      if (v === null) continue;
      const url = v.trim();
      // data: only for an <img>'s raster image; DOMPurify already dropped javascript: and friends
      if (/^data:/i.test(url) && !(node.nodeName === 'IMG' && name === 'src' && SAFE_DATA_IMAGE.test(url))) node.removeAttribute(name);
    }
    // links leave the app without handing it to the page they open
    if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
  purify = p;
  return p;
}

const CONFIG = {
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SANITIZE_NAMED_PROPS: true,
  RETURN_TRUSTED_TYPE: false,
} as const;

/** `html` with everything that could run script, load a frame or submit a form removed. Browser only. */
export function sanitizeHtml(html: string): string {
  return purifier().sanitize(html, CONFIG);
}

/**
 * What sanitizeHtml would change in `html`: each element or attribute DOMPurify removes, and
 * 'changed' if the result differs from `html` in any other way (the hook's rel, a data: URL).
 * Empty: sanitizing would change nothing. Browser only.
 */
export function sanitizeChanges(html: string): string[] {
  const p = purifier();
  const clean = p.sanitize(html, CONFIG);
  const out = p.removed.map((r) => ('element' in r ? `<${r.element.nodeName.toLowerCase()}>` : `${r.attribute?.name ?? '?'} on <${r.from.nodeName.toLowerCase()}>`));
  const parse = (h: string) => { const t = document.createElement('template'); t.innerHTML = h; return t.content; };
  if (!out.length && !parse(clean).isEqualNode(parse(html))) out.push('changed');
  return out;
}

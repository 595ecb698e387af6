// Charts that are honest, readable and accessible (issue 12), checked in the real DOM of a lesson's
// charts, in the light and the dark theme: every piece of chart text reaches 4.5:1 against the
// chart's background, each backend has its colour, the y-axis title never overlaps a tick label,
// quantity axes start at zero, epoch boundaries are marked, and each chart has a summary that the
// figure names with aria-describedby. On a 360 px phone the charts fit and their ticks thin out.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from './fixtures';
import { backendOf, PALETTES, type Theme } from '../src/design/tokens';
import { codeCell } from './helpers';

interface Box { x: number; y: number; width: number; height: number; text: string }

const boxes = (l: Locator): Promise<Box[]> => l.evaluateAll((els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent ?? '' };
}));

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** WCAG contrast of each element's text colour (fill for SVG text) against the first opaque background behind it. */
function contrasts(l: Locator): Promise<{ text: string; ratio: number }[]> {
  return l.evaluateAll((els) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c;
      }
      return [255, 255, 255];
    };
    return els.map((el) => {
      const cs = getComputedStyle(el);
      const [hi, lo] = [lum(rgb(el instanceof SVGElement ? cs.fill : cs.color)), lum(background(el))].sort((a, b) => b - a);
      return { text: (el.textContent ?? '').slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05) };
    });
  });
}

/** What every chart must do, whatever it shows. */
async function expectReadable(chart: Locator, theme: Theme) {
  const text = await contrasts(chart.locator('.chart-legend-text, .chart-ytitle, .chart-xtitle, .chart-summary, .recharts-cartesian-axis-tick-value, .recharts-label'));
  expect(text.length).toBeGreaterThan(4);
  for (const c of text) expect(c.ratio, `"${c.text}" in ${theme}`).toBeGreaterThanOrEqual(4.5);

  const [title] = await boxes(chart.getByTestId('chart-ytitle'));
  const ticks = await boxes(chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'));
  expect(ticks.length).toBeGreaterThan(1);
  for (const tick of ticks) expect(overlap(title, tick), `y title over tick ${tick.text}`).toBe(false);
  // the lowest tick on screen is zero: a quantity is drawn from zero
  expect(ticks.reduce((a, b) => (b.y > a.y ? b : a)).text).toBe('0');

  const id = await chart.getAttribute('aria-describedby');
  const summary = chart.page().locator(`[id="${id}"]`);
  await expect(summary).toHaveClass(/chart-summary/);
  await expect(summary).toBeVisible();
}

test('lesson 3\'s charts: one colour per backend, readable in light and dark, titles clear of ticks, zero-based, epochs marked, summarised', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/?samples=1000#/en/03');
  const cell = codeCell(page, 0);
  await cell.getByTestId('knob-epochs').fill('2'); // 8 steps of 128 per epoch: one boundary, at step 8.5
  await cell.getByTestId('knob-repeats').fill('1'); // the lesson times 3 repeats; one keeps this test short (2 timed epochs)
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 200_000 });
  const loss = cell.getByTestId('chart-line');
  const bars = cell.getByTestId('chart-bar');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const palette = PALETTES[theme];
    // the legend: text in the theme's text colour, beside a swatch in the backend's colour
    const legend = loss.locator('.chart-legend-item');
    await expect(legend.first().locator('line')).toHaveAttribute('stroke', palette.backend[backendOf((await legend.first().textContent())!)!]);
    const entries = await legend.evaluateAll((els) => els.map((e) => ({ label: e.textContent ?? '', stroke: e.querySelector('line')?.getAttribute('stroke') })));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const e of entries) expect(e.stroke, e.label).toBe(palette.backend[backendOf(e.label)!]);
    // each bar in its backend's colour, named under it
    const names = (await bars.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map((s) => s.trim());
    const fills = await bars.locator('.recharts-bar-rectangle path').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    expect(fills).toEqual(names.map((n) => palette.backend[backendOf(n)!]));

    await expectReadable(loss, theme);
    await expectReadable(bars, theme);
    await expect(loss.locator('.recharts-reference-line-line')).toHaveCount(1);
    await expect(loss.locator('.recharts-label', { hasText: 'epoch 2' })).toBeVisible();
    await expect(loss.getByTestId('chart-summary')).toHaveText(new RegExp(`^Training loss: ${entries.length} series \\(Step 1–16\\), values between`));
    await expect(bars.getByTestId('chart-summary')).toHaveText(/^Time per epoch \(median of 2 epochs; bars from min to max\): \d bars; lowest \S+ \([\d.,]+ ms\), highest \S+ \([\d.,]+ ms\)\.$/);
    // axe on the two charts (the whole page is the accessibility spec's): nothing serious or critical
    const axe = await new AxeBuilder({ page }).include('[data-testid="chart-line"]').include('[data-testid="chart-bar"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), theme).toEqual([]);
  }

  // the tooltip from the keyboard (recharts' accessibility layer): rounded, with its unit
  await bars.locator('.recharts-surface').focus();
  await page.keyboard.press('ArrowRight');
  await expect(bars.locator('.recharts-tooltip-wrapper')).toContainText(/ms\s*:\s*[\d.,]+ ms/);
  await loss.locator('.recharts-surface').focus();
  await page.keyboard.press('ArrowRight');
  const tip = loss.locator('.recharts-tooltip-wrapper');
  await expect(tip).toContainText(/Step: \d+/);
  expect(await tip.textContent()).not.toMatch(/\d[.,]\d{4,}/); // no 16-digit floats

  // a 360 px phone: each chart fits its own box, and the loss chart's step ticks thin out rather than overlap
  await page.setViewportSize({ width: 360, height: 800 });
  for (const chart of [loss, bars]) {
    await expect.poll(() => chart.evaluate((f) => f.scrollWidth <= f.clientWidth && f.querySelector('.recharts-surface')!.getBoundingClientRect().width <= f.clientWidth)).toBe(true);
  }
  await expect.poll(async () => {
    const ticks = await boxes(loss.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value'));
    return ticks.length > 1 && ticks.every((a, i) => ticks.every((b, j) => i === j || !overlap(a, b)));
  }).toBe(true);
});

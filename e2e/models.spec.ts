// Models as data (issue 14 §5): a run saved by name in a cell is there after a reload and predicts
// the same on js and wasm; the Models page downloads it and uploads the same file back to the same
// model; a wrong file is refused with the reason next to Upload and the saved list is untouched.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { auditThemes } from './a11y';
import { codeCell, setSource, waitIdle } from './helpers';

/** A hash of the predictions and the accuracy, printed by the cell as `tag=hash/accuracy`. */
const HASH = `const h = (p) => { let x = 0; for (const v of p) x = (x * 31 + v) >>> 0; return x; };`;

async function runCell(page: Page, code: string): Promise<string> {
  const cell = codeCell(page, 0);
  await setSource(page, cell, code);
  await cell.getByTestId('run-cell').click();
  await waitIdle(cell, 90_000);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  return (await cell.getByTestId('outputs').innerText()).replace(/\s+/g, ' ');
}

const field = (text: string, tag: string) => text.match(new RegExp(`${tag}=(\\S+)`))?.[1];

test('a saved model survives a reload and predicts the same on js and wasm; download, upload back, a wrong file refused', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/#/en/01');
  const before = await runCell(page, [
    `const run = await train({ backend: 'js', samples: 2000, epochs: 1, chart: false });`,
    `await models.save(run, 'mine');`,
    HASH,
    `show.text('before=' + h(run.predictions) + '/' + run.accuracy);`,
  ].join('\n'));
  expect(before).toContain('Model "mine" saved (js, 101,770 parameters).');
  const want = field(before, 'before');
  expect(want).toMatch(/^\d+\/0\.\d+$/);
  expect(Number(want!.split('/')[1])).toBeGreaterThan(0.5); // it learned: a model, not noise

  await page.reload();
  const after = await runCell(page, [
    `const m = await models.load('mine');`,
    `const a = await evaluate(m, { backend: 'js' });`,
    `const b = await evaluate(m, { backend: 'wasm' });`,
    HASH,
    `let same = 0; for (let i = 0; i < a.predictions.length; i++) same += a.predictions[i] === b.predictions[i] ? 1 : 0;`,
    `show.text('js=' + h(a.predictions) + '/' + a.accuracy + ' wasmagree=' + same + ' wasmacc=' + b.accuracy + ' names=' + (await models.list()).map((x) => x.name).join(','));`,
  ].join('\n'));
  expect(field(after, 'js')).toBe(want); // bit-identical parameters: the same predictions, the same accuracy
  expect(Number(field(after, 'wasmagree'))).toBeGreaterThanOrEqual(9990); // wasm's own forward pass: float order may flip a near-tie
  expect(Math.abs(Number(field(after, 'wasmacc')) - Number(want!.split('/')[1]))).toBeLessThan(0.002);
  expect(field(after, 'names')).toBe('mine');
  // a missing model and a bad name: the cell says which
  const cell = codeCell(page, 0);
  await setSource(page, cell, `await models.load('nope');`);
  await cell.getByTestId('run-cell').click();
  await waitIdle(cell);
  await expect(cell.getByTestId('outputs')).toContainText('There is no saved model called "nope". Saved: "mine".');

  // the Models page: the model in use is the latest trained, restored after the reload; the saved list
  await page.getByTestId('nav-models').click();
  await expect(page.getByTestId('models-current')).toContainText(/^Trained on js · test accuracy \d+\.\d% · 784 → 128 → 10 · /);
  const items = page.getByTestId('models-item');
  await expect(items).toHaveCount(1);
  await expect(items.first().getByRole('heading')).toHaveText('mine');

  const [download] = await Promise.all([page.waitForEvent('download'), items.first().getByTestId('models-download').click()]);
  expect(download.suggestedFilename()).toBe('mine.paralelo-model');
  const file = readFileSync((await download.path())!);
  expect(file.subarray(0, 17).toString()).toBe('PARALELO-MODEL 1\n');

  // wrong files: refused with the reason next to Upload, the saved list intact
  const upload = page.getByTestId('models-upload');
  await upload.setInputFiles({ name: 'cut.paralelo-model', mimeType: 'application/octet-stream', buffer: file.subarray(0, file.length - 4 * 76_320) });
  await expect(page.getByTestId('models-upload-error')).toHaveText('Could not read "cut.paralelo-model": This file has 25,450 parameters; a 784 → 128 → 10 network needs 101,770. It was cut off or belongs to another network.');
  await upload.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"cells": []}') });
  await expect(page.getByTestId('models-upload-error')).toContainText('This is not a Paralelo model file');
  await expect(items).toHaveCount(1);

  // delete (asked first), then upload the downloaded file: the same model, byte for byte
  await items.first().getByTestId('models-delete').click();
  await page.getByTestId('models-dialog-yes').click();
  await expect(items).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '0 saved models' })).toBeFocused(); // the focus does not fall to the page's top
  await upload.setInputFiles({ name: 'mine.paralelo-model', mimeType: 'application/octet-stream', buffer: file });
  await expect(page.getByTestId('models-status')).toHaveText('Uploaded "mine.paralelo-model" as "mine".');
  await expect(page.getByTestId('models-upload-error')).toBeEmpty();
  await expect(items).toHaveCount(1);
  const [again] = await Promise.all([page.waitForEvent('download'), items.first().getByTestId('models-download').click()]);
  expect(readFileSync((await again.path())!).equals(file)).toBe(true);

  // rename with the keyboard; a second upload of the same file gets a free name
  await items.first().getByTestId('models-rename').click();
  await page.getByTestId('models-rename-input').fill('mine v1');
  await page.getByTestId('models-rename-input').press('Enter');
  await expect(page.getByTestId('models-status')).toHaveText('Renamed to "mine v1".');
  await expect(items.first().getByRole('heading')).toHaveText('mine v1');
  await expect(items.first().getByTestId('models-rename')).toBeFocused(); // the keyboard is back where it was
  await upload.setInputFiles({ name: 'mine v1.paralelo-model', mimeType: 'application/octet-stream', buffer: file });
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('models-list')).toContainText('mine v1 (2)');
  expect(await auditThemes(page, 'models page')).toEqual([]);
});

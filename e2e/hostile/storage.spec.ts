// Hostile suite, storage and tabs (issue 11 §3): saves that fail, a reload right after typing, two
// tabs on one lesson, the database deleted under the page, damaged stored data, reset and import.
// Each attack test edits a cell first, attacks, and checks the message, that the page answers and
// that the edit is still there.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '../fixtures';
import { codeCell, editorReady, openLesson, setSource } from '../helpers';
import { editBeforeAttack, expectEditKept, expectResponsive, marker } from './common';

/** From the next page load on, IDBObjectStore.put throws a QuotaExceededError while `window.__quota` is set. */
async function quotaSwitch(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as { __quota?: boolean }).__quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

// the text in a cell's editor: Monaco's lines, once Monaco is loaded (a cell shows a plain textarea until focused)
const editorText = async (page: Page, n: number) => (await editorReady(codeCell(page, n))).locator('.view-lines');

/** A real reload (page.goto to the URL the page is on, fragment included, only scrolls). */
async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('notebook')).toBeVisible();
}

test('a save that fails (quota exceeded) is shown at once with its reason, the edit stays, and it is saved once storage works again', async ({ page }) => {
  await quotaSwitch(page);
  const mark = marker('quota');
  await editBeforeAttack(page, mark, 'en');
  await page.evaluate(() => { (window as unknown as { __quota?: boolean }).__quota = true; });
  const cell = codeCell(page, 0);
  await setSource(page, cell, `${mark}\n2 + 2`);
  await expect(page.getByTestId('save-error')).toContainText('Your edits could not be saved: QuotaExceededError');
  await expect(page.getByTestId('save-error')).toContainText('export the notebook');
  await expect(cell.getByTestId('unsaved-badge')).toHaveText('not saved');
  await expect(await editorText(page, 0)).toContainText('2 + 2');
  await expectResponsive(page);
  // storage works again: the retry saves it, the message and the mark go away, a reload shows it
  await page.evaluate(() => { (window as unknown as { __quota?: boolean }).__quota = false; });
  await expect(page.getByTestId('save-error')).toHaveCount(0, { timeout: 30_000 });
  await expect(cell.getByTestId('unsaved-badge')).toHaveCount(0);
  await reload(page);
  await expectEditKept(page, mark);
  await expect(await editorText(page, 0)).toContainText('2 + 2');
});

test('IndexedDB that cannot be opened (private mode): the edit is marked not saved, in Spanish, and a reload still shows it', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () { throw new DOMException('The user denied permission to access the database.', 'UnknownError'); };
  });
  const mark = marker('noidb');
  await editBeforeAttack(page, mark, 'es');
  await expect(page.getByTestId('save-error')).toContainText('No se pudieron guardar tus cambios: UnknownError');
  await expect(codeCell(page, 0).getByTestId('unsaved-badge')).toHaveText('sin guardar');
  await expectResponsive(page);
  await expectEditKept(page, mark);
  // the journal (localStorage) keeps it over a reload even so
  await reload(page);
  await expectEditKept(page, mark);
});

test('a reload right after typing keeps the last edit, five times out of five', async ({ page }) => {
  const mark = marker('reload');
  await editBeforeAttack(page, mark, 'en');
  for (let i = 0; i < 5; i++) {
    const cell = codeCell(page, 0);
    await setSource(page, cell, `${mark}_${i}\n${i}`);
    await page.reload(); // no wait: the database write may not have committed
    await expect(page.getByTestId('notebook')).toBeVisible();
    await expect(await editorText(page, 0)).toContainText(`${mark}_${i}`, { timeout: 60_000 });
  }
  await expectResponsive(page);
});

test('two tabs on one lesson: an edit in one shows up in the other with a notice; where both edited a cell, the losing tab keeps its text and can keep it', async ({ page, context }) => {
  // a test shim: while `__deaf` is set, this tab does not hear the other tab (as if both typed at once)
  await context.addInitScript(() => {
    const Orig = BroadcastChannel;
    class Deafable extends Orig {
      set onmessage(fn: ((e: MessageEvent) => void) | null) {
        super.onmessage = fn && ((e: MessageEvent) => { if (!(window as unknown as { __deaf?: boolean }).__deaf) fn.call(this, e); });
      }
      get onmessage() { return super.onmessage; }
    }
    window.BroadcastChannel = Deafable;
  });
  const mark = marker('tabs');
  await editBeforeAttack(page, mark, 'en');
  const other = await context.newPage();
  await openLesson(other, 'en', '01');
  await expectEditKept(other, mark);

  // A edits cell 1 (as the student sees it); B follows and says so
  await setSource(page, codeCell(page, 0), `${mark}\n'from A'`);
  await expect(await editorText(other, 0)).toContainText("'from A'");
  await expect(other.getByTestId('storage-notice')).toContainText('Cell 1 was changed in another tab');

  // both edit cell 2 at once (A does not hear B): storage keeps A's, the later; B keeps its text and is told
  await page.evaluate(() => { (window as unknown as { __deaf?: boolean }).__deaf = true; });
  await setSource(other, codeCell(other, 1), '"B version"');
  await other.waitForTimeout(300);
  await setSource(page, codeCell(page, 1), '"A version"');
  const conflict = other.getByTestId('tab-conflict');
  await expect(conflict).toContainText('Cell 2 was also changed in another tab');
  await expect(await editorText(other, 1)).toContainText('B version');
  await expect(codeCell(other, 1).getByTestId('unsaved-badge')).toBeVisible();
  await expectResponsive(other);
  // B keeps its own: it is saved as the last edit, and a reload of A shows it
  await conflict.getByTestId('keep-mine').click();
  await expect(codeCell(other, 1).getByTestId('unsaved-badge')).toHaveCount(0);
  await other.waitForTimeout(500);
  await reload(page);
  await expect(await editorText(page, 1)).toContainText('B version', { timeout: 60_000 });
  await expectEditKept(page, mark);
});

test('cell code or anything else in the page deleting the database (versionchange): every edit is written again and survives a reload', async ({ page }) => {
  const mark = marker('vchange');
  await editBeforeAttack(page, mark, 'en');
  await setSource(page, codeCell(page, 0), `${mark}\n'kept'`);
  // an edit in another lesson, which is not open when the database goes
  await openLesson(page, 'en', '02');
  await setSource(page, codeCell(page, 0), `${mark}\n'other lesson'`);
  await page.waitForTimeout(300);
  await openLesson(page, 'en', '01');
  const how = await page.evaluate(() => new Promise<string>((resolve) => {
    const req = indexedDB.deleteDatabase('paralelo');
    req.onsuccess = () => resolve('deleted');
    req.onerror = () => resolve('error');
  }));
  expect(how).toBe('deleted'); // the page closed its connection, so the deletion went on
  await expect(page.getByTestId('storage-notice')).toContainText('every edit this tab knew of was saved again');
  await expectResponsive(page);
  await reload(page);
  await expectEditKept(page, mark);
  await expect(await editorText(page, 0)).toContainText("'kept'");
  await openLesson(page, 'en', '02');
  await expect(await editorText(page, 0)).toContainText("'other lesson'", { timeout: 60_000 });
});

test('cell code that deletes the database from the kernel worker: the edits survive a reload', async ({ page }) => {
  const mark = marker('kernelidb');
  await editBeforeAttack(page, mark, 'en');
  const cell = codeCell(page, 1);
  // the kernel may hide indexedDB from cell code (then this is a no-op); the page must not depend on it
  await setSource(page, cell, `${mark}\nif (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase('paralelo');\n'asked'`);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-status', 'idle', { timeout: 60_000 });
  await expect(cell).toHaveAttribute('data-result', /ok|error/);
  await page.waitForTimeout(1000);
  await expectResponsive(page);
  await reload(page);
  await expectEditKept(page, mark);
  await expect(await editorText(page, 1)).toContainText("'asked'", { timeout: 60_000 });
});

test('an upgrade by someone else that drops every store: the page re-creates them and writes its edits again', async ({ page }) => {
  const mark = marker('upgrade');
  await editBeforeAttack(page, mark, 'en');
  const how = await page.evaluate(() => new Promise<string>((resolve) => {
    const req = indexedDB.open('paralelo', 7);
    req.onupgradeneeded = () => { for (const n of [...req.result.objectStoreNames]) req.result.deleteObjectStore(n); };
    req.onsuccess = () => { req.result.close(); resolve('upgraded'); };
    req.onerror = () => resolve(`error ${req.error?.name}`);
  }));
  expect(how).toBe('upgraded');
  await expect(page.getByTestId('storage-notice')).toContainText('saved again');
  await expectResponsive(page);
  await setSource(page, codeCell(page, 0), `${mark}
'after the upgrade'`);
  await expect(page.getByTestId('save-error')).toHaveCount(0);
  await page.waitForTimeout(300);
  await reload(page);
  await expectEditKept(page, mark);
  await expect(await editorText(page, 0)).toContainText("'after the upgrade'");
});

/** Writes `value` under `key` in the page's database, as a damaged copy would be. */
async function writeRaw(page: Page, store: string, key: string, value: unknown): Promise<void> {
  await page.evaluate(([store, key, value]) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('paralelo');
    req.onsuccess = () => {
      const t = req.result.transaction(store as string, 'readwrite');
      t.objectStore(store as string).put(value, key as string);
      t.oncomplete = () => { req.result.close(); resolve(); };
      t.onerror = () => reject(t.error);
    };
    req.onerror = () => reject(req.error);
  }), [store, key, value] as const);
}

test('a stored notebook that no longer loads is quarantined (download or delete it), damaged stored edits are ignored, and everything else works', async ({ page }) => {
  const mark = marker('quarantine');
  await editBeforeAttack(page, mark, 'en');
  await writeRaw(page, 'imported', 'last', { text: '{"nbformat": 4, "cells": "not a list"}', name: 'damaged.ipynb' });
  await writeRaw(page, 'edits', 'en/01/2', { source: 42, knobs: 'no' });
  await reload(page);
  const q = page.getByTestId('quarantine');
  await expect(q).toContainText('The notebook imported last (damaged.ipynb) could not be opened');
  await expect(q).toContainText('"cells" must be an array');
  await expect(page.getByTestId('storage-notice')).toContainText('1 saved edit(s) were damaged and have been ignored');
  await expectResponsive(page);
  await expectEditKept(page, mark);
  const [download] = await Promise.all([page.waitForEvent('download'), q.getByTestId('quarantine-export').click()]);
  expect(download.suggestedFilename()).toBe('damaged.ipynb');
  expect(readFileSync(await download.path(), 'utf8')).toBe('{"nbformat": 4, "cells": "not a list"}');
  await q.getByTestId('quarantine-delete').click();
  await expect(q).toHaveCount(0);
  await reload(page);
  await expect(page.getByTestId('quarantine')).toHaveCount(0);
  await expectEditKept(page, mark);
  // importing works again
  await page.getByTestId('import-file').setInputFiles({ name: 'fine.ipynb', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: '1', metadata: {} }] })) });
  await expect(page).toHaveURL(/#\/en\/imported/);
});

test('reset lesson asks in the page, offers to export first, and cancel keeps the edits', async ({ page }) => {
  const mark = marker('reset');
  await editBeforeAttack(page, mark, 'en');
  await page.getByTestId('reset-lesson').click();
  const dialog = page.getByTestId('reset-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Restore every cell of this lesson');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('reset-dialog-export').click()]);
  expect(readFileSync(await download.path(), 'utf8')).toContain(mark.slice(2));
  await expect(dialog.getByTestId('reset-dialog-note')).toHaveText('Exported.');
  await dialog.getByTestId('reset-dialog-cancel').click();
  await expect(dialog).toHaveCount(0);
  await reload(page);
  await expectEditKept(page, mark);
  await page.getByTestId('reset-lesson').click();
  await page.getByTestId('reset-dialog-reset').click();
  await expect(codeCell(page, 0)).not.toHaveAttribute('data-edited', 'true');
  await expect(await editorText(page, 0)).not.toContainText(mark);
});

test('importing over an imported notebook with edits asks first; cancel keeps them, "import and discard" replaces it', async ({ page }) => {
  await openLesson(page, 'es', '01');
  const nb = (src: string) => Buffer.from(JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: src, metadata: {} }] }));
  await page.getByTestId('import-file').setInputFiles({ name: 'first.ipynb', mimeType: 'application/json', buffer: nb('"first"') });
  await expect(page).toHaveURL(/#\/es\/imported/);
  const mark = marker('import');
  await setSource(page, codeCell(page, 0), `${mark}\n1 + 1`);
  await expect(codeCell(page, 0).getByTestId('edited-badge')).toBeVisible();
  await page.waitForTimeout(300);
  await page.getByTestId('import-file').setInputFiles({ name: 'second.ipynb', mimeType: 'application/json', buffer: nb('"second"') });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toContainText('El cuaderno importado antes tiene 1 celda(s) editada(s)');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-dialog-export').click()]);
  expect(readFileSync(await download.path(), 'utf8')).toContain(mark.slice(2));
  await dialog.getByTestId('import-dialog-cancel').click();
  await expect(dialog).toHaveCount(0);
  await reload(page);
  await expectEditKept(page, mark);
  await page.getByTestId('import-file').setInputFiles({ name: 'second.ipynb', mimeType: 'application/json', buffer: nb('"second"') });
  await page.getByTestId('import-dialog-import').click();
  await expect(await editorText(page, 0)).toContainText('"second"');
  await expect(codeCell(page, 0)).not.toHaveAttribute('data-edited', 'true');
});

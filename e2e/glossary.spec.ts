// The Glossary page (issue 16 §7): reached from the sidebar, every term in both languages with its
// definition, sorted and filtered in the page's language, the other language's term beside it, axe clean.
import { expect, test } from './fixtures';
import { auditThemes } from './a11y';
import { GLOSSARY } from '../src/glossary/terms';

test('the glossary: from the sidebar, every entry in both languages, a filter, axe in both themes', async ({ page }) => {
  await page.goto('/#/es');
  await page.getByTestId('nav-glossary').click();
  await expect(page).toHaveURL(/#\/es\/glossary$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Glosario' })).toBeVisible();
  await expect(page).toHaveTitle(/^Glosario · /);
  const rows = page.getByTestId('glossary-row');
  await expect(rows).toHaveCount(GLOSSARY.length);
  // each row: the Spanish term, the English one (marked lang="en") and the Spanish definition
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-id'), cells: [...tr.children].map((c) => c.textContent), lang: tr.children[1].getAttribute('lang') })));
  for (const r of shown) {
    const e = GLOSSARY.find((g) => g.id === r.id)!;
    expect(r.cells).toEqual([e.es.term, e.en.term, e.es.def]);
    expect(r.lang).toBe('en');
  }
  expect(await auditThemes(page, 'glossary es')).toEqual([]);

  // the filter finds a term from either language, ignoring accents, and says when nothing matches
  await page.getByLabel('Filtrar').fill('race condition');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('th')).toHaveText('condición de carrera');
  await page.getByLabel('Filtrar').fill('epoca');
  await expect(rows.filter({ hasText: 'época' })).toHaveCount(1);
  await page.getByLabel('Filtrar').fill('qwerty');
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('glossary-count')).toHaveText('Ningún término coincide con «qwerty».');

  // the same page in English: English terms first, the Spanish beside them
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page).toHaveURL(/#\/en\/glossary$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  await expect(rows).toHaveCount(GLOSSARY.length);
  const acc = rows.filter({ has: page.locator('th', { hasText: /^accuracy$/ }) });
  await expect(acc.locator('td').first()).toHaveText('exactitud');
  await expect(acc.locator('td').first()).toHaveAttribute('lang', 'es');
  await expect(page.getByTestId('glossary-count')).toHaveText(`${GLOSSARY.length} of ${GLOSSARY.length} terms`);
  expect(await auditThemes(page, 'glossary en')).toEqual([]);
});

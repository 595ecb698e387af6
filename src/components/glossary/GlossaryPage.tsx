// The Glossary page (#/es/glossary): every term of the course in the page's language and the other
// one, with a one-line definition, sorted for the page's language, filtered as you type.
import { useId, useMemo, useState } from 'react';
import { LANGS, type Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import { filterGlossary, GLOSSARY, glossaryIn } from '../../glossary/terms';
import './glossary.css';

export function GlossaryPage({ lang }: { lang: Lang }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const other = LANGS.find((l) => l !== lang)!;
  const sorted = useMemo(() => glossaryIn(lang), [lang]);
  const shown = useMemo(() => filterGlossary(sorted, query), [sorted, query]);
  const filterId = useId();
  const hintId = useId();
  return (
    <div className="glossary-page" data-testid="glossary-page">
      <h1>{t('glossaryPageTitle')}</h1>
      <p className="glossary-lede">{t('glossaryIntro')}</p>
      <div className="glossary-filter">
        <label htmlFor={filterId}>{t('glossaryFilter')}</label>
        <input id={filterId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={hintId} data-testid="glossary-filter" />
        <small id={hintId}>{t('glossaryFilterHint')}</small>
      </div>
      <p className="glossary-count" role="status" data-testid="glossary-count">
        {shown.length ? t('glossaryCount', { n: shown.length, total: GLOSSARY.length }) : t('glossaryNone', { q: query.trim() })}
      </p>
      {shown.length > 0 && (
        <table className="glossary-table" data-testid="glossary-table">
          <caption className="visually-hidden">{t('glossaryCaption')}</caption>
          <thead><tr><th scope="col">{t('glossaryColTerm')}</th><th scope="col">{t('glossaryColOther')}</th><th scope="col">{t('glossaryColDef')}</th></tr></thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-testid="glossary-row" data-id={e.id}>
                <th scope="row">{e[lang].term}</th>
                <td lang={other} className="glossary-other">{e[other].term}</td>
                <td>{e[lang].def}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

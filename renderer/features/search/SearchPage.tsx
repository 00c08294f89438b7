import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../../electron/shared/api';
import { queryTermsOf } from './terms';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { go } from '../shell/route';
import { useLoad } from '../shell/use-load';
import { setPendingHit } from '../study/highlight';

/** Where in its text a hit is: the unit it is in (an article, a clause), else its page or paragraph. */
function where(r: SearchResult, t: (k: string, o?: Record<string, unknown>) => string): string {
  const page = r.format === 'pdf' ? t('reader.page', { n: r.loc }) : '';
  if (r.unit) return [r.unit, page].filter(Boolean).join(' · ');
  if (r.format === 'pdf') return page;
  if (r.format === 'txt') return t('search.paragraph', { n: r.loc + 1 });
  return '';
}

/** Results ranked, each with its snippet and the hit marked; a click opens the reader at the hit. */
export function SearchPage({ q }: { q: string }) {
  const { t } = useTranslation();
  const results = useLoad(() => api['corpus.search']({ q }), [q]);
  const open = (r: SearchResult) => {
    setPendingHit({ docId: r.docId, key: r.key, loc: r.loc, terms: queryTermsOf(q) });
    go('read', r.docId, r.key, r.unit ? { unit: r.unit } : undefined);
  };
  return (
    <section className="card">
      <h1>{t('search.title', { q })}</h1>
      <ErrorNote error={results.error} />
      {results.data === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : results.data.length === 0 ? (
        <p data-testid="no-results">{t('search.none')}</p>
      ) : (
        <>
          <p className="muted">{t('search.count', { n: results.data.length })}</p>
          <ol className="plain-list" data-testid="results">
            {results.data.map((r, i) => (
              <li key={i} className="result">
                <button type="button" className="link doc-title" onClick={() => open(r)}>
                  {r.title}
                </button>
                <span className="tag">{r.kind === 'official' ? t('reader.official') : r.textTitle}</span>
                <span className="where">
                  {r.docNo} {r.unit ? <strong data-testid="hit-unit">{where(r, t)}</strong> : where(r, t)}
                </span>
                <p className="snippet">{pieces(r).map((p, j) => (p.mark ? <mark key={j}>{p.text}</mark> : <span key={j}>{p.text}</span>))}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function pieces(r: SearchResult): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [a, b] of r.marks) {
    if (a < at) continue;
    out.push({ text: r.snippet.slice(at, a), mark: false }, { text: r.snippet.slice(a, b), mark: true });
    at = b;
  }
  out.push({ text: r.snippet.slice(at), mark: false });
  return out;
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { hrefOf } from '../shell/route';
import { useLoad } from '../shell/use-load';
import { ImportPanel } from './ImportPanel';
import { PackPanel } from './PackPanel';

/** 学习文件: the catalog, which official texts are loaded, and import. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const docs = useLoad(() => api['corpus.list']({}), []);
  const [target, setTarget] = useState<string | null | 'new'>(null);
  if (docs.error) return <ErrorNote error={docs.error} />;
  if (!docs.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('documents.title')}</h1>
          <button type="button" className="primary" onClick={() => setTarget('new')}>
            {t('documents.importOwn')}
          </button>
        </div>
        <p className="muted">{t('documents.intro')}</p>
        <PackPanel onImported={docs.reload} />
        {target && <ImportPanel docs={docs.data} docId={target === 'new' ? null : target} onDone={() => (setTarget(null), docs.reload())} onCancel={() => setTarget(null)} />}
        <table className="table" data-testid="documents">
          <thead>
            <tr>
              <th>{t('documents.doc')}</th>
              <th>{t('documents.category')}</th>
              <th>{t('documents.official')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {docs.data.map((d) => {
              const off = d.texts.find((x) => x.kind === 'official');
              return (
                <tr key={d.id}>
                  <td>
                    <a href={hrefOf('read', d.id)}>{d.title}</a>
                    <div className="muted small">
                      {d.docNo} · {d.issuer} {d.required ? `· ${t('documents.required')}` : ''}
                    </div>
                  </td>
                  <td>{d.category}</td>
                  <td>
                    {off?.edition ? t('documents.loaded', { file: off.edition.fileName, at: localDateTime(off.edition.importedAt) }) : <span className="notice">{t('documents.notLoaded')}</span>}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setTarget(d.id)} data-testid={`import-${d.id}`}>
                      {off ? t('documents.newEdition') : t('documents.importOfficial')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, DocFile } from '../../../electron/shared/api';
import { localDateTime } from '../shell/format';
import { hrefOf } from '../shell/route';
import { MarkdownView } from './MarkdownView';
import { markdownOutline } from './outline';
import { PdfView } from './PdfView';
import { PlainTextView } from './PlainTextView';
import { StudyCounter } from './StudyCounter';
import { useStudySession } from './use-study-session';

export function ReaderBody({ campaign, doc }: { campaign: CampaignSummary; doc: DocFile }) {
  const { t } = useTranslation();
  const session = useStudySession(campaign.id, doc.meta.id, doc.ref?.key ?? null, doc.ref !== null);
  const [zoom, setZoom] = useState(1);
  const [pages, setPages] = useState(0);
  const ref = doc.ref;
  const outline = ref?.format === 'md' && doc.text ? markdownOutline(doc.text) : [];
  const hasOfficial = doc.meta.texts.some((x) => x.kind === 'official');
  return (
    <div className="reader">
      <aside className="outline" aria-label={t('reader.outline')}>
        <a href="#/study" className="back">
          ← {t('reader.back')}
        </a>
        <h3>{t('reader.outline')}</h3>
        <ul>
          {outline.map((o) => (
            <li key={o.id} style={{ paddingLeft: (o.level - 1) * 12 }}>
              <button type="button" className="link" onClick={() => document.getElementById(o.id)?.scrollIntoView({ behavior: 'smooth' })}>
                {o.text}
              </button>
            </li>
          ))}
          {Array.from({ length: pages }, (_, i) => (
            <li key={i}>
              <button type="button" className="link" onClick={() => document.getElementById(`page-${i + 1}`)?.scrollIntoView({ behavior: 'smooth' })}>
                {t('reader.page', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="reader-main">
        <div className="reader-bar">
          <div className="grow">
            <strong>{doc.meta.title}</strong>
            <span className="muted small">
              {' '}
              {doc.meta.docNo} · {doc.meta.issuer}
            </span>
            <div className="tabs" role="tablist">
              {doc.meta.texts.map((x) => (
                <a key={x.key} role="tab" aria-selected={x.key === ref?.key} className={x.key === ref?.key ? 'tab active' : 'tab'} href={hrefOf('read', doc.meta.id, x.key)}>
                  {x.kind === 'official' ? t('reader.official') : x.title}
                </a>
              ))}
            </div>
          </div>
          <div className="zoom">
            <button type="button" className="secondary" onClick={() => setZoom((z) => Math.max(0.7, z - 0.15))} aria-label={t('reader.smaller')}>
              A−
            </button>
            <button type="button" className="secondary" onClick={() => setZoom((z) => Math.min(2, z + 0.15))} aria-label={t('reader.larger')}>
              A+
            </button>
          </div>
          {ref && <StudyCounter session={session} campaign={campaign} />}
        </div>
        {!hasOfficial && <p className="notice" data-testid="no-official">{ref ? t('reader.noOfficial') : t('reader.noText')}</p>}
        {ref?.edition && <p className="muted small">{t('reader.edition', { file: ref.edition.fileName, at: localDateTime(ref.edition.importedAt) })}</p>}
        {ref?.format === 'md' && (
          <div style={{ fontSize: `${zoom * 1.15}rem` }}>
            <MarkdownView text={doc.text ?? ''} />
          </div>
        )}
        {ref?.format === 'txt' && (
          <div style={{ fontSize: `${zoom * 1.15}rem` }}>
            <PlainTextView text={doc.text ?? ''} />
          </div>
        )}
        {ref?.format === 'pdf' && <PdfView base64={doc.base64 ?? ''} scale={zoom} onPages={setPages} />}
      </section>
    </div>
  );
}

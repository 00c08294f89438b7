import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { MarkdownView } from './MarkdownView';
import { markdownOutline } from './outline';
import { PdfView } from './PdfView';
import { StudyCounter } from './StudyCounter';
import { useStudySession } from './use-study-session';

export function ReaderPage({ campaign, docId }: { campaign: CampaignSummary; docId: string }) {
  const { t } = useTranslation();
  const doc = useLoad(() => api['corpus.get']({ docId }), [docId]);
  const session = useStudySession(campaign.id, docId);
  const [zoom, setZoom] = useState(1);
  const [pages, setPages] = useState(0);
  if (doc.error) return <ErrorNote error={doc.error} />;
  const d = doc.data;
  const outline = d?.text ? markdownOutline(d.text) : [];
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
            <strong>{d?.meta.title ?? ''}</strong>
            {d && (
              <span className="muted small">
                {' '}
                {d.meta.docNo} · {d.meta.issuer}
              </span>
            )}
            {d?.meta.studyNote && <span className="tag">{t('reader.studyNote')}</span>}
          </div>
          <div className="zoom">
            <button type="button" className="secondary" onClick={() => setZoom((z) => Math.max(0.7, z - 0.15))} aria-label={t('reader.smaller')}>
              A−
            </button>
            <button type="button" className="secondary" onClick={() => setZoom((z) => Math.min(2, z + 0.15))} aria-label={t('reader.larger')}>
              A+
            </button>
          </div>
          <StudyCounter session={session} campaign={campaign} />
        </div>
        {!d ? (
          <p className="muted">{t('common.loading')}</p>
        ) : d.meta.format === 'md' ? (
          <div style={{ fontSize: `${zoom * 1.15}rem` }}>
            <MarkdownView text={d.text ?? ''} />
          </div>
        ) : (
          <PdfView base64={d.base64 ?? ''} scale={zoom} onPages={setPages} />
        )}
      </section>
    </div>
  );
}


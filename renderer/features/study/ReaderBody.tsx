import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, DocFile } from '../../../electron/shared/api';
import { localDateTime } from '../shell/format';
import { hrefOf } from '../shell/route';
import { AttentionCheck } from './AttentionCheck';
import { clearHighlights, findRanges, pendingHitFor, showRanges } from './highlight';
import { MarkdownView } from './MarkdownView';
import { markdownOutline } from './outline';
import { PdfView, type PdfOutlineItem } from './PdfView';
import { PlainTextView } from './PlainTextView';
import { StudyCounter } from './StudyCounter';
import { useReadingPosition } from './use-reading-position';
import { useStudySession } from './use-study-session';

/** campaign null: reading without a study session (officers, archivists, or no campaign yet). */
export function ReaderBody({ campaign, doc, canImport }: { campaign: CampaignSummary | null; doc: DocFile; canImport: boolean }) {
  const { t } = useTranslation();
  const session = useStudySession(campaign?.id ?? '', doc.meta.id, doc.ref?.key ?? null, doc.ref !== null && campaign !== null);
  const [zoom, setZoom] = useState(1);
  const [pages, setPages] = useState(0);
  const [pdfOutline, setPdfOutline] = useState<PdfOutlineItem[]>([]);
  const ref = doc.ref;
  const article = useRef<HTMLDivElement>(null);
  const hit = pendingHitFor(doc.meta.id, ref?.key ?? '');
  const position = useReadingPosition(doc.meta.id, ref?.key ?? null, ref !== null && !hit);
  const pageCount = useRef(0);

  // A search hit in Markdown or text: start looking at its heading or paragraph.
  useEffect(() => {
    if (!hit && ref && ref.format !== 'pdf') void position.restore();
    if (!hit || !ref || ref.format === 'pdf' || !article.current) return;
    const from = ref.format === 'md' ? (hit.loc >= 0 ? document.getElementById(`h-${hit.loc}`) : null) : document.getElementById(`b-${hit.loc}`);
    const ranges = findRanges(article.current, from, hit.terms);
    showRanges(ranges.length > 0 ? ranges : findRanges(article.current, null, hit.terms));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  useEffect(() => clearHighlights, []);
  const onPageReady = (n: number) => {
    if (!hit && n === pageCount.current) void position.restore();
    const layer = hit && hit.loc === n ? document.querySelector(`#page-${n} .textLayer`) : null;
    if (layer) showRanges(findRanges(layer, null, hit!.terms));
  };
  const outline = ref?.format === 'md' && doc.text ? markdownOutline(doc.text) : [];
  const hasOfficial = doc.meta.texts.some((x) => x.kind === 'official');
  return (
    <div className="reader">
      {session.kind === 'active' && session.check && <AttentionCheck key={session.check.id} check={session.check} onAnswer={session.answer} />}
      <aside className="outline" aria-label={t('reader.outline')}>
        <a href={campaign ? '#/study' : '#/search'} className="back">
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
          {pdfOutline.map((o, i) => (
            <li key={`o${i}`} style={{ paddingLeft: (o.level - 1) * 12 }}>
              <button type="button" className="link" onClick={() => document.getElementById(`page-${o.page}`)?.scrollIntoView({ behavior: 'smooth' })}>
                {o.title}
              </button>
            </li>
          ))}
          {pdfOutline.length > 0 && pages > 0 && <li className="muted small">{t('reader.pages')}</li>}
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
          {ref && campaign && <StudyCounter session={session} campaign={campaign} />}
        </div>
        {doc.meta.case && (
          <p className="muted" data-testid="case-source">
            {t('reader.caseSource', { report: doc.meta.case.source.report, authority: doc.meta.case.source.authority })}
          </p>
        )}
        {!hasOfficial && !doc.meta.case && (
          <p className={canImport ? 'notice' : 'muted'} data-testid="no-official">
            {/* what to do about it is for the officers who can import; the reader is told what they are reading */}
            {canImport ? (
              <>
                {ref ? t('reader.noOfficial') : t('reader.noText')} <a href="#/documents">{t('reader.goImport')}</a>
              </>
            ) : ref ? (
              t('reader.noOfficialReader')
            ) : (
              t('reader.noTextReader')
            )}
          </p>
        )}
        {ref?.edition && <p className="muted small">{t('reader.edition', { file: ref.edition.fileName, at: localDateTime(ref.edition.importedAt) })}</p>}
        <div ref={article} style={{ fontSize: `${zoom * 1.15}rem` }}>
          {ref?.format === 'md' && <MarkdownView text={doc.text ?? ''} />}
          {ref?.format === 'txt' && <PlainTextView text={doc.text ?? ''} />}
        </div>
        {ref?.format === 'pdf' && <PdfView base64={doc.base64 ?? ''} zoom={zoom} onPages={(n) => ((pageCount.current = n), setPages(n))} onPageReady={onPageReady} onOutline={setPdfOutline} />}
      </section>
    </div>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outlineUnits } from '../../../electron/core/text-structure';
import type { CampaignSummary, DocFile, PlacedUnit } from '../../../electron/shared/api';
import { localDateTime } from '../shell/format';
import { hrefOf } from '../shell/route';
import { AttentionCheck } from './AttentionCheck';
import { clearHighlights, findRanges, pendingHitFor, showRanges } from './highlight';
import { MarkdownView } from './MarkdownView';
import { markdownOutline } from './outline';
import { PdfView, type PdfOutlineItem } from './PdfView';
import { PlainTextView } from './PlainTextView';
import { StudyCounter } from './StudyCounter';
import { labelRange, markUnit, unitAnchors, unitInView } from './unit-place';
import { UnitOutline } from './UnitOutline';
import { useReadingPosition } from './use-reading-position';
import { useStudySession } from './use-study-session';

/** The outline unit that holds a unit (an article holds its 款 and 项), by index; -1 when none does. */
function outlineIndexOf(units: readonly PlacedUnit[], all: readonly PlacedUnit[], id: string): number {
  const u = all.find((x) => x.id === id);
  if (!u) return -1;
  let at = -1;
  units.forEach((o, i) => {
    if (o.first <= u.first && u.end <= o.end) at = i;
  });
  return at;
}

/**
 * campaign null: reading without a study session (officers, archivists, or no campaign yet).
 * unit: the unit of an official text to open at ('第二十八条'), from a deep link.
 */
export function ReaderBody({ campaign, doc, canImport, unit = null }: { campaign: CampaignSummary | null; doc: DocFile; canImport: boolean; unit?: string | null }) {
  const { t } = useTranslation();
  const session = useStudySession(campaign?.id ?? '', doc.meta.id, doc.ref?.key ?? null, doc.ref !== null && campaign !== null);
  const [zoom, setZoom] = useState(1);
  const [pages, setPages] = useState(0);
  const [pdfOutline, setPdfOutline] = useState<PdfOutlineItem[]>([]);
  const ref = doc.ref;
  const article = useRef<HTMLDivElement>(null);
  const hit = pendingHitFor(doc.meta.id, ref?.key ?? '');
  const position = useReadingPosition(doc.meta.id, ref?.key ?? null, ref !== null && !hit && !unit);
  const pageCount = useRef(0);
  const format = ref?.format ?? 'md';
  const units = useMemo(() => (doc.structure && doc.structure.kind !== 'none' ? (outlineUnits(doc.structure) as PlacedUnit[]) : []), [doc]);
  const asked = unit && doc.structure ? outlineIndexOf(units, doc.structure.units, unit) : -1;
  const [current, setCurrent] = useState(-1);
  const anchors = useRef<(HTMLElement | null)[]>([]);
  const readyPages = useRef(new Set<number>());
  const pendingUnit = useRef(-1);
  /**
   * Where a jump left the page: the scroll a jump makes is not the reader's (near the end of a text
   * the unit cannot reach the top, and the mark must stay on it); any scroll away from there is.
   * By place, not by time, so a reader who scrolls on at once is followed all the same.
   */
  const jumpedTo = useRef<number | null>(null);
  /** a PDF's units found on their drawn pages: the span their label starts */
  const pdfSpans = useRef(new Map<number, HTMLElement>());
  const anchorsNow = () =>
    format === 'pdf'
      ? unitAnchors(article.current!, format, units).map((page, i) => pdfSpans.current.get(i) ?? page)
      : anchors.current.length !== units.length
        ? (anchors.current = unitAnchors(article.current!, format, units))
        : anchors.current;
  /** md/txt: at once; a PDF: when the unit's page is drawn (its text layer holds the label to mark) */
  const jump = (i: number) => {
    const u = units[i];
    if (!u || !article.current) return;
    setCurrent(i);
    const all = anchorsNow();
    const el = all[i];
    if (format === 'pdf' && !readyPages.current.has(u.loc)) {
      pendingUnit.current = i;
      el?.scrollIntoView({ block: 'start' });
    } else if (el) markUnit(el, u, format, all[i + 1] ?? null);
    jumpedTo.current = window.scrollY;
  };

  // A unit asked for: open at it. A search hit in Markdown or text: start looking at its unit, heading or paragraph.
  useEffect(() => {
    anchors.current = [];
    // a search hit in a PDF lands on its page and words; elsewhere the unit is opened and the words lit in it
    if (asked >= 0 && !(hit && format === 'pdf')) jump(asked);
    if (!hit && !unit && ref && ref.format !== 'pdf') void position.restore();
    if (!hit || !ref || ref.format === 'pdf' || !article.current) return;
    const from = asked >= 0 ? (anchorsNow()[asked] ?? null) : ref.format === 'md' ? (hit.loc >= 0 ? document.getElementById(`h-${hit.loc}`) : null) : document.getElementById(`b-${hit.loc}`);
    const ranges = findRanges(article.current, from, hit.terms);
    showRanges(ranges.length > 0 ? ranges : findRanges(article.current, null, hit.terms), asked < 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, unit]);
  useEffect(() => clearHighlights, []);
  // which unit is being read, as the page scrolls
  useEffect(() => {
    if (units.length === 0) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!article.current) return;
        if (jumpedTo.current !== null && Math.abs(window.scrollY - jumpedTo.current) < 2) return;
        jumpedTo.current = null;
        setCurrent(unitInView(anchorsNow()));
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units, format]);
  const onPageReady = (n: number) => {
    readyPages.current.add(n);
    const layer = document.querySelector(`#page-${n} .textLayer`);
    units.forEach((u, i) => {
      const start = u.loc === n && layer ? labelRange(layer, u)?.startContainer.parentElement : null;
      if (start) pdfSpans.current.set(i, start);
    });
    const waiting = units[pendingUnit.current];
    if (waiting && waiting.loc === n) {
      pendingUnit.current = -1;
      const page = document.getElementById(`page-${n}`);
      if (page) markUnit(page, waiting, 'pdf');
      jumpedTo.current = window.scrollY;
    }
    if (!hit && !unit && n === pageCount.current) void position.restore();
    if (layer && hit && hit.loc === n) showRanges(findRanges(layer, null, hit.terms));
  };
  const outline = ref?.format === 'md' && doc.text && units.length === 0 ? markdownOutline(doc.text) : [];
  const hasOfficial = doc.meta.texts.some((x) => x.kind === 'official');
  return (
    <div className={units.length > 0 ? 'reader has-units' : 'reader'}>
      {session.kind === 'active' && session.check && <AttentionCheck key={session.check.id} check={session.check} onAnswer={session.answer} />}
      <aside className="outline" aria-label={t('reader.outline')}>
        <a href={campaign ? '#/study' : '#/search'} className="back">
          ← {t('reader.back')}
        </a>
        <h3>{units.length > 0 ? t('reader.units') : t('reader.outline')}</h3>
        {units.length > 0 && <UnitOutline units={units} current={current} onJump={jump} />}
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
          {units.length === 0 && pdfOutline.length > 0 && pages > 0 && <li className="muted small">{t('reader.pages')}</li>}
          {Array.from({ length: units.length === 0 ? pages : 0 }, (_, i) => (
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
        {unit && asked < 0 && (
          <p className="notice" role="status" data-testid="unit-missing">
            {t('reader.unitMissing', { unit })}
          </p>
        )}
        {ref?.edition && <p className="muted small">{t('reader.edition', { file: ref.edition.fileName, at: localDateTime(ref.edition.importedAt) })}</p>}
        <div ref={article} style={{ fontSize: `${zoom * 1.15}rem` }}>
          {ref?.format === 'md' && <MarkdownView text={doc.text ?? ''} />}
          {ref?.format === 'txt' && <PlainTextView text={doc.text ?? ''} />}
        </div>
        {ref?.format === 'pdf' && (
          <PdfView
            base64={doc.base64 ?? ''}
            zoom={zoom}
            onPages={(n) => {
              // drawn again (a new zoom): the pages and their spans are new
              readyPages.current.clear();
              pdfSpans.current.clear();
              pageCount.current = n;
              setPages(n);
            }}
            onPageReady={onPageReady}
            onOutline={setPdfOutline}
          />
        )}
      </section>
    </div>
  );
}

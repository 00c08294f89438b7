import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';
import { base64ToBytes } from '../../lib/api';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * A PDF rendered with pdf.js page by page: a canvas for the look and a text layer on top, so text
 * can be selected and search hits highlighted. Pages fit the column width, times the reader's zoom.
 */
export interface PdfOutlineItem {
  title: string;
  page: number;
  level: number;
}

/** The PDF's own bookmarks, flattened, each with its 1-based page (items without a page are left out). */
async function outlineOf(doc: pdfjs.PDFDocumentProxy): Promise<PdfOutlineItem[]> {
  const out: PdfOutlineItem[] = [];
  const walk = async (items: Awaited<ReturnType<pdfjs.PDFDocumentProxy['getOutline']>> | null, level: number) => {
    for (const it of items ?? []) {
      try {
        const dest = typeof it.dest === 'string' ? await doc.getDestination(it.dest) : it.dest;
        const ref = dest?.[0];
        const index = ref && typeof ref === 'object' ? await doc.getPageIndex(ref) : typeof ref === 'number' ? ref : null;
        if (index !== null) out.push({ title: it.title, page: index + 1, level });
      } catch {
        // a broken bookmark: leave it out
      }
      await walk(it.items, level + 1);
    }
  };
  await walk(await doc.getOutline(), 1);
  return out;
}

export function PdfView({
  base64,
  zoom,
  onPages,
  onPageReady,
  onOutline,
}: {
  base64: string;
  zoom: number;
  onPages?: (n: number) => void;
  onPageReady?: (page: number) => void;
  onOutline?: (items: PdfOutlineItem[]) => void;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const el = host.current!;
    el.replaceChildren();
    const task = pdfjs.getDocument({ data: base64ToBytes(base64), isEvalSupported: false });
    (async () => {
      try {
        const doc = await task.promise;
        if (cancelled) return;
        onPages?.(doc.numPages);
        void outlineOf(doc).then((o) => !cancelled && onOutline?.(o));
        const width = Math.max(320, el.clientWidth - 8);
        for (let i = 1; i <= doc.numPages && !cancelled; i++) {
          const page = await doc.getPage(i);
          const scale = (width / page.getViewport({ scale: 1 }).width) * zoom;
          const viewport = page.getViewport({ scale });
          const wrap = document.createElement('div');
          wrap.className = 'pdf-page';
          wrap.id = `page-${i}`;
          wrap.setAttribute('aria-label', t('reader.page', { n: i }));
          wrap.style.width = `${Math.floor(viewport.width)}px`;
          wrap.style.height = `${Math.floor(viewport.height)}px`;
          for (const [k, v] of Object.entries({ '--scale-factor': scale, '--total-scale-factor': scale, '--scale-round-x': '1px', '--scale-round-y': '1px' })) wrap.style.setProperty(k, String(v));
          const canvas = document.createElement('canvas');
          const ratio = window.devicePixelRatio || 1;
          canvas.width = Math.floor(viewport.width * ratio);
          canvas.height = Math.floor(viewport.height * ratio);
          const text = document.createElement('div');
          text.className = 'textLayer';
          wrap.append(canvas, text);
          el.appendChild(wrap);
          await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
          await new pdfjs.TextLayer({ textContentSource: await page.getTextContent(), container: text, viewport }).render();
          if (!cancelled) onPageReady?.(i);
        }
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base64, zoom]);

  return (
    <div className="pdf">
      {error && <p className="error">{t('reader.pdfError', { message: error })}</p>}
      <div ref={host} />
    </div>
  );
}

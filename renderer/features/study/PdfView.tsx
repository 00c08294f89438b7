import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { base64ToBytes } from '../../lib/api';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** A PDF rendered with pdf.js, page by page, each page as a canvas at the reader's zoom. */
export function PdfView({ base64, scale, onPages }: { base64: string; scale: number; onPages?: (n: number) => void }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const el = host.current!;
    el.replaceChildren();
    const task = pdfjs.getDocument({ data: base64ToBytes(base64), isEvalSupported: false });
    (async () => {
      try {
        const doc = await task.promise;
        if (cancelled) return;
        setPages(doc.numPages);
        onPages?.(doc.numPages);
        for (let i = 1; i <= doc.numPages && !cancelled; i++) {
          const page = await doc.getPage(i);
          const viewport = page.getViewport({ scale: scale * 1.4 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.className = 'pdf-page';
          canvas.id = `page-${i}`;
          canvas.setAttribute('aria-label', t('reader.page', { n: i }));
          el.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
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
  }, [base64, scale]);

  return (
    <div className="pdf" data-pages={pages}>
      {error && <p className="error">{t('reader.pdfError', { message: error })}</p>}
      <div ref={host} />
    </div>
  );
}

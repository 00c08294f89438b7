// The PDF reader: a process of its own (see services/corpus/pdf-reader.ts), started for a PDF and kept
// for the next ones while it stays small. For each PDF it gets the bytes, answers the page count, a
// message per page read (with its resident memory), then the paragraphs — or why the file cannot be
// read. It ends itself if its memory passes the cap it was given (the server also watches it from
// outside, and kills it).
import { ENGINE_ENV, OVER_CAP_EXIT, PdfProblem, type ReaderJob, type ReaderReply } from './pdf-reader';
import { loadPdfium, readPdfHere } from './pdfium-text';
import { loadPdfjs, readPdfWithPdfjs } from './pdfjs-text';

// Source maps of what it loads are not needed to read a PDF (and pdf.js's would cost tens of MB).
process.setSourceMapsEnabled?.(false);
// its engine is loaded as it starts, before the first PDF arrives (a failure shows when one is read)
void (process.env[ENGINE_ENV] === 'pdfjs' ? loadPdfjs() : loadPdfium()).catch(() => undefined);
// the server gone, a reader waiting for a PDF has nothing left to do
process.once('disconnect', () => process.exit(0));

const send = (m: ReaderReply) => process.send!(m);
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
let capMb = Infinity;
// this reading's peak resident memory (sampled), for the benchmark
let peakMb = 0;
const check = () => {
  const mb = rssMb();
  peakMb = Math.max(peakMb, mb);
  if (mb > capMb) process.exit(OVER_CAP_EXIT);
};
setInterval(check, 50).unref();

process.on('message', (m: ReaderJob) => {
  capMb = m.rssCapMb;
  peakMb = 0;
  check();
  const bytes = m.bytes instanceof Uint8Array ? m.bytes : new Uint8Array(m.bytes as ArrayLike<number>);
  const read = m.engine === 'pdfjs' ? readPdfWithPdfjs : readPdfHere;
  read(bytes, (done, total) => {
    check();
    send(done === 0 ? { total } : { done, rssMb: Math.round(rssMb()) });
  }).then(
    (r) => {
      check();
      send({ read: { ...r, readerPeakMb: Math.round(peakMb) } });
    },
    (e: unknown) => send({ failed: e instanceof PdfProblem ? e.kind : 'unreadable' }),
  );
});

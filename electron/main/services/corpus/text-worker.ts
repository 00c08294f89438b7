// The PDF reader: a process of its own (see services/corpus/pdf-reader.ts), started for one PDF. It gets the
// bytes, answers the page count, a message per page read (with its resident memory), then the
// paragraphs — or why the file cannot be read. It ends itself if its memory passes the cap it was
// given (the server also watches it from outside, and kills it).
import { OVER_CAP_EXIT, type ReaderJob, type ReaderReply } from './pdf-reader';
import { PdfProblem, readPdfHere } from './text-extract';

// Source maps of what it loads are not needed to read a PDF (and pdf.js's would cost tens of MB).
process.setSourceMapsEnabled?.(false);

const send = (m: ReaderReply) => process.send!(m);
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;

process.once('message', (m: ReaderJob) => {
  const check = () => {
    if (rssMb() > m.rssCapMb) process.exit(OVER_CAP_EXIT);
  };
  setInterval(check, 50).unref();
  const bytes = m.bytes instanceof Uint8Array ? m.bytes : new Uint8Array(m.bytes as ArrayLike<number>);
  readPdfHere(bytes, (done, total) => {
    check();
    send(done === 0 ? { total } : { done, rssMb: Math.round(rssMb()) });
  }).then(
    (read) => send({ read }),
    (e: unknown) => send({ failed: e instanceof PdfProblem ? e.kind : 'unreadable' }),
  );
});

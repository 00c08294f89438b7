// pdf.js ships no types for its worker module; what we use of it (services/corpus/text-extract.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

// A worker thread that reads some pages of a long PDF (services/text-extract.ts gives each worker a
// contiguous share): one message in with the bytes and the pages, a progress message per page,
// then the paragraphs.
import { parentPort } from 'node:worker_threads';
import { pdfPageBlocks, type Block } from './text-extract';

export type TextJob = { bytes: Uint8Array; pages: number[] };
export type TextReply = { progress: number } | { blocks: Block[] } | { error: string };

parentPort?.once('message', (m: TextJob) => {
  let done = 0;
  pdfPageBlocks(m.bytes, m.pages, () => parentPort!.postMessage({ progress: ++done } satisfies TextReply)).then(
    (blocks) => parentPort!.postMessage({ blocks } satisfies TextReply),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies TextReply),
  );
});

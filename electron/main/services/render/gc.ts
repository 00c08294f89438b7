// Garbage collected where a long pass over everyone knows its garbage is done with. V8 otherwise
// lets the heap of a pass over 3,000 people's files grow by hundreds of MB before it collects
// (measured: a batch archive's peak went from ~600 to ~820 MB on the same data, run to run); a
// full collection of a heap of ~100 MB takes tens of milliseconds.
import v8 from 'node:v8';
import vm from 'node:vm';

// process-wide, not per app: there is one heap (and one collector) however many apps the process runs
let gc: (() => void) | null | undefined;
let after = 0;

function collector(): (() => void) | null {
  if (gc === undefined) {
    const given = (globalThis as { gc?: () => void }).gc;
    if (typeof given === 'function') gc = given;
    else {
      try {
        // the collector is reachable from a new context once the flag is set
        v8.setFlagsFromString('--expose-gc');
        gc = vm.runInNewContext('gc') as () => void;
      } catch {
        gc = null;
      }
    }
  }
  return gc;
}

/** what this thread's heap holds, with the bytes of its buffers (a file read whole, a PDF from a worker) */
function held(): number {
  const h = v8.getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/** Collect now if the heap and its buffers have grown by more than `mb` since the last time (cheap to call per person or per file). */
export function collectIfGrown(mb = 48): void {
  if (held() - after < mb * 1024 * 1024) return;
  const run = collector();
  if (!run) return;
  run();
  after = held();
}

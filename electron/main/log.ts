// The server's log (standard error), and the one limit every line of it goes through: at most
// `burst` lines per window (10 s), then one line that counts what was left out. A flood of refused
// requests, or of failures (a broken data file answering 500 to every request, a full disk), cannot
// fill the disk or bury the rest. A stack trace counts line by line.
//
// A failure is logged once per distinct error (its message and where it was thrown) with its
// reference number and stack; the same error again within REPEAT_MS answers its caller with that
// same reference (so what a user reads out can be found) and is only counted. A reference that does
// not fit in the window is named on the line that counts what was left out.
import { randomBytes } from 'node:crypto';
import { format } from 'node:util';

export interface ServerLog {
  /** text written as lines (a multi-line text counts as several), control characters escaped */
  line(text: string): void;
  /** a failure of ours: logged (or counted) under a reference, which is returned for the caller's answer */
  error(context: string, e: unknown): string;
  /** write now what was left out (at exit) */
  flush(): void;
}

/** the same error within this time is counted, not logged again (after it, logged again with a new reference) */
export const REPEAT_MS = 10 * 60_000;
/** references named on a line that counts what was left out */
const REFS_NAMED = 10;
/** stack lines of one error at most (Node keeps 10 frames; a cause adds its own) */
const STACK_LINES = 16;

/** Control characters would let a request forge log lines: shown escaped (a tab stays a tab). */
export function printable(s: string, max = Infinity): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function stackLines(e: unknown): string[] {
  const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : format('%o', e);
  const lines = text.split(/\r?\n/);
  const cause = e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
  if (cause !== undefined) lines.push(...`[cause] ${cause instanceof Error ? (cause.stack ?? cause.message) : format('%o', cause)}`.split(/\r?\n/));
  return lines.slice(0, STACK_LINES);
}

/** What makes two failures the same: the error's kind and message, and the first frame it was thrown from. */
function keyOf(e: unknown): string {
  if (!(e instanceof Error)) return format('%o', e).slice(0, 500);
  const frame = /\n\s+at .*/.exec(e.stack ?? '')?.[0] ?? '';
  return `${e.name}: ${e.message}${frame}`;
}

export function boundedLog(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`), burst = 30, windowMs = 10_000, now = Date.now): ServerLog {
  let windowStart = -Infinity;
  let shown = 0;
  let leftLines = 0;
  let leftErrors = 0;
  const leftRefs = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  /** distinct errors logged lately: key → reference and when */
  const seen = new Map<string, { ref: string; at: number }>();

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (leftLines === 0 && leftErrors === 0) return;
    const refs = [...leftRefs].slice(0, REFS_NAMED).join(' ') + (leftRefs.size > REFS_NAMED ? ' …' : '');
    const zh: string[] = [];
    const en: string[] = [];
    if (leftLines > 0) {
      zh.push(`另有 ${leftLines} 行日志未逐条记录`);
      en.push(`${leftLines} more log lines not written`);
    }
    if (leftErrors > 0) {
      zh.push(`${leftErrors} 次服务器内部错误未逐条记录（编号 ${refs}）`);
      en.push(`${leftErrors} internal server errors not written one by one (refs ${refs})`);
    }
    write(`[anxue] ${zh.join('；')} / ${en.join('; ')}`);
    leftLines = 0;
    leftErrors = 0;
    leftRefs.clear();
  };
  /** a new window once this one is over (saying first what this one left out) */
  const roll = (t: number) => {
    if (t - windowStart >= windowMs) {
      flush();
      windowStart = t;
      shown = 0;
    }
  };
  const leaveOut = (t: number, lines: number) => {
    leftLines += lines;
    // said when the window ends, even if nothing more comes
    if (!timer) timer = setTimeout(flush, Math.max(0, windowStart + windowMs - t)).unref();
  };
  /** write what fits of these lines; true when the first one was written */
  const emit = (t: number, lines: string[]): boolean => {
    roll(t);
    const room = Math.max(0, burst - shown);
    const out = lines.slice(0, room);
    for (const l of out) write(l);
    shown += out.length;
    if (out.length < lines.length) leaveOut(t, lines.length - out.length);
    return out.length > 0;
  };

  return {
    line(text) {
      emit(
        now(),
        text.split(/\r?\n/).map((l) => printable(l, 2000)),
      );
    },
    error(context, e) {
      const t = now();
      roll(t);
      for (const [k, v] of seen) if (t - v.at >= REPEAT_MS) seen.delete(k);
      const key = keyOf(e);
      const before = seen.get(key);
      if (before) {
        // the same failure again: its caller gets the reference of the lines already written
        leftErrors += 1;
        leftRefs.add(before.ref);
        leaveOut(t, 0);
        return before.ref;
      }
      const ref = randomBytes(4).toString('hex');
      const [first = '', ...stack] = stackLines(e);
      const head = `[anxue] ${new Date(t).toISOString()} ${printable(context, 200)} failed (ref ${ref}): ${printable(first, 2000)}`;
      if (emit(t, [head, ...stack.map((l) => printable(l, 2000))])) seen.set(key, { ref, at: t });
      else {
        leftErrors += 1;
        leftRefs.add(ref);
      }
      return ref;
    },
    flush,
  };
}

/** The log of this process: every line the server writes to standard error goes through it. */
export const serverLog: ServerLog = boundedLog();

/**
 * console.error and console.warn through the limit too (a library's warning, a line no one routed):
 * for the `serve` process, whose standard error is the server's log.
 */
export function routeConsoleToLog(log: ServerLog = serverLog): void {
  console.error = (...args: unknown[]) => log.line(format(...args));
  console.warn = (...args: unknown[]) => log.line(format(...args));
}

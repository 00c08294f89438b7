// One line per refused or failed request on the server's log (stderr), so an admin can see what
// was tried and from where. Flooding cannot fill the disk or hide the rest: at most `burst` lines
// per window, then one line saying how many more were left out.

export interface RequestLog {
  refused(status: number, method: string, target: string, address: string, why: string): void;
}

/** Control characters and very long targets would make the log itself a tool: shown escaped and cut. */
function printable(s: string, max = 160): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function requestLog(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`), burst = 30, windowMs = 10_000, now = Date.now): RequestLog {
  let windowStart = 0;
  let shown = 0;
  let leftOut = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (leftOut > 0) write(`[anxue] 另有 ${leftOut} 个请求被拒绝，未逐条记录 / ${leftOut} more refused requests not logged`);
    leftOut = 0;
  };
  return {
    refused(status, method, target, address, why) {
      const t = now();
      if (t - windowStart >= windowMs) {
        flush();
        windowStart = t;
        shown = 0;
      }
      if (shown >= burst) {
        leftOut += 1;
        // said when the window ends, even if nothing more comes
        if (!timer) timer = setTimeout(flush, Math.max(0, windowStart + windowMs - t)).unref();
        return;
      }
      shown += 1;
      write(`[anxue] ${new Date(t).toISOString()} ${status} ${printable(method, 20)} ${printable(target)} from ${printable(address, 60)}: ${printable(why, 200)}`);
    },
  };
}

// One line per refused or failed request on the server's log (stderr), so an admin can see what
// was tried and from where. The lines go through the log's limit (../log.ts), shared with every
// other line the server writes: at most 30 per 10 seconds, then one line counting what was left out.
import { boundedLog, printable, serverLog, type ServerLog } from '../log';

export interface RequestLog {
  refused(status: number, method: string, target: string, address: string, why: string): void;
}

/** On `log` (the process's server log by default); a `write` of its own gets a limit of its own (tests). */
export function requestLog(write?: (line: string) => void, burst = 30, windowMs = 10_000, now = Date.now, log: ServerLog = write ? boundedLog(write, burst, windowMs, now) : serverLog): RequestLog {
  return {
    refused(status, method, target, address, why) {
      // control characters and very long targets would make the log itself a tool: escaped and cut
      log.line(`[anxue] ${new Date(now()).toISOString()} ${status} ${printable(method, 20)} ${printable(target, 160)} from ${printable(address, 60)}: ${printable(why, 200)}`);
    },
  };
}

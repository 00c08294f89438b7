// `serve`: the browser-mode server, running until SIGINT or SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../server';
import { routeConsoleToLog, serverLog } from '../log';
import { TlsProblem } from '../transport/tls';
import { hostName, isLoopbackName } from '../transport/host-check';
import { CliError, dbOf, listOf, need, redact, refused, say, type Out } from './common';
import { said } from '../../core/message';

export async function serveCommand(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      db: { type: 'string' },
      'test-clock-speed': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean' },
    },
  });
  const dataDir = need(values.data, 'data');
  const port = Number(need(values.port, 'port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw refused('cli.badPort', { port: String(values.port) });
  let clockSpeed = 1;
  if (values['test-clock-speed'] !== undefined) {
    // Test-only: lets an end-to-end test accrue study time fast. Refused unless the test
    // harness sets ANXUE_ALLOW_TEST_CLOCK=1; never used by the desktop app.
    if (process.env.ANXUE_ALLOW_TEST_CLOCK !== '1') throw refused('cli.testClockOnly');
    clockSpeed = Number(values['test-clock-speed']);
    if (!(clockSpeed >= 1 && clockSpeed <= 1000)) throw refused('cli.testClockRange');
  }
  const host = values.host ?? '127.0.0.1';
  const allowedHosts = values['allowed-host'] ?? [];
  for (const h of allowedHosts) if (!hostName(h)) throw refused('cli.badAllowedHost', { host: h });
  const db = dbOf(values.db);
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if (values['insecure-http'] && (certFile || keyFile)) throw refused('cli.insecureWithTls');
  if (Boolean(certFile) !== Boolean(keyFile)) throw refused('cli.tlsPair');
  const tls = values['insecure-http'] ? ('off' as const) : certFile && keyFile ? { certFile, keyFile } : undefined;
  let s: Awaited<ReturnType<typeof startServer>>;
  try {
    s = await startServer({ dataDir, port, host, clockSpeed, allowedHosts, ...(db ? { db } : {}), ...(tls ? { tls } : {}) });
  } catch (e) {
    if (e instanceof TlsProblem) throw new CliError(e.message, e.said);
    throw e;
  }
  if (db) out(say('cli.serve.postgres', { db: redact(db), dir: path.resolve(dataDir) }));
  if (clockSpeed !== 1) out(say('cli.serve.testClock', { speed: clockSpeed }));
  const lan = !isLoopbackName(hostName(host) ?? host);
  if (s.tls) {
    const how = said(s.tls.source === 'supplied' ? 'cli.serve.tlsSupplied' : s.tls.source === 'generated' ? 'cli.serve.tlsGenerated' : 'cli.serve.tlsKept', { file: s.tls.certFile });
    out(say('cli.serve.https', { how, validTo: s.tls.validTo }));
    out(say('cli.serve.fingerprint', { fingerprint: s.tls.fingerprint }));
  }
  if (lan && !s.tls) out(say('cli.serve.insecure'));
  if (lan) out(say('cli.serve.lan', { host, also: allowedHosts.length ? said('cli.serve.lanAlso', { names: listOf(allowedHosts) }) : '' }));
  if (lan && s.setupCode) out(say('cli.serve.setupCode', { code: s.setupCode }));
  out(say('cli.serve.started', { url: s.url }));
  // from here on, standard error is the server's log: every line of it within the log's limit
  routeConsoleToLog();
  await new Promise<void>((resolve) => {
    const stop = () =>
      void s
        .close()
        .then(() => serverLog.flush())
        .then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

// Browser / LAN mode entry: the same services over HTTP, serving the built renderer.
// No electron import here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openApp, type StoreOptions } from './app';
import { generateSetupCode } from './services/accounts/auth';
import { createHttpServer, removeStaleSpools } from './transport/http';
import { hostName, hostPolicy, isLoopbackName } from './transport/host-check';
import { tlsMaterial, type TlsMaterial } from './transport/tls';
import type { Ports } from './services/ports';
import { dailyCheckpoints } from './services/signing/signing';
import { serverLog } from './log';
import { cliLang, sayCli, sayIn } from './messages';
import { MessageError, said } from '../core/message';

export interface ServeOptions extends StoreOptions {
  port: number;
  host: string;
  rendererDir?: string;
  contentDir?: string;
  clockSpeed?: number;
  /** more Host names to answer to (the plant's DNS name for this server), besides loopback and this PC's own */
  allowedHosts?: string[];
  /**
   * TLS. Absent: on when the server listens beyond this PC (a certificate made and kept in the
   * data folder), off on loopback. 'off': plain HTTP even on the LAN (--insecure-http). Files:
   * the plant's own certificate and key.
   */
  tls?: 'off' | { certFile: string; keyFile: string };
}

export interface RunningServer {
  url: string;
  /** the certificate served with, when on TLS */
  tls: TlsMaterial | null;
  ports: Ports;
  /** while the folder is not set up: the code first-run setup from another PC must give */
  setupCode: string | null;
  close: () => Promise<void>;
}

export function defaultRendererDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/renderer');
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const opened = openApp({ dataDir: o.dataDir, db: o.db, schema: o.schema, contentDir: o.contentDir, clockSpeed: o.clockSpeed });
  let setupCode: string | null;
  try {
    setupCode = (await opened.store.meta.peek()).enterprise === null ? generateSetupCode() : null;
  } catch (e) {
    await opened.close();
    throw new MessageError(said(o.db ? 'server.cannotUseDb' : 'server.cannotReadFolder', { why: e instanceof Error ? e.message : String(e) }));
  }
  const ports: Ports = { ...opened, setupCode };
  // what opening the folder found (a torn journal end skipped, seals begun, the seal key not here): said at start
  for (const n of opened.store.seals?.notes() ?? []) console.log(`[anxue] ${sayIn(cliLang(), n)}`);
  const rendererDir = o.rendererDir ?? defaultRendererDir();
  const lan = !isLoopbackName(hostName(o.host) ?? o.host);
  let tls: TlsMaterial | null = null;
  try {
    if (o.tls && o.tls !== 'off') tls = await tlsMaterial({ dataDir: o.dataDir, certFile: o.tls.certFile, keyFile: o.tls.keyFile, allowedHosts: o.allowedHosts ?? [] });
    else if (o.tls === undefined && lan) tls = await tlsMaterial({ dataDir: o.dataDir, allowedHosts: o.allowedHosts ?? [] });
  } catch (e) {
    await opened.close();
    throw e;
  }
  // uploads a server killed mid-way left in the temporary folder
  const stale = removeStaleSpools();
  if (stale > 0) serverLog.line(`[anxue] ${sayCli('log.staleSpools', { count: stale })}`);
  const server = createHttpServer(ports, {
    rendererDir: existsSync(path.join(rendererDir, 'index.html')) ? rendererDir : null,
    hosts: hostPolicy(o.host, o.allowedHosts ?? []),
    ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => resolve());
    });
  } catch (e) {
    await opened.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new MessageError(code === 'EADDRINUSE' ? said('server.portInUse', { port: o.port }) : said('server.cannotListen', { host: o.host, port: o.port, why: String(e) }));
  }
  // after the start, a server error (out of file handles, say) is logged; it never ends the process
  server.on('error', (e) => void serverLog.error('the server', e));
  // signed checkpoints of every record at each day's end, once an admin has unlocked the key
  const stopCheckpoints = dailyCheckpoints(ports);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const wild = o.host === '0.0.0.0' || o.host === '::';
  const shownHost = wild ? 'localhost' : o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${port}/`,
    tls,
    ports,
    setupCode,
    close: () =>
      new Promise<void>((resolve) => {
        stopCheckpoints();
        server.closeAllConnections?.();
        server.close(() => void opened.close().then(() => resolve()));
      }),
  };
}

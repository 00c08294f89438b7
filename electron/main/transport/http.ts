// HTTP transport for browser / LAN mode: POST /api/<call> with a JSON body and a Bearer token.
//
// Every request runs inside one error boundary: a malformed URL, body or JSON, and any error
// thrown while handling it, become an answer (400/413/500…) and a line in the server log; the
// process never ends because of a request. Before anything is read from a body, the request must
// name a call this caller may make: without a session only the login and setup calls may send a
// body, and only a small one. And before that, a request a page of another site made the browser
// send is refused (origin-check.ts).
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { api, DEFAULT_MAX_BODY, maxBodyOf, type ApiErrorBody, type CallName } from '../../shared/api';
import type { MessageKey, MessageParams } from '../../shared/messages';
import { ApiError } from '../services/errors';
import { langOf, type ClientInfo, type Ports } from '../services/ports';
import { admit, inCall, isCallName, run, toFailure } from './dispatch';
import { clientAddress, isLoopbackAddress, type HostPolicy } from './host-check';
import { crossSiteRefusal } from './origin-check';
import { requestLog, type RequestLog } from './request-log';
import { BYTES_CALLS, receiveBytes } from './upload-body';

/** what a call anyone may make (login, setup) may send: its input is a few hundred bytes */
export const PUBLIC_MAX_BODY = 16 * 1024;
/** a small body that has not arrived by then is not coming */
const PUBLIC_BODY_MS = 10_000;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.bcmap': 'application/octet-stream',
};

class HttpRefusal extends ApiError {
  constructor(
    readonly status: number,
    code: ApiErrorBody['code'],
    key: MessageKey,
    params?: MessageParams,
  ) {
    super(code, key, params);
  }
}

const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8', extra: http.OutgoingHttpHeaders = {}) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': type, ...BASE_HEADERS, ...extra });
  res.end(body);
}

/** how long a refused body may go on arriving (and be thrown away) so the client can read the answer */
const LINGER_MS = 2000;

/**
 * Answer without taking in the body the client is sending: once the answer is out, our side of
 * the connection is closed; what still arrives is thrown away as it comes (never kept) for at
 * most LINGER_MS, then the connection is cut. Cutting it at once would make the client's system
 * drop the answer unread while it is still sending.
 */
function sendUnread(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: ApiErrorBody) {
  const declared = req.headers['content-length'];
  if (!req.headers['transfer-encoding'] && (declared === undefined || Number(declared) <= PUBLIC_MAX_BODY)) {
    // a small body (an expired session's next call): read past and keep the connection
    req.resume();
    return send(res, status, JSON.stringify(error));
  }
  const socket = req.socket;
  res.once('finish', () => {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    req.resume();
    socket.end();
  });
  send(res, status, JSON.stringify(error));
}

function readBody(req: http.IncomingMessage, limit: number, deadlineMs: number | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | null = null;
    const fail = (e: Error) => {
      if (timer) clearTimeout(timer);
      req.removeAllListeners('data');
      reject(e);
    };
    if (deadlineMs !== null) timer = setTimeout(() => fail(new HttpRefusal(408, 'bad_input', 'transport.bodyTooSlow')), deadlineMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) return fail(new HttpRefusal(413, 'too_large', 'transport.tooLargeKb', { kb: Math.round(limit / 1024) }));
      chunks.push(c);
    });
    req.on('end', () => {
      if (timer) clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => fail(new HttpRefusal(400, 'bad_input', 'transport.connectionLost')));
  });
}

/** An upload's temporary file: `anxue-upload-p<pid of the server>-<random>`, so a server knows which are whose. */
const SPOOL_PREFIX = 'anxue-upload-';

/**
 * The temporary files of uploads that a server which has ended (a crash, a SIGKILL, a power cut)
 * left behind: those of a process that no longer runs, and those named before the pid was part of
 * the name that are a day old. A running server's are left alone (several may share the folder).
 * Returns how many were removed.
 */
export function removeStaleSpools(dir = os.tmpdir(), now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(SPOOL_PREFIX));
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = /^anxue-upload-p(\d+)-/.exec(name)?.[1];
    const file = path.join(dir, name);
    try {
      const stale = pid ? !processRuns(Number(pid)) : now - statSync(file).mtimeMs > 86_400_000;
      if (!stale) continue;
      rmSync(file, { force: true });
      removed += 1;
    } catch {
      // gone meanwhile, or not ours to remove: left as it is
    }
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An upload's body (a call whose limit is above the JSON calls' 1 MB): written to a temporary file
 * (readable by this user only) as it arrives, never gathered in memory, and read only once it is
 * complete and within the limit. Past the limit, writing stops, the file is removed and the
 * request is refused; what the client still sends is thrown away (sendUnread). The file is removed
 * in every case (and if the server is killed meanwhile, by the next start: removeStaleSpools).
 */
async function spoolBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const file = path.join(os.tmpdir(), `${SPOOL_PREFIX}p${process.pid}-${randomUUID()}`);
  const out = createWriteStream(file, { mode: 0o600, flags: 'wx' });
  try {
    await new Promise<void>((resolve, reject) => {
      let size = 0;
      const fail = (e: Error) => {
        req.removeListener('data', onData);
        req.removeListener('end', onEnd);
        out.removeListener('drain', onDrain);
        out.destroy();
        reject(e);
      };
      const onDrain = () => req.resume();
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > limit) return fail(new HttpRefusal(413, 'too_large', 'transport.tooLargeMb', { mb: Math.round(limit / 1024 / 1024) }));
        // the disk is slower than the network: the client waits instead of the memory filling up
        if (!out.write(c)) req.pause();
      };
      const onEnd = () => out.end(() => resolve());
      out.on('drain', onDrain);
      out.on('error', () => fail(new HttpRefusal(500, 'internal', 'transport.uploadNotStored')));
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', () => fail(new HttpRefusal(400, 'bad_input', 'transport.connectionLost')));
    });
    return await readFile(file, 'utf8');
  } finally {
    await rm(file, { force: true });
  }
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpRefusal(400, 'bad_input', 'transport.badUrlEncoding');
  }
}

const tooLarge = (name: CallName, limit: number) => {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return { name, size };
};

function parseTarget(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    throw new HttpRefusal(400, 'bad_input', 'transport.badUrl');
  }
}

export interface HttpOptions {
  /** the built renderer, or null when there is none */
  rendererDir: string | null;
  /** which Host names are answered; without it, any (tests of other things) */
  hosts?: HostPolicy;
  /** answers carry Strict-Transport-Security (the server is on TLS) */
  hsts?: boolean;
  /** serve HTTPS with this certificate and key (PEM); HSTS then goes with every answer */
  tls?: { cert: string; key: string };
  log?: RequestLog;
}

export function createHttpServer(ports: Ports, o: HttpOptions): http.Server {
  const log = o.log ?? requestLog();
  const opts = { ...o, log, hsts: o.hsts ?? Boolean(o.tls) };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const client: ClientInfo = { address: clientAddress(req.socket.remoteAddress), loopback: isLoopbackAddress(req.socket.remoteAddress ?? ''), lang: langOf(req.headers['x-anxue-lang']) };
    // errors on either side of a broken connection are not ours to throw
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (opts.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    handle(ports, opts, client, req, res).catch((e: unknown) => {
      const method = req.method ?? '?';
      if (e instanceof HttpRefusal) {
        log.refused(e.status, method, req.url ?? '', client.address, e.message);
        if (e.status === 413 || e.status === 408) return sendUnread(req, res, e.status, e.toBody());
        return send(res, e.status, JSON.stringify(e.toBody()));
      }
      const f = toFailure(e, `${method} ${req.url ?? ''}`, client.loopback);
      log.refused(f.status, method, req.url ?? '', client.address, f.error.message);
      send(res, f.status, JSON.stringify(f.error));
    });
  };
  // on TLS, a client that speaks plain HTTP (or a bad handshake) gets no answer: the connection ends
  const server: http.Server = o.tls ? (https.createServer({ cert: o.tls.cert, key: o.tls.key, minVersion: 'TLSv1.2' }, onRequest) as unknown as http.Server) : http.createServer(onRequest);
  if (o.tls)
    server.on('tlsClientError', (err: NodeJS.ErrnoException, socket: import('node:net').Socket) => {
      log.refused(400, '-', '-', clientAddress(socket.remoteAddress), `TLS: ${err.code ?? err.message}`);
      socket.destroy();
    });
  // a request line or headers the parser cannot take (bad characters, too large): answered and logged, never thrown
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    log.refused(tooLarge ? 431 : 400, '-', '-', clientAddress((socket as import('node:net').Socket).remoteAddress), `${err.code ?? 'parse error'}`);
    if (socket.writable && !(socket as { _httpMessage?: unknown })._httpMessage) {
      socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
  });
  return server;
}

async function handle(ports: Ports, o: HttpOptions & { log: RequestLog }, client: ClientInfo, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (o.hosts && !o.hosts.allows(req.headers.host)) {
    const host = String(req.headers.host ?? '').slice(0, 100);
    o.log.refused(421, req.method ?? '?', req.url ?? '', client.address, `Host 不在允许的名单里：${host}`);
    return sendUnread(req, res, 421, new ApiError('forbidden', 'transport.hostNotAllowed', { host }).toBody());
  }
  const url = parseTarget(req.url);
  if (url.pathname.startsWith('/api/')) return handleApi(ports, o, client, req, res, decodePath(url.pathname.slice(5)));
  // everything below only reads (the UI's files): a GET never changes anything
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendUnread(req, res, 405, new ApiError('bad_input', 'transport.onlyGet').toBody());
  const wanted = decodePath(url.pathname);
  const rendererDir = o.rendererDir;
  if (!rendererDir) return send(res, 404, 'renderer not built', 'text/plain');
  const rel = path.normalize(wanted).replace(/^([/\\])+/, '');
  let file = path.join(rendererDir, rel);
  if (!file.startsWith(rendererDir + path.sep) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(rendererDir, 'index.html');
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

async function handleApi(ports: Ports, o: HttpOptions & { log: RequestLog }, client: ClientInfo, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  // no other method, so no CORS preflight (OPTIONS) is ever answered: a page elsewhere cannot send JSON here
  if (req.method !== 'POST') return sendUnread(req, res, 405, new ApiError('bad_input', 'transport.onlyPost').toBody());
  // a request a page of another site made the browser send: refused before anything is looked at (origin-check.ts)
  const bytes = isCallName(name) && BYTES_CALLS.has(name);
  const crossSite = crossSiteRefusal(req.headers, o.tls ? 'https' : 'http', bytes ? 'bytes' : 'json');
  if (crossSite) {
    const refusal = new ApiError('forbidden', crossSite.key, crossSite.params);
    o.log.refused(403, req.method, req.url ?? '', client.address, refusal.message);
    return sendUnread(req, res, 403, refusal.toBody());
  }
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  // who is calling, and may they make this call? Answered before a byte of the body is read.
  const admitted = await inCall(ports, () => admit(ports, name, token, client));
  if (!admitted.ok) return sendUnread(req, res, admitted.status, admitted.error);
  const open = api[admitted.name].roles === 'public';
  // each call its own limit, from the contract: a few hundred bytes for login, 1 MB for JSON, more for an upload
  const limit = open ? PUBLIC_MAX_BODY : maxBodyOf(admitted.name);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpRefusal(413, 'too_large', 'transport.tooLargeFor', tooLarge(admitted.name, limit));
  if (bytes) {
    const r = await receiveBytes(ports, admitted, parseTarget(req.url), req);
    if (r.ok) return send(res, 200, JSON.stringify(r.value));
    // refused before the body was all read (a wrong offset, another's upload): not taken in
    return req.complete ? send(res, r.status, JSON.stringify(r.error)) : sendUnread(req, res, r.status, r.error);
  }
  let text: string | null = limit > DEFAULT_MAX_BODY ? await spoolBody(req, limit) : await readBody(req, limit, open ? PUBLIC_BODY_MS : null);
  let raw: unknown;
  try {
    raw = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpRefusal(400, 'bad_input', 'transport.notValidJson');
  }
  // An upload may wait its turn (PDFs are read one at a time): while it does, only what the call
  // keeps of it is held, not the body's text and the parsed JSON besides.
  text = null;
  // a call of its own: what it reads is as of now, not as of before its body arrived
  const r = await inCall(ports, () => {
    const body = raw;
    raw = undefined;
    return run(ports, admitted, body);
  });
  if (r.ok) return send(res, 200, JSON.stringify(r.value ?? null));
  const retry = r.error.retryAfterSeconds;
  send(res, r.status, JSON.stringify(r.error), undefined, retry ? { 'Retry-After': String(retry) } : {});
}

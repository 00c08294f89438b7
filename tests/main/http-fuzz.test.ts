// The server as its own process (`anxue serve`), the way a plant runs it, against a few thousand
// malformed requests: bad percent-encoding, odd methods, huge and broken headers, truncated and
// hostile JSON, lying Content-Lengths, broken chunked bodies, slow bodies. It must answer each
// with a 4xx (never a 5xx, never by dying) and still serve everyone else. Then 20 bodies of
// 100 MB at once from callers that are not signed in: the server's memory stays flat.
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, request } from '../helpers/raw-http';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { makeApp, removeDir, seeded } from '../helpers/temp-app';

let srv: ServerProcess;
let port: number;
let dir: string;
let pw: (no: string) => string;

beforeAll(async () => {
  const app = makeApp();
  dir = app.dir;
  pw = (await seeded(app)).pw;
  app.close();
  srv = await startServeProcess(['--data', dir, '--port', '0']);
  port = Number(new URL(srv.url).port);
});
afterAll(async () => {
  await srv.stop();
  removeDir(dir);
});

/** A small seeded generator: the same few thousand cases on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const TARGETS = [
  '/%E0',
  '/%',
  '/%%',
  '/%ZZ',
  '/%C0%AF',
  '/%ED%A0%80',
  '/api/%E0',
  '/api/%C0%AF',
  '/api/auth.login%00',
  '/api/%',
  '/api/',
  '/api/../api/setup.status',
  '/..%2f..%2fetc%2fpasswd',
  '/assets/%2e%2e/%2e%2e/x',
  '//[',
  '///',
  '/?%E0=%E0',
  '/api/setup.status?%E0',
  '/api/__proto__',
  '/api/constructor',
  '/api/toString',
  '/api/auth.login',
  '/api/setup.init',
  '/api/roster.commit',
  '/api/study.beat',
  '/',
  '*',
  'http://evil.example/api/setup.status',
  `/${'a'.repeat(9000)}`,
  '/\u00ff\u00fe',
  '/%F0%9F%98',
];
const METHODS = ['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'M-SEARCH', 'BREW', 'HEAD', 'get', 'P0ST', 'GET\u0000'];
const BODIES = [
  '{"employeeNo":"E001","password":"x',
  '{',
  '}',
  'null',
  '[]',
  '"x"',
  '1e999',
  '-',
  'true',
  '{"__proto__":{"admin":true},"employeeNo":"Z1","password":"p"}',
  '{"constructor":{"prototype":{"x":1}}}',
  '['.repeat(5000),
  '{"a":'.repeat(3000),
  '\u00ff\u00fe\u0000',
  '{"employeeNo":123,"password":[]}',
  `{"employeeNo":"${'9'.repeat(400)}","password":"p"}`,
  '{"enterprise":"x","adminNo":"../../etc","adminName":"y","password":"zzzzzzzzz"}',
  '',
];
const HOSTS = ['127.0.0.1', 'localhost', '', 'evil.example', '[::1]', '[zz]', '127.0.0.1:99999', 'a b', '\u00e9.example', 'localhost.'];

function makeCase(r: ReturnType<typeof rng>): string {
  const kind = r.next();
  const method = r.pick(METHODS);
  const target = r.pick(TARGETS);
  const host = r.next() < 0.8 ? `127.0.0.1:${port}` : r.pick(HOSTS);
  const body = r.pick(BODIES);
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`];
  if (kind < 0.1) lines.push(`X-Big: ${'a'.repeat(20_000 + Math.floor(r.next() * 60_000))}`);
  else if (kind < 0.15) for (let i = 0; i < 300; i++) lines.push(`X-H${i}: ${i}`);
  else if (kind < 0.2) lines.push(`Authorization: Bearer ${r.pick(['', '\u0000', 'x'.repeat(8000), 'null', '../../accounts.json'])}`);
  else if (kind < 0.25) lines.push(`Content-Length: ${r.pick(['abc', '-1', '1e9', '18446744073709551617', '5, 6', ''])}`);
  else if (kind < 0.3) lines.push('Transfer-Encoding: chunked');
  if (kind >= 0.3 && kind < 0.35) {
    // a chunked body that breaks its own framing
    return `${lines.join('\r\n')}\r\nTransfer-Encoding: chunked\r\n\r\n${r.pick(['zz\r\n', 'ffffffffffffffff\r\nab', '5\r\nabc\r\n0\r\n', '3\r\nabcdef\r\n'])}`;
  }
  if (kind >= 0.35 && kind < 0.45) {
    // a Content-Length that promises more than comes
    return `${lines.join('\r\n')}\r\nContent-Length: ${body.length + 1 + Math.floor(r.next() * 100)}\r\n\r\n${body}`;
  }
  if (kind >= 0.45 && kind < 0.5) {
    // not HTTP at all
    return Array.from({ length: 1 + Math.floor(r.next() * 200) }, () => String.fromCharCode(Math.floor(r.next() * 256))).join('');
  }
  const hasLength = lines.some((l) => l.startsWith('Content-Length') || l.startsWith('Transfer-Encoding'));
  return `${lines.join('\r\n')}\r\n${hasLength ? '' : `Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n`}\r\n${body}`;
}

/** Write the bytes in a few pieces; give back the status line, if any came, when the server answers or hangs up. */
function send(bytes: string, r: ReturnType<typeof rng>, ms = 1500): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    const end = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(got.split('\r\n')[0] ?? '');
    };
    const timer = setTimeout(end, ms);
    sock.on('data', (b) => {
      got += b.toString('latin1');
      if (got.includes('\r\n')) end();
    });
    sock.on('close', end);
    sock.on('error', () => undefined);
    const buf = Buffer.from(bytes, 'latin1');
    const cut = Math.floor(r.next() * buf.length);
    sock.write(buf.subarray(0, cut));
    setTimeout(() => sock.writable && sock.write(buf.subarray(cut)), r.next() < 0.1 ? 20 : 0);
  });
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]);
}

describe('fuzz', () => {
  it('3,000 malformed requests and 20 slow bodies: each answered with a 4xx or cut off, none a 5xx; the server still serves', async () => {
    const r = rng(20261202);
    // slow bodies held open for the whole run: a login body sent a byte at a time
    const slow = Array.from({ length: 20 }, () => {
      const sock = net.connect(port, '127.0.0.1');
      let got = '';
      sock.on('data', (b) => (got += b.toString('latin1')));
      sock.on('error', () => undefined);
      sock.write(`POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"employeeNo":"E0`);
      const drip = setInterval(() => sock.writable && sock.write(' '), 400);
      return { sock, drip, got: () => got };
    });
    const statuses: string[] = [];
    const cases = Array.from({ length: 3000 }, () => makeCase(r));
    let next = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (next < cases.length) statuses.push(await send(cases[next++]!, r));
      }),
    );
    expect(srv.child.exitCode).toBeNull();
    const codes = statuses.map((s) => /^HTTP\/1\.[01] (\d{3})/.exec(s)?.[1] ?? 'none');
    const counts: Record<string, number> = {};
    for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
    console.log('[fuzz] answers by status:', JSON.stringify(counts));
    expect(codes.filter((c) => c.startsWith('5'))).toEqual([]);
    expect(counts['400'] ?? 0).toBeGreaterThan(300);
    // while the slow bodies are still dripping, everyone else is served
    expect((await postJson(srv.url, 'setup.status', {})).status).toBe(200);
    expect((await request(srv.url, { path: '/%E0' })).status).toBe(400);
    expect((await postJson(srv.url, 'auth.login', { employeeNo: 'E002', password: pw('E002') })).status).toBe(200);
    // a body that has not arrived after 10 s is not waited for
    await new Promise((res) => setTimeout(res, 10_500));
    for (const s of slow) {
      clearInterval(s.drip);
      s.sock.destroy();
    }
    expect(slow.filter((s) => /^HTTP\/1\.1 408/.test(s.got())).length).toBe(20);
    expect(srv.child.exitCode).toBeNull();
    expect(srv.output()).not.toMatch(/Uncaught|unhandled|ERR_INTERNAL_ASSERTION|FATAL/i);
    // refused requests are in the server's log, and the flood was cut short there
    expect(srv.output()).toMatch(/\[anxue\] \S+ 4\d\d \S+ \S+ from 127\.0\.0\.1: /);
    expect(srv.output()).toMatch(/\[anxue\] 另有 \d+ 行日志未逐条记录/);
    expect(
      srv
        .output()
        .split('\n')
        .filter((l) => l.includes(' from 127.0.0.1: ')).length,
    ).toBeLessThan(1000);
  });
});

const errors: string[] = [];
/** Send `mb` megabytes (or until the server answers or hangs up); the answer's status, or -1 if cut off. */
function bigPost(call: string, mb: number, chunked: boolean): Promise<number> {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${call}`,
        headers: { 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': String(mb * chunk.length) }) },
        agent: false,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      errors.push(e.code ?? e.message);
      resolve(-1);
    });
    let sent = 0;
    let answered = false;
    req.once('response', () => (answered = true));
    const pump = () => {
      while (sent < mb && !answered) {
        sent += 1;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    // the headers first: a server that refuses from them alone (no session, too large) answers
    // before any of the body is sent, and the answer is not lost to a reset mid-upload
    req.flushHeaders();
    setTimeout(pump, chunked ? 0 : 1000);
  });
}

describe('memory', () => {
  it('20 bodies of 100 MB at once from callers not signed in: all refused, the server stays flat', async () => {
    const pid = srv.child.pid!;
    const rss0 = rssKb(pid, 'VmRSS');
    const hwm0 = rssKb(pid, 'VmHWM');
    const t0 = performance.now();
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => bigPost('roster.commit', 100, false)),
      ...Array.from({ length: 4 }, () => bigPost('corpus.packImport', 100, true)),
      ...Array.from({ length: 4 }, () => bigPost('auth.login', 100, false)),
      ...Array.from({ length: 4 }, () => bigPost('setup.init', 100, true)),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const rss1 = rssKb(pid, 'VmRSS');
    const hwm1 = rssKb(pid, 'VmHWM');
    console.log(`[memory] statuses ${JSON.stringify(results)} ${errors.join(',')}; ${seconds.toFixed(1)} s; RSS ${rss0} → ${rss1} kB, peak ${hwm0} → ${hwm1} kB`);
    // each is answered (401 / 413) or cut off; none is taken in
    for (const s of results) expect([401, 413, -1]).toContain(s);
    expect(results.slice(0, 8).filter((s) => s === 401).length).toBeGreaterThan(0);
    expect((rss1 - rss0) / 1024).toBeLessThan(50);
    expect((hwm1 - hwm0) / 1024).toBeLessThan(50);
    expect((await postJson(srv.url, 'setup.status', {})).status).toBe(200);
  });
});

// Plain HTTP requests with full control over the Host header, the address connected to and the
// body (node:http; fetch forbids setting Host).
import http from 'node:http';
import os from 'node:os';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function request(url: string, o: { method?: string; path?: string; host?: string; headers?: Record<string, string>; body?: string | Buffer; connectTo?: string } = {}): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: o.connectTo ?? u.hostname,
        port: u.port,
        method: o.method ?? 'GET',
        path: o.path ?? u.pathname,
        headers: { ...(o.host !== undefined ? { Host: o.host } : {}), ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...o.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

export const postJson = (url: string, call: string, body: unknown, o: { token?: string; host?: string; connectTo?: string } = {}) =>
  request(url, {
    method: 'POST',
    path: `/api/${call}`,
    host: o.host,
    connectTo: o.connectTo,
    headers: o.token ? { Authorization: `Bearer ${o.token}` } : {},
    body: JSON.stringify(body),
  });

/**
 * POST `mb` MB of 'a' to a call in 1 MB chunks, without announcing the length (chunked), as a
 * signed-in caller: the status that comes back, or -1 when the server hung up first.
 */
export function streamMegabytes(url: string, call: string, mb: number, token: string): Promise<number> {
  const u = new URL(url);
  return new Promise<number>((resolve) => {
    // the servers under test listen on IPv4: "localhost" could resolve to ::1
    const req = http.request(
      {
        host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname,
        port: u.port,
        method: 'POST',
        path: `/api/${call}`,
        headers: { Host: u.host, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        agent: false,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', () => resolve(-1));
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < mb) {
        sent += 1;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** An IPv4 address of this PC that is not loopback: connecting to it, a server sees a LAN client. */
export function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

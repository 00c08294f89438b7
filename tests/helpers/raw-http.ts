// Plain HTTP requests with full control over the Host header, the address connected to and the
// body (node:http; fetch forbids setting Host).
import http from 'node:http';
import os from 'node:os';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function request(
  url: string,
  o: { method?: string; path?: string; host?: string; headers?: Record<string, string>; body?: string | Buffer; connectTo?: string } = {},
): Promise<RawResponse> {
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

/** An IPv4 address of this PC that is not loopback: connecting to it, a server sees a LAN client. */
export function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

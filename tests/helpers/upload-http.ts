// An upload's calls over raw HTTP, as a browser sends them: JSON for begin/status/finish, the
// chunk's bytes as the body (application/octet-stream) with the upload id and offset in the query.
import http from 'node:http';
import type { Readable } from 'node:stream';
import { postJson, type RawResponse } from './raw-http';

export interface Answer<T> {
  status: number;
  body: T;
}

export async function uploadCall<T = Record<string, unknown>>(url: string, token: string, call: string, input: unknown): Promise<Answer<T>> {
  const r = await postJson(url, call, input, { token });
  return { status: r.status, body: JSON.parse(r.text) as T };
}

/**
 * POST one chunk. `source` is sent as it comes (a stream is piped, never gathered); `dropAfter`
 * cuts the connection once that many bytes are written (the answer never comes: status -1).
 */
export function sendChunk(
  url: string,
  token: string,
  target: { uploadId: string; offset: number },
  source: Buffer | Readable,
  o: { length?: number; dropAfter?: number; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  const length = o.length ?? (Buffer.isBuffer(source) ? source.length : undefined);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname,
        port: u.port,
        method: 'POST',
        path: `/api/upload.chunk?uploadId=${encodeURIComponent(target.uploadId)}&offset=${target.offset}`,
        headers: { Host: u.host, Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', ...(length !== undefined ? { 'Content-Length': String(length) } : {}), ...o.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: -1, headers: {}, text: '' }));
      },
    );
    req.on('error', () => resolve({ status: -1, headers: {}, text: '' }));
    if (o.dropAfter !== undefined) {
      const buf = Buffer.isBuffer(source) ? source.subarray(0, o.dropAfter) : null;
      if (!buf) throw new Error('dropAfter takes a Buffer');
      // the bytes go out, then the connection is cut as a lost network would
      req.write(buf, () => setTimeout(() => req.destroy(), 50));
      return;
    }
    if (Buffer.isBuffer(source)) req.end(source);
    else source.pipe(req);
  });
}

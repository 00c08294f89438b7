// Browser mode over real HTTP on loopback: the same contract, with the security headers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../electron/main/server';
import { removeDir, tempDir } from '../helpers/temp-app';

let base: string;
let close: () => Promise<void>;
const dirs: string[] = [];
beforeAll(async () => {
  const data = tempDir();
  const ui = tempDir('anxue-ui-');
  dirs.push(data, ui);
  mkdirSync(path.join(ui, 'assets'));
  writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(ui, 'assets', 'a.js'), 'console.log(1)');
  const s = await startServer({ dataDir: data, port: 0, host: '127.0.0.1', rendererDir: ui });
  base = s.url.replace(/\/$/, '');
  close = s.close;
});
afterAll(async () => {
  await close();
  dirs.forEach(removeDir);
});

const post = (name: string, body: unknown, token?: string) =>
  fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('HTTP transport', () => {
  it('serves the UI with a Content-Security-Policy and no-sniff', async () => {
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${base}/assets/a.js`)).headers.get('content-type')).toContain('javascript');
  });
  it('never serves a file outside the UI folder', async () => {
    const r = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await r.text()).toContain('<title>t</title>');
  });
  it('runs first-run setup, login and a role-checked call', async () => {
    expect(await (await post('setup.status', {})).json()).toEqual({ initialized: false, enterprise: null, setupCodeRequired: false });
    expect((await post('setup.init', { enterprise: 'E', adminNo: 'a1', adminName: 'A', password: 'short' })).status).toBe(400);
    expect((await post('setup.init', { enterprise: 'E', adminNo: 'a1', adminName: 'A', password: 'long-enough-1' })).status).toBe(200);
    expect((await post('setup.init', { enterprise: 'X', adminNo: 'a2', adminName: 'B', password: 'long-enough-1' })).status).toBe(409);
    expect((await post('auth.login', { employeeNo: 'a1', password: 'wrong-password' })).status).toBe(401);
    const { token } = (await (await post('auth.login', { employeeNo: 'a1', password: 'long-enough-1' })).json()) as { token: string };
    expect((await post('roster.list', {})).status).toBe(401);
    expect((await post('roster.list', {}, token)).status).toBe(200);
    expect((await post('study.start', { campaignId: 'x', docId: 'y' }, token)).status).toBe(403);
  });
  it('refuses malformed JSON, GET on the API, and unknown calls', async () => {
    expect((await post('setup.status', '{not json')).status).toBe(400);
    expect((await fetch(`${base}/api/setup.status`)).status).toBe(405);
    expect((await post('nope.nope', {})).status).toBe(404);
  });
});

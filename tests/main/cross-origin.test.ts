// Requests a page of another site makes a browser send (transport/origin-check.ts), as raw HTTP
// requests to a fresh server on the server PC itself (loopback: setup needs no code there, the
// worst case): refused with 403 and one log line, and nothing changes; the server's own origin,
// and programs that send JSON without an Origin, are served.
import nodeHttp from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPolicy } from '../../electron/main/transport/host-check';
import { createHttpServer } from '../../electron/main/transport/http';
import { crossSiteRefusal, isJsonType, ownOrigin } from '../../electron/main/transport/origin-check';
import { request, type RawResponse } from '../helpers/raw-http';
import { makeApp, removeDir, type TempApp } from '../helpers/temp-app';
import type { Message } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';

let app: TempApp;
let server: nodeHttp.Server;
let base: string;
let port: number;
const logged: string[] = [];

beforeAll(async () => {
  app = makeApp();
  server = createHttpServer(app.ports, {
    rendererDir: null,
    hosts: hostPolicy('127.0.0.1', ['anxue.plant.example']),
    log: { refused: (status, method, target, address, why) => logged.push(`${status} ${method} ${target} ${address} ${why}`) },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  app.close();
  removeDir(app.dir);
});

const SETUP = { enterprise: '被人抢先设置（虚构）', adminNo: 'evil', adminName: 'Evil', password: 'evil-password-1' };
const OWN = () => `http://127.0.0.1:${port}`;

/** A POST to a call with exactly these headers (no Content-Type added unless given). */
function call(name: string, body: unknown, headers: Record<string, string>, host?: string): Promise<RawResponse> {
  return request(base, { method: 'POST', path: `/api/${name}`, host, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
/** As above, with the given Content-Type, or none at all (null: as fetch sends a Blob without a type). */
function typed(name: string, body: unknown, type: string | null, headers: Record<string, string> = {}): Promise<RawResponse> {
  if (type !== null) return request(base, { method: 'POST', path: `/api/${name}`, headers: { ...headers, 'Content-Type': type }, body: JSON.stringify(body) });
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${name}`, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function initialized(): Promise<boolean> {
  return ((await app.ports.store.meta.read()).enterprise ?? null) !== null;
}

/** Each refusal: 403, forbidden, a message of the catalog (Chinese in `message`, English by its key), one log line naming the call; the body was not run. */
async function refused(r: Promise<RawResponse>, call: string): Promise<string> {
  const before = logged.length;
  const res = await r;
  expect(res.status, res.text).toBe(403);
  const body = JSON.parse(res.text) as Message & { code: string; message: string };
  expect(body.code).toBe('forbidden');
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(sayIn('en-US', body)).toMatch(/^[^\u4e00-\u9fff]*[A-Za-z]{2,}[^\u4e00-\u9fff]*$/);
  expect(logged.slice(before)).toHaveLength(1);
  expect(logged[before]).toContain(`403 POST /api/${call} 127.0.0.1`);
  return body.message;
}

describe('a fresh server on the server PC', () => {
  it('refuses setup.init sent as a form or a no-cors fetch would (text/plain, form-urlencoded, multipart, none), from any page or none', async () => {
    const checks = app.ports.runtime.passwordChecks;
    await refused(typed('setup.init', SETUP, 'text/plain;charset=UTF-8', { Origin: 'http://evil.example' }), 'setup.init');
    // the same without an Origin (an old browser, a plugin): the type alone gives it away
    expect(await refused(typed('setup.init', SETUP, 'text/plain'), 'setup.init')).toContain('application/json');
    await refused(typed('setup.init', SETUP, 'application/x-www-form-urlencoded'), 'setup.init');
    await refused(typed('setup.init', SETUP, 'multipart/form-data; boundary=x'), 'setup.init');
    await refused(typed('setup.init', SETUP, null), 'setup.init');
    // JSON, but in a charset the body is not read in
    await refused(typed('setup.init', SETUP, 'application/json; charset=iso-8859-1'), 'setup.init');
    // a type that only starts like JSON
    await refused(typed('setup.init', SETUP, 'application/jsonx'), 'setup.init');
    expect(await initialized()).toBe(false);
    expect(app.ports.runtime.passwordChecks).toBe(checks);
  });

  it('refuses setup.init as application/json from a foreign Origin, a null Origin, another port or scheme, or Sec-Fetch-Site: cross-site', async () => {
    expect(await refused(call('setup.init', SETUP, { Origin: 'http://evil.example' }), 'setup.init')).toContain('http://evil.example');
    await refused(call('setup.init', SETUP, { Origin: 'null' }), 'setup.init');
    // the same machine, another port: another origin (another app on the server PC)
    await refused(call('setup.init', SETUP, { Origin: `http://127.0.0.1:${port + 1}` }), 'setup.init');
    await refused(call('setup.init', SETUP, { Origin: `http://localhost:${port}` }), 'setup.init');
    // the right name and port but https: not this (plain HTTP) server
    await refused(call('setup.init', SETUP, { Origin: `https://127.0.0.1:${port}` }), 'setup.init');
    // a look-alike that only starts with our origin
    await refused(call('setup.init', SETUP, { Origin: `http://127.0.0.1:${port}.evil.example` }), 'setup.init');
    await refused(call('setup.init', SETUP, { 'Sec-Fetch-Site': 'cross-site' }), 'setup.init');
    await refused(call('setup.init', SETUP, { 'Sec-Fetch-Site': 'same-site' }), 'setup.init');
    // what a browser sends: both, with our own origin named nowhere
    await refused(call('setup.init', SETUP, { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' }), 'setup.init');
    expect(await initialized()).toBe(false);
  });

  it('a GET never runs a call: GET /api/setup.init with the input in the query is 405, and nothing is set up', async () => {
    const q = new URLSearchParams({ input: JSON.stringify(SETUP) });
    const r = await request(base, { path: `/api/setup.init?${q}` });
    expect(r.status).toBe(405);
    // and no preflight is ever answered: a page elsewhere cannot get leave to send JSON
    const pre = await request(base, {
      method: 'OPTIONS',
      path: '/api/setup.init',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(405);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(await initialized()).toBe(false);
  });

  it("its own origin sets it up (as the app's own page sends it); then nothing from elsewhere changes anything, even with a valid session", async () => {
    const own = await call('setup.init', { enterprise: '本厂（虚构）', adminNo: 'admin', adminName: '管理员', password: 'admin-pass-1' }, { Origin: OWN(), 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status, own.text).toBe(200);
    expect((await app.ports.store.meta.read()).enterprise).toBe('本厂（虚构）');
    // a program without Origin, JSON with a charset: served
    const login = await typed('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' }, 'application/json; charset=utf-8');
    expect(login.status, login.text).toBe(200);
    const token = (JSON.parse(login.text) as { token: string }).token;
    const bearer = { Authorization: `Bearer ${token}` };
    const settings = await app.ports.store.meta.read();
    const audit = (await app.ports.store.audit.read()).entries.length;
    const checks = app.ports.runtime.passwordChecks;

    // with the valid token, from a page of another site: every call refused
    await refused(call('auth.changePassword', { oldPassword: 'admin-pass-1', newPassword: 'evil-password-2' }, { ...bearer, Origin: 'http://evil.example' }), 'auth.changePassword');
    await refused(call('settings.save', { ...settings.settings }, { ...bearer, Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' }), 'settings.save');
    await refused(call('auth.logout', {}, { ...bearer, 'Sec-Fetch-Site': 'cross-site' }), 'auth.logout');
    await refused(typed('auth.logout', {}, 'text/plain', bearer), 'auth.logout');
    // a second setup, JSON from elsewhere: refused before it is even looked at (not 409)
    await refused(call('setup.init', SETUP, { Origin: 'http://evil.example' }), 'setup.init');
    // guessing passwords through the admin's browser (the server PC is never blocked as an address)
    for (let i = 0; i < 6; i++) await refused(call('auth.login', { employeeNo: 'admin', password: `guess-${i}` }, { Origin: 'http://evil.example' }), 'auth.login');
    // reading calls too: every call is held to it
    await refused(call('auth.me', {}, { ...bearer, Origin: 'http://evil.example' }), 'auth.me');

    // nothing changed: the session lives, the password is the same, no guess was counted or checked, nothing audited
    expect(app.ports.runtime.passwordChecks).toBe(checks);
    expect((await call('auth.me', {}, { ...bearer, Origin: OWN() })).status).toBe(200);
    expect((await app.ports.store.meta.read()).settings).toEqual(settings.settings);
    expect((await app.ports.store.loginGuard.read()).entries).toEqual({});
    expect((await app.ports.store.audit.read()).entries).toHaveLength(audit);
    expect((await typed('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' }, 'application/json')).status).toBe(200);
    // and the same calls from its own origin are served
    expect((await call('auth.logout', {}, { ...bearer, Origin: OWN(), 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await call('auth.me', {}, bearer)).status).toBe(401);
  });

  it('its own origin by every name it answers to, default ports left out or given', async () => {
    expect((await call('setup.status', {}, { Origin: `http://localhost:${port}` }, `localhost:${port}`)).status).toBe(200);
    expect((await call('setup.status', {}, { Origin: `http://LOCALHOST:${port}` }, `localhost:${port}`)).status).toBe(200);
    // reached as anxue.plant.example (port 80 before a proxy): the browser names no port
    expect((await call('setup.status', {}, { Origin: 'http://anxue.plant.example' }, 'anxue.plant.example')).status).toBe(200);
    expect((await call('setup.status', {}, { Origin: 'http://anxue.plant.example' }, 'anxue.plant.example:80')).status).toBe(200);
    // but not the page of one name calling the server by another
    await refused(call('setup.status', {}, { Origin: 'http://anxue.plant.example' }, `127.0.0.1:${port}`), 'setup.status');
  });
});

describe('the rules themselves', () => {
  it('application/json with or without charset=utf-8, nothing else', () => {
    for (const ok of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; charset="utf-8"'])
      expect(isJsonType(ok), ok).toBe(true);
    for (const no of [
      undefined,
      '',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json; charset=utf-16',
      'application/json-patch+json',
      'text/json',
    ])
      expect(isJsonType(no), String(no)).toBe(false);
  });

  it('the own origin follows the scheme served on and the Host sent to', () => {
    expect(ownOrigin('127.0.0.1:8080', 'http')).toBe('http://127.0.0.1:8080');
    expect(ownOrigin('anxue.plant.example:443', 'https')).toBe('https://anxue.plant.example');
    expect(ownOrigin('[::1]:8443', 'https')).toBe('https://[::1]:8443');
    expect(ownOrigin('evil.example/x', 'http')).toBeNull();
    expect(ownOrigin(undefined, 'http')).toBeNull();
    const json = { 'content-type': 'application/json' };
    // on TLS, a page of the same name served over plain HTTP is another origin
    expect(crossSiteRefusal({ ...json, host: 'anxue.plant.example:8443', origin: 'https://anxue.plant.example:8443' }, 'https')).toBeNull();
    expect(crossSiteRefusal({ ...json, host: 'anxue.plant.example:8443', origin: 'http://anxue.plant.example:8443' }, 'https')).not.toBeNull();
    expect(crossSiteRefusal({ ...json, host: '[::1]:8443', origin: 'https://[::1]:8443', 'sec-fetch-site': 'same-origin' }, 'https')).toBeNull();
    // an Origin but no Host to compare it with
    expect(crossSiteRefusal({ ...json, origin: 'http://127.0.0.1' }, 'http')).not.toBeNull();
  });
});

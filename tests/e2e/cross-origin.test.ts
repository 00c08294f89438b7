// End to end in Debian's Chromium: a web page of another site, open in the browser on
// the server PC, tries to make that browser call a fresh `anxue serve` — setup with its own admin
// (a no-cors fetch, a form, JSON through CORS) — and, once the admin has set the server up in the
// same browser, to guess the admin's password and end the admin's session. The server refuses
// every such request (its log shows each 403), nothing is set up and nothing changes; the app's
// own page, in the same browser, works.
import http from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { openPage, shot, workstation } from '../helpers/e2e';
import { postJson } from '../helpers/raw-http';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';

const ADMIN_PW = 'origin-e2e-admin';
let server: ServerProcess;
let browser: Browser;
let ctx: BrowserContext;
let evil: http.Server;
/** the app, as the admin opened it: http://127.0.0.1:PORT/ */
let app: string;
/** the other site: another name and port on the same PC */
let evilUrl: string;
let data: string;

/** A form that posts itself as text/plain, shaped so the body is JSON (the classic way round a JSON API). */
const formPage = (target: string) => `<!doctype html><title>win a prize</title>
<form id="f" method="POST" enctype="text/plain" action="${target}api/setup.init">
<input name='{"enterprise":"被人抢先设置（虚构）","adminNo":"evil","adminName":"Evil","password":"evil-password-1","pad":"' value='"}'>
</form><script>document.getElementById('f').submit()</script>`;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  data = tempDir('anxue-e2e-origin-');
  // a fresh folder: not set up (on PostgreSQL, the fresh database of this file)
  server = await startServeProcess(['--data', data, '--port', '0']);
  app = server.url;
  evil = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url === '/form' ? formPage(app) : '<!doctype html><title>another site</title><p>nothing to see</p>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  // "localhost" is another site than "127.0.0.1" (and another port): Chromium sends Origin and Sec-Fetch-Site: cross-site
  evilUrl = `http://localhost:${(evil.address() as { port: number }).port}/`;
  browser = await launchChromium();
  // one browser profile for the admin's page and the other site's page, as on the admin's PC
  ctx = await workstation(browser);
});
afterAll(async () => {
  await browser?.close();
  evil?.closeAllConnections();
  await new Promise((r) => (evil ? evil.close(r) : r(null)));
  await server?.stop();
  if (data) removeDir(data);
});

const status = async () => JSON.parse((await postJson(app, 'setup.status', {})).text) as { initialized: boolean };
/** How many refusals of this call the server logged (its log comes on a pipe of its own: waited for). */
const refusedInLog = (call: string) =>
  server
    .output()
    .split('\n')
    .filter((l) => l.includes(` 403 POST /api/${call} from 127.0.0.1: `)).length;

async function fromElsewhere(page: Page, script: (a: { target: string; token: string }) => Promise<string[]>, token = ''): Promise<string[]> {
  await page.goto(evilUrl);
  expect(new URL(page.url()).origin).not.toBe(new URL(app).origin);
  return page.evaluate(script, { target: app, token });
}

describe('a page of another site, in the browser on the server PC', () => {
  it('cannot set up the fresh server: not with a no-cors fetch, nor a form, nor JSON through CORS', async () => {
    expect(await status()).toMatchObject({ initialized: false });
    const page = await openPage(ctx);
    const out = await fromElsewhere(page, async ({ target }) => {
      const b = JSON.stringify({ enterprise: '被人抢先设置（虚构）', adminNo: 'evil', adminName: 'Evil', password: 'evil-password-1' });
      const seen: string[] = [];
      // what a page may send anywhere without asking: the answer is opaque, but the request goes out
      seen.push((await fetch(`${target}api/setup.init`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: b })).type);
      // asking for JSON in no-cors mode: the browser drops the header and sends text/plain
      seen.push((await fetch(`${target}api/setup.init`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'application/json' }, body: b })).type);
      // JSON needs a CORS preflight, which this server never answers
      seen.push(
        await fetch(`${target}api/setup.init`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: b }).then(
          () => 'answered',
          () => 'blocked',
        ),
      );
      return seen;
    });
    expect(out).toEqual(['opaque', 'opaque', 'blocked']);
    // the form navigates to the server's answer: the refusal, in both languages
    await page.goto(`${evilUrl}form`);
    await page.waitForURL(`${app}api/setup.init`);
    expect(await page.textContent('body')).toMatch(/"code":"forbidden","key":"transport.otherSitePage".*其他网站/);
    await shot(page, 'cross-origin-01-form-refused');
    // each request reached the server and was refused there (not merely unread by the page)
    await vi.waitFor(() => expect(refusedInLog('setup.init')).toBe(3), { timeout: 120_000 });
    expect(await status()).toMatchObject({ initialized: false });
  });

  it("the app's own page sets it up in the same browser; then the other site cannot guess the admin's password nor end the admin's session", async () => {
    const own = await openPage(ctx);
    await own.goto(app);
    await own.getByRole('heading', { name: '首次设置' }).waitFor();
    const inputs = own.locator('form input');
    await inputs.nth(0).fill('本厂（虚构）');
    await inputs.nth(1).fill('admin');
    await inputs.nth(2).fill('管理员');
    await inputs.nth(3).fill(ADMIN_PW);
    await inputs.nth(4).fill(ADMIN_PW);
    await own.click('button[type=submit]');
    await own.getByTestId('who').waitFor();
    expect(await status()).toMatchObject({ initialized: true });
    const token = await own.evaluate(() => sessionStorage.getItem('anxue.token') ?? '');
    expect(token).not.toBe('');

    const page = await openPage(ctx);
    const out = await fromElsewhere(
      page,
      async ({ target, token: t }) => {
        const seen: string[] = [];
        // six guesses through the admin's browser: the server PC is never blocked as an address
        for (let i = 0; i < 6; i++)
          seen.push(
            (
              await fetch(`${target}api/auth.login`, {
                method: 'POST',
                mode: 'no-cors',
                headers: { 'Content-Type': 'text/plain' },
                body: JSON.stringify({ employeeNo: 'admin', password: `guess-${i}` }),
              })
            ).type,
          );
        // even a page that had the token: a call with it needs a preflight
        seen.push(
          await fetch(`${target}api/auth.logout`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: '{}' }).then(
            () => 'answered',
            () => 'blocked',
          ),
        );
        return seen;
      },
      token,
    );
    expect(out).toEqual([...Array(6).fill('opaque'), 'blocked']);
    await vi.waitFor(() => expect(refusedInLog('auth.login')).toBe(6), { timeout: 120_000 });
    // nothing changed: no guess counted (nothing locked), the session lives, the admin's page goes on
    const locks = await postJson(app, 'auth.locks', {}, { token });
    expect(locks.status).toBe(200);
    expect(JSON.parse(locks.text)).toEqual([]);
    const audit = JSON.parse((await postJson(app, 'audit.list', {}, { token })).text) as { entries: { action: string }[] };
    expect(audit.entries.filter((e) => e.action.startsWith('login.'))).toEqual([]);
    await own.reload();
    await own.getByTestId('who').waitFor();
    expect(await own.getByTestId('who').textContent()).toContain('管理员');
    await shot(own, 'cross-origin-02-admin-still-signed-in');
  });
});

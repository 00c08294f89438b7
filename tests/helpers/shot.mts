import { launchChromium } from './browser';
const [url, user, pw, ...pages] = process.argv.slice(2);
const b = await launchChromium();
const ctx = await b.newContext({ viewport: { width: 1366, height: 768 } });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url!);
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/shot-login.png' });
if (user) {
  await page.fill('input[name=employeeNo]', user);
  await page.fill('input[name=password]', pw!);
  await page.click('button[type=submit]');
  await page.waitForTimeout(1200);
  for (const p of pages) {
    await page.goto(url + '#/' + p);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shot-${p.replace(/\//g, '_')}.png`, fullPage: false });
  }
}
await b.close();

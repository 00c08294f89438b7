// The demo as a new user meets it: `anxue demo`, then `serve`, then every page of every role's menu
// in Chromium. Each page must show real content (the demo is lived in), and the layout must hold at
// the workstation size (1366×768) in both languages and at 1920×1080: nothing wider than the
// window, no text cut off by its box, nothing fixed or sticky over a field or a button.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { cli } from '../helpers/cli';
import { patient, shot } from '../helpers/e2e';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';

let data: string;
let server: ServerProcess;
let browser: Browser;
const pw: Record<string, string> = {};

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  data = tempDir('anxue-demo-');
  const r = cli(['demo', '--data', data]);
  if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  for (const m of r.stdout.matchAll(/^\s+(\S+)\t(\S+)\t/gm)) pw[m[1]!] = m[2]!;
  server = await startServeProcess(['--data', data, '--port', '0']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

/** The problems of the page as shown now: overflow, clipped text, fixed things over controls. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? (el as HTMLInputElement).placeholder ?? '').trim().slice(0, 40)}”`;
    // text cut off by its own box: an element holding text whose content is wider than the box
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      if (s.display === 'inline' || el.tagName === 'svg' || el.closest('svg, canvas, [role=img], .table-scroll, textarea, select')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (ownText && el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'auto' && s.overflowX !== 'scroll') out.push(`text cut off: ${name(el)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
    // a short button label broken over lines (a column too narrow for it: 审 / 阅)
    for (const el of document.querySelectorAll('button, a.button')) {
      const text = (el.textContent ?? '').trim();
      if (!visible(el) || text.length === 0 || text.length > 8) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      // lines: text boxes whose tops lie more than most of a line apart (a smaller ▾ on the same line is not a line)
      const tops = [...range.getClientRects()]
        .filter((r) => r.width > 0)
        .map((r) => r.top)
        .sort((x, y) => x - y);
      const em = parseFloat(getComputedStyle(el).fontSize);
      const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1]! > em * 0.8).length;
      if (lines > 1) out.push(`label broken over ${lines} lines: ${name(el)}`);
      // a label in the colour of its own button cannot be read
      const st = getComputedStyle(el);
      if (st.color === st.backgroundColor) out.push(`label the colour of its button: ${name(el)}`);
    }
    // a placeholder wider than its field
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!visible(el) || el.value) continue;
      const s = getComputedStyle(el);
      ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (ctx.measureText(el.placeholder).width > room + 1) out.push(`placeholder cut off: “${el.placeholder}” (${Math.round(ctx.measureText(el.placeholder).width)}px in ${Math.round(room)}px)`);
    }
    // fixed or sticky things over a control they do not hold
    const floating = [...document.querySelectorAll('body *')].filter((el) => visible(el) && ['fixed', 'sticky'].includes(getComputedStyle(el).position));
    const controls = [...document.querySelectorAll('input, textarea, select, button, a[href]')].filter(visible);
    for (const f of floating) {
      const a = f.getBoundingClientRect();
      for (const c of controls) {
        if (f.contains(c) || c.contains(f)) continue;
        const b = c.getBoundingClientRect();
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
        // a sticky table header over its own table's rows is the table scrolling, not covering
        if (overlap && !(f.tagName === 'TH' && f.closest('table')?.contains(c))) out.push(`${name(f)} covers ${name(c)}`);
      }
    }
    return [...new Set(out)];
  });
}

/** The menu as this person sees it: every page, opening each group. */
async function menuPages(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: /主菜单|Main menu/ });
  const pages: string[] = [];
  for (const a of await nav.locator(':scope > a').all()) pages.push((await a.getAttribute('href'))!.slice(2));
  for (const g of await nav.locator('button[aria-haspopup]').all()) {
    await g.click();
    for (const a of await nav.locator('.navmenu a').all()) pages.push((await a.getAttribute('href'))!.slice(2));
    await page.keyboard.press('Escape');
  }
  return pages;
}

/** What each page shows in the demo: real content, not an empty state. */
const CONTENT: Record<string, (p: Page) => Promise<void>> = {
  study: async (p) => {
    await expect.poll(() => p.getByTestId('campaign-credit').textContent()).toMatch(/^[1-9]|\d\.\d/);
    expect(await p.locator('[role=img] canvas').count()).toBeGreaterThanOrEqual(1);
  },
  // the documents to practise, with their questions, and the 错题本
  practice: async (p) => {
    await expect.poll(() => p.getByTestId('book-summary').textContent()).toMatch(/错题本|wrong-answer book/);
    expect(await p.locator('.practice-docs li').count()).toBeGreaterThanOrEqual(9);
  },
  // one's attempts, or (not taken yet) the paper's facts and the button to start
  quiz: async (p) => expect.poll(async () => (await p.getByTestId('quiz-attempts').locator('li').count()) + (await p.getByTestId('quiz-start').count())).toBeGreaterThan(0),
  essay: async (p) => expect.poll(async () => (await p.locator('main textarea').first().inputValue()).length).toBeGreaterThan(10),
  report: async (p) => expect.poll(async () => (await p.locator('main textarea').first().inputValue()).length + ((await p.locator('main').textContent()) ?? '').length).toBeGreaterThan(200),
  campaign: async (p) => expect.poll(() => p.locator('main input').first().inputValue()).toContain('警示月'),
  plan: async (p) => expect.poll(() => p.locator('main').textContent()).toMatch(/已完成|Done/),
  summary: async (p) => expect.poll(async () => (await p.locator('main textarea').first().inputValue()).length).toBeGreaterThan(10),
  roster: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
  accounts: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
  documents: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('GB 30871'),
  sessions: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('“9·7”事故案例宣讲'),
  progress: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
  bank: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('受限空间'),
  grading: async (p) => expect.poll(() => p.getByTestId('answer-card').count()).toBeGreaterThan(0),
  results: async (p) => expect.poll(() => p.getByTestId('paper-stats').textContent()).toMatch(/[1-9]\d* 人交卷/),
  essays: async (p) => {
    await expect.poll(() => p.getByTestId('essays-summary').textContent()).toMatch(/已通过 4|accepted 4/);
    expect(await p.getByTestId('essays-summary').textContent()).toMatch(/退回修改 1|returned 1/);
  },
  reports: async (p) => expect.poll(() => p.locator('main').textContent()).toMatch(/已通过|accepted/i),
  inspections: async (p) => expect.poll(() => p.locator('main').textContent()).toContain('鹤管'),
  archive: async (p) => expect.poll(() => p.getByTestId('export-history').locator('tbody tr').count()).toBeGreaterThanOrEqual(2),
  settings: async (p) => expect.poll(() => p.locator('main input').count()).toBeGreaterThan(5),
  // the demo's current campaign is its warning month: the induction page says where its new hires are
  induction: async (p) => expect.poll(() => p.locator('main').textContent()).toMatch(/三级安全教育|induction/i),
  year: async (p) => expect.poll(() => p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(30),
};

const ROLES = [
  { who: 'D012', role: 'employee-studying' },
  { who: 'D011', role: 'employee-done' },
  { who: 'D003', role: 'officer' },
  { who: 'archive', role: 'archivist' },
  { who: 'admin', role: 'admin' },
];

async function signIn(who: string, o: { lang: 'zh-CN' | 'en-US'; width: number; height: number }): Promise<Page> {
  const ctx = patient(await browser.newContext({ viewport: { width: o.width, height: o.height }, locale: 'zh-CN' }));
  await ctx.addInitScript((lang) => localStorage.setItem('anxue.lang', lang), o.lang);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(server.url);
  await page.fill('input[name=employeeNo]', who);
  await page.fill('input[name=password]', pw[who]!);
  await page.click('button[type=submit]');
  await page.getByTestId('who').waitFor();
  return page;
}

/** Opens a page and waits for it to have loaded. */
async function open(page: Page, p: string): Promise<void> {
  await page.goto(`${server.url}#/${p}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.locator('main').textContent(), { timeout: 120_000 }).not.toMatch(/^\s*$|正在加载…|Loading…/);
  await page.waitForTimeout(300);
}

describe('the demo, every page of every role', () => {
  it('the demo prints an account for each role', () => {
    for (const r of ROLES) expect(pw[r.who], r.who).toMatch(/^\S{10}$/);
  });

  for (const r of ROLES)
    it(`${r.role}: every page shows real content; at 1366×768 nothing overflows, is cut off or covered; the menu is one row`, async () => {
      const page = await signIn(r.who, { lang: 'zh-CN', width: 1366, height: 768 });
      const nav = page.getByRole('navigation', { name: '主菜单' });
      const box = (await nav.boundingBox())!;
      const first = (await nav.locator(':scope > *').first().boundingBox())!;
      expect(box.height, 'the menu is one row').toBeLessThan(first.height * 1.6);
      const pages = await menuPages(page);
      expect(pages.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const p of pages) {
        await open(page, p);
        const check = CONTENT[p];
        expect(check, `a content check for ${p}`).toBeDefined();
        await check!(page);
        // the group of the page shown is marked
        expect(await nav.locator('.active').count(), `${p}: the current page is marked`).toBe(1);
        await shot(page, `demo-${r.role}-${p}`);
        problems.push(...(await layoutProblems(page)).map((x) => `${p}: ${x}`));
        // scrolled to the end, too: nothing sticky over the last fields
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        problems.push(...(await layoutProblems(page)).map((x) => `${p} (end): ${x}`));
      }
      expect(problems).toEqual([]);
      await page.context().close();
    });

  for (const lang of ['zh-CN', 'en-US'] as const)
    it(`${lang}: a result awaiting grading shows the objective points and no verdict; dates in the screen's words, past ones flagged; the archive in plain words`, async () => {
      const zh = lang === 'zh-CN';
      const employee = await signIn('D012', { lang, width: 1366, height: 768 });
      await open(employee, 'quiz');
      const attempt = employee.getByTestId('quiz-attempts').locator('li').first();
      expect(await attempt.textContent()).toContain(zh ? '客观题 76 分，简答题待阅卷' : 'Objective questions: 76 points; short answers awaiting grading');
      await attempt.getByRole('button').click();
      await expect.poll(() => employee.getByTestId('quiz-score').textContent()).toBe(zh ? '客观题 76 分，简答题待阅卷' : 'Objective questions: 76 points; short answers awaiting grading');
      await expect.poll(() => employee.getByTestId('quiz-result').textContent()).toContain(zh ? '还有 20 分的题目由安全管理人员阅卷' : '20 more points are graded by the safety officer');
      expect(await employee.locator('main').textContent()).not.toMatch(zh ? /不合格|合格（及格线/ : /Passed \(|Not passed/);
      expect(
        await employee
          .getByTestId('review-points')
          .filter({ hasText: zh ? '待阅卷（20 分）' : 'awaiting grading (20 points)' })
          .count(),
      ).toBe(1);
      // graded: the final score and the verdict
      const done = await signIn('D011', { lang, width: 1366, height: 768 });
      await open(done, 'quiz');
      expect(await done.getByTestId('quiz-attempts').textContent()).toMatch(zh ? /\d+ \/ 100 分 · (合格|不合格)/ : /\d+ \/ 100 points · (passed|not passed)/);
      // the study week in the screen's words: 2026年11月28日 至 12月4日 / Nov 28 – Dec 4, 2026
      await open(employee, 'study');
      expect(await employee.locator('main').textContent()).toMatch(
        zh ? /集中学习：\d{4}年\d{1,2}月\d{1,2}日 至 (\d{4}年)?\d{1,2}月\d{1,2}日进行中/ : /Concentrated study: [A-Z][a-z]{2} \d{1,2}(, \d{4})? – [A-Z][a-z]{2} \d{1,2}, \d{4}now on/,
      );
      const officer = await signIn('D003', { lang, width: 1366, height: 768 });
      await open(officer, 'plan');
      // the mobilization phase has ended, one task is overdue
      expect(await officer.getByTestId('ended-flag').first().textContent()).toBe(zh ? '已结束' : 'ended');
      expect(await officer.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const archivist = await signIn('archive', { lang, width: 1366, height: 768 });
      await open(archivist, 'archive');
      const main = archivist.locator('main');
      expect(await main.textContent()).toContain(zh ? '“校验”检查导出的档案和导出时是否一字不差' : '“Verify” checks that an exported file still reads exactly as it was exported');
      const details = main.locator('details').first();
      expect(await details.getByText('SHA-256').first().isVisible()).toBe(false);
      await details.locator('summary').click();
      expect(await details.getByText(/SHA-256/).isVisible()).toBe(true);
      // one export for the people ticked, not a button per person
      expect(await main.getByRole('button', { name: zh ? /导出.*一人一档/ : /Export the training file/ }).count()).toBe(1);
      await archivist.getByTestId('choose-D011').check();
      await archivist.getByTestId('choose-D012').check();
      expect(await archivist.getByTestId('export-chosen').textContent()).toBe(zh ? '导出所选 2 人的一人一档（.zip）' : 'Export the training files of these 2 (.zip)');
      for (const p of [employee, done, officer, archivist]) await p.context().close();
    });

  for (const o of [
    { lang: 'en-US' as const, width: 1366, height: 768 },
    { lang: 'zh-CN' as const, width: 1920, height: 1080 },
  ])
    it(`in ${o.lang} at ${o.width}×${o.height}: every page of every role holds its layout`, async () => {
      const problems: string[] = [];
      for (const r of ROLES) {
        const page = await signIn(r.who, o);
        const nav = page.getByRole('navigation', { name: /Main menu|主菜单/ });
        const first = (await nav.locator(':scope > *').first().boundingBox())!;
        expect((await nav.boundingBox())!.height, `${r.role}: the menu is one row`).toBeLessThan(first.height * 1.6);
        for (const p of await menuPages(page)) {
          await open(page, p);
          problems.push(...(await layoutProblems(page)).map((x) => `${r.role} ${p}: ${x}`));
        }
        await page.context().close();
      }
      expect(problems).toEqual([]);
    });
});

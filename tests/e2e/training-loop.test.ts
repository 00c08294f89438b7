// End to end in Debian's Chromium against browser mode: officer sets up, employee studies, takes
// the quiz and writes the essay, officer grades, archivist exports; the PDF is read back with
// pdftotext and `verify` passes, then fails after one byte is changed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { cli, ROOT } from '../helpers/cli';
import { patient, warningMonth2024 } from '../helpers/e2e';
import { rosterCsv, HEADER } from '../helpers/fixtures';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';

const SHOTS = path.join(ROOT, 'test-results');
const CLOCK_SPEED = 60; // test-only: one real second is one minute of the backend clock

let server: ServerProcess;
let browser: Browser;
let data: string;

const ESSAY = {
  awareness: '我在安全意识上存在差距：对动火作业前的气体分析不够重视，认为走个形式就行。',
  responsibility: '作为班组操作工，交接班时没有把设备异常交代清楚，巡检记录也有漏项。',
  warning: '九七事故让我明白，违章作业和冒险蛮干的后果是生命的代价，不能心存侥幸。',
  measures: '今后每班按规定路线巡检并如实记录，每月参加一次应急演练，发现隐患立即报告。',
};

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  if (!existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('the renderer is not built: npm test runs `vite build` first');
  data = tempDir('anxue-e2e-');
  server = await startServeProcess(['--data', data, '--port', '0', '--test-clock-speed', String(CLOCK_SPEED)], { ANXUE_ALLOW_TEST_CLOCK: '1' });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

async function newPage(): Promise<Page> {
  const ctx = patient(await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' }));
  const page = await ctx.newPage();
  page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** Type the two characters of an attention check, if one is on screen. */
async function answerCheckIfShown(page: Page): Promise<boolean> {
  const dialog = page.getByTestId('attention-check');
  if (!(await dialog.isVisible())) return false;
  const code = (await page.getByTestId('check-code').textContent())!.trim();
  await page.getByLabel('输入上面的两个字').fill(code);
  await dialog.getByRole('button', { name: '确认' }).click();
  await dialog.waitFor({ state: 'detached' });
  return true;
}

async function login(page: Page, no: string, password: string) {
  await page.goto(server.url);
  await page.fill('input[name=employeeNo]', no);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByTestId('who').waitFor();
}

describe('the whole training loop in the browser', () => {
  let officer: Page;
  let employee: Page;
  let employeePassword = '';

  it('first start shows the setup screen; the admin sets up the enterprise (no default password)', async () => {
    officer = await newPage();
    await officer.goto(server.url);
    await officer.getByRole('heading', { name: '首次设置' }).waitFor();
    await shot(officer, '01-setup');
    const inputs = officer.locator('form input');
    await inputs.nth(0).fill('端到端测试化工（虚构）');
    await inputs.nth(1).fill('admin');
    await inputs.nth(2).fill('测试管理员');
    await inputs.nth(3).fill('e2e-admin-pass');
    await inputs.nth(4).fill('e2e-admin-pass');
    await officer.click('button[type=submit]');
    await officer.getByTestId('who').waitFor();
    expect(await officer.getByTestId('who').textContent()).toContain('测试管理员');
  });

  it('the officer imports the roster (preview first) and gets the one-time passwords', async () => {
    await officer.goto(`${server.url}#/roster`);
    const csv = rosterCsv([HEADER, ['E001', '端测员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'], ['E002', '端测班长', '甲醇车间', '合成一班', '班长', '特种作业人员', '否']]);
    await officer.getByTestId('roster-file').setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await officer.getByText('预览：新增 2 人').waitFor();
    await shot(officer, '02-roster-preview');
    await officer.getByRole('button', { name: '确认导入' }).click();
    await officer.getByText('导入完成：新增 2 人').waitFor();
    const row = officer.locator('tr', { hasText: 'E001' }).first();
    employeePassword = (await row.locator('td.mono').textContent())!.trim();
    expect(employeePassword).toMatch(/^\S{10}$/);
  });

  it('the officer creates the campaign from the 警示月 template and adjusts it', async () => {
    await officer.goto(`${server.url}#/campaign`);
    await warningMonth2024(officer);
    await officer.getByLabel('要求学时', { exact: true }).fill('0.2');
    // what some person categories are asked, where it differs (empty fields: the figure above)
    await officer.getByTestId('target-by-category').getByLabel('主要负责人').fill('0.5');
    await officer.getByTestId('target-by-category').scrollIntoViewIfNeeded();
    await shot(officer, '03a-campaign-targets');
    await officer.getByLabel('考试时长（分钟）').fill('300');
    await officer.getByLabel('最少字数').fill('60');
    // graded anonymously: the grading page names papers, not people (the backend sends no names)
    await officer.getByLabel(/^匿名阅卷/).check();
    await shot(officer, '03-campaign');
    await officer.getByRole('button', { name: '保存培训计划' }).click();
    await officer.getByText('已保存').first().waitFor();
  });

  it('the admin turns attention checks to a fixed 5-minute interval with 10 minutes to answer', async () => {
    await officer.goto(`${server.url}#/settings`);
    await officer.getByLabel('验证最短间隔（分钟）').fill('5');
    await officer.getByLabel('验证最长间隔（分钟）').fill('5');
    await officer.getByLabel('验证作答时限（秒）').fill('600');
    await officer.getByRole('button', { name: '保存' }).click();
    await officer.getByText('已保存').waitFor();
  });

  it('the employee reads a document; time counts while active and visibly pauses when idle', async () => {
    employee = await newPage();
    await login(employee, 'E001', employeePassword);
    await employee.getByTestId('next-step').waitFor();
    await shot(employee, '04-my-study');
    await employee.getByTestId('next-step').click();
    await employee.getByTestId('study-status').waitFor();
    await employee.bringToFront();
    // 14 real seconds of reading with the mouse moving = 14 minutes of the backend clock; the
    // attention checks that come (every 5 minutes) are answered
    let answered = 0;
    for (let i = 0; i < 28; i++) {
      await employee.mouse.move(300 + (i % 7) * 40, 300 + (i % 5) * 30);
      await employee.mouse.wheel(0, i % 2 ? 80 : -80);
      if (await answerCheckIfShown(employee)) answered += 1;
      await employee.waitForTimeout(500);
    }
    expect(answered).toBeGreaterThanOrEqual(2);
    await expect.poll(() => employee.getByTestId('study-status').textContent()).toContain('正在计时');
    await shot(employee, '05-reader-counting');
    // walk away: after the idle limit (120 s = 2 real s) counting stops and says why
    await expect.poll(() => employee.getByTestId('study-status').textContent(), { timeout: 120_000 }).toContain('已暂停：长时间无操作');
    await shot(employee, '06-reader-idle');
    // a check left unanswered past its 10 minutes (10 real seconds): time stops, and says why
    await employee.getByTestId('attention-check').waitFor({ timeout: 120_000 });
    await shot(employee, '06b-attention-check');
    await expect.poll(() => employee.getByTestId('study-status').textContent(), { timeout: 120_000 }).toContain('已暂停：防挂机验证未完成');
    expect(await employee.getByTestId('attention-check').textContent()).toContain('验证已超时');
    // answered late: counting resumes
    await answerCheckIfShown(employee);
    for (let i = 0; i < 4; i++) {
      await employee.mouse.move(500 + i * 10, 420);
      await employee.waitForTimeout(300);
    }
    await expect.poll(() => employee.getByTestId('study-status').textContent()).toContain('正在计时');
    await employee.goto(`${server.url}#/study`);
    await employee.getByTestId('campaign-credit').waitFor();
    const credit = Number(/([\d.]+) \//.exec((await employee.getByTestId('campaign-credit').textContent())!)![1]);
    // 14 clock minutes of activity + at most the idle limit, at 45 min per 学时 → 0.3 学时; the
    // missed check dropped the time since the last answered one (about 5 minutes, 0.1 学时)
    expect(credit).toBeGreaterThanOrEqual(0.1);
    expect(credit).toBeLessThanOrEqual(0.4);
  });

  it('the officer imports an official text (PDF); the employee finds a phrase, opens it at the hit, and studies it', async () => {
    // a PDF made here: Chinese HTML printed by Chromium with Noto Sans CJK
    const maker = await newPage();
    await maker.setContent(
      `<html lang="zh-CN"><body style="font-family:'Noto Sans CJK SC';font-size:15px"><h1>特殊作业规范（端到端测试用文本）</h1>` +
        Array.from({ length: 30 }, (_, i) => `<p>第${i + 1}条 作业前应进行风险辨识，落实安全措施，办理作业票证。</p>`).join('') +
        `<p>第31条 动火作业前应进行气体分析，分析合格后方可动火，并由专人监火。</p></body></html>`,
    );
    const pdf = await maker.pdf({ format: 'A4', outline: true, tagged: true });
    await maker.close();
    await officer.goto(`${server.url}#/documents`);
    await officer.getByTestId('import-gb-30871-2022').click();
    await officer.getByTestId('import-file').setInputFiles({ name: 'GB30871-正式文本.pdf', mimeType: 'application/pdf', buffer: pdf });
    await officer.getByTestId('import-preview').waitFor();
    expect(await officer.getByTestId('import-preview').textContent()).toMatch(/2 页/);
    await shot(officer, '04b-import-preview');
    await officer.getByRole('button', { name: '确认导入' }).click();
    await officer.getByText(/已导入：GB30871-正式文本\.pdf/).waitFor();

    await employee.goto(`${server.url}#/study`);
    await employee.getByRole('search').getByRole('searchbox').fill('动火作业 气体分析');
    await employee.getByRole('search').getByRole('searchbox').press('Enter');
    await employee.getByTestId('results').waitFor();
    await shot(employee, '04c-search');
    const first = employee.getByTestId('results').locator('li').first();
    expect(await first.locator('mark').allTextContents()).toEqual(['动火作业', '气体分析']);
    expect(await first.textContent()).toContain('正式文本');
    await first.getByRole('button').click();
    await employee.locator('[data-search-hit=first]').waitFor({ timeout: 120_000 });
    const painted = await employee.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('search-hit')?.size ?? 0);
    expect(painted).toBeGreaterThanOrEqual(2);
    const onPage = await employee.evaluate(() => document.querySelector('[data-search-hit=first]')!.closest('.pdf-page')!.id);
    expect(onPage).toBe('page-2');
    await shot(employee, '04d-reader-hit');
    // the PDF's own bookmarks become the outline, above the page list
    await expect.poll(() => employee.locator('aside.outline').textContent()).toContain('特殊作业规范（端到端测试用文本）');
    for (let i = 0; i < 6; i++) {
      await employee.mouse.move(400 + i * 10, 400);
      await employee.waitForTimeout(400);
    }
    await expect.poll(() => employee.getByTestId('study-status').textContent()).toContain('正在计时');
    await expect.poll(async () => (await employee.getByTestId('session-clock').textContent())!.replace(/\D/g, '')).not.toBe('0000');

    // The tab is switched away: headless Chromium keeps every tab visible, so the page is made to
    // report 'hidden' the way a browser does, and the real renderer → backend path does the rest.
    await employee.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => employee.getByTestId('study-status').textContent()).toContain('已暂停：窗口不可见');
    const frozen = await employee.getByTestId('session-clock').textContent();
    await employee.mouse.move(600, 500);
    await employee.waitForTimeout(1500); // 1.5 clock minutes
    expect(await employee.getByTestId('session-clock').textContent()).toBe(frozen);
    await employee.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    for (let i = 0; i < 4; i++) {
      await employee.mouse.move(420 + i * 10, 400);
      await employee.waitForTimeout(300);
    }
    await expect.poll(() => employee.getByTestId('study-status').textContent()).toContain('正在计时');
  });

  it('the officer records a warning-education film; the employee checks in with the code shown in the room', async () => {
    await officer.goto(`${server.url}#/sessions`);
    await officer.getByLabel('主题').fill('九七事故警示教育片');
    await officer.getByLabel('时长（分钟）').fill('90');
    await officer.getByLabel('地点').fill('三楼会议室');
    await officer.getByRole('button', { name: '记录这次活动' }).click();
    await officer.getByRole('button', { name: '开放现场签到' }).click();
    await officer.getByTestId('checkin-code').waitFor();
    await shot(officer, '07a-session-checkin');
    const code = (await officer.getByTestId('checkin-code').locator('strong').textContent())!.trim();
    await employee.goto(`${server.url}#/study`);
    await employee.getByTestId('checkin-input').fill(code);
    await employee.getByRole('button', { name: '签到' }).click();
    await employee.getByText('已签到：九七事故警示教育片').waitFor();
    await expect.poll(() => employee.getByTestId('breakdown').textContent()).toContain('集中学习 2 学时');
    expect(await employee.locator('[role=img] canvas').count()).toBeGreaterThanOrEqual(2); // per-day bars and the calendar
    await shot(employee, '07b-home-after-checkin');
  });

  it('the employee takes the quiz; objective questions are graded on submit', async () => {
    await employee.goto(`${server.url}#/quiz`);
    await employee.getByRole('button', { name: '开始考试' }).click();
    await employee.getByTestId('confirm-dialog').getByRole('button', { name: '开始计时' }).click();
    // the template's paper is drawn from every required document of the bundled bank (20 objective
    // questions of 4 points, one short answer of 20); questions and options come in an order of this
    // person's own: each is found in the bundled bank by its stem and answered by what the options say
    const bank = readdirSync(path.join(ROOT, 'content/question-banks')).flatMap(
      (f) => JSON.parse(readFileSync(path.join(ROOT, 'content/question-banks', f), 'utf8')).questions as { stem: string; type: string; options: string[]; answer: string[] }[],
    );
    const total = Number(/\/ (\d+)/.exec((await employee.getByTestId('answered').textContent())!)![1]);
    expect(total).toBe(21);
    for (let i = 0; i < total; i++) {
      const legend = (await employee.locator('fieldset.question legend').textContent())!;
      const q = bank.find((b) => legend.includes(b.stem));
      expect(q, legend).toBeDefined();
      if (q!.type === 'single' || q!.type === 'multiple') {
        // shuffled: the option is found by its whole text after whatever letter it shows
        const exact = (x: string) => new RegExp(`^[A-H]\\. ${x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
        for (const l of q!.answer) await employee.getByLabel(exact(q!.options[l.charCodeAt(0) - 65]!)).check();
      } else if (q!.type === 'truefalse') await employee.getByLabel(q!.answer[0] === 'T' ? '正确' : '错误', { exact: true }).check();
      else if (q!.type === 'fill') await employee.getByLabel('您的答案').fill(q!.answer[0]!);
      else await employee.getByLabel('您的答案').fill('本岗位最大风险是甲醇泄漏引发火灾，我会严格巡检、及时报告。');
      if (i < total - 1) await employee.getByRole('button', { name: '下一题' }).click();
    }
    expect(await employee.getByTestId('answered').textContent()).toContain(`已答 ${total} / ${total}`);
    // switching away from the quiz is counted (headless tabs stay visible: the page reports it)
    await employee.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => employee.getByTestId('quiz-leaves').textContent()).toContain('已离开考试窗口 1 次');
    await shot(employee, '07-quiz');
    await employee.getByRole('button', { name: '交卷' }).click();
    await employee.getByTestId('confirm-dialog').getByRole('button', { name: '确认交卷' }).click();
    await employee.getByTestId('quiz-score').waitFor();
    // the short answer (20 points) waits: the objective points, no verdict yet
    expect(await employee.getByTestId('quiz-score').textContent()).toBe('客观题 80 分，简答题待阅卷');
    await expect.poll(() => employee.getByTestId('quiz-result').textContent()).toContain('还有 20 分的题目由安全管理人员阅卷');
    // no verdict anywhere on the page but in the questions themselves: the drawn paper's own text
    // (a stem or 解析 of the bundled bank) may well say 不合格
    const outsideReview = await employee.locator('main').evaluate((m) => {
      const copy = m.cloneNode(true) as HTMLElement;
      copy.querySelector('[data-testid="quiz-review"]')?.remove();
      return copy.textContent ?? '';
    });
    expect(outsideReview).toContain('客观题 80 分，简答题待阅卷');
    expect(outsideReview).not.toMatch(/不合格|合格（及格线/);
    // answers and 解析 after submitting (the campaign allows it), in the order this person saw
    await expect.poll(() => employee.getByTestId('quiz-review').locator('li.qblock').count()).toBe(21);
    expect(await employee.getByTestId('review-points').filter({ hasText: '待阅卷（20 分）' }).count()).toBe(1);
    expect(await employee.getByTestId('quiz-review').textContent()).toContain('解析');
  });

  it('the employee writes the essay: live 字数, autosave, submit', async () => {
    await employee.goto(`${server.url}#/essay`);
    for (const [k, v] of Object.entries(ESSAY)) await employee.locator(`textarea[data-part=${k}]`).fill(v);
    await employee.getByLabel('“9·7”事故').check();
    await expect.poll(() => employee.getByTestId('essay-count').textContent()).toMatch(/共 1\d\d 字/);
    await expect.poll(() => employee.getByTestId('essay-saved').textContent(), { timeout: 120_000 }).toContain('已自动保存');
    await shot(employee, '08-essay');
    await employee.getByRole('button', { name: '提交' }).click();
    await employee.getByTestId('confirm-dialog').getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => employee.getByTestId('essay-status').textContent()).toBe('已提交');
  });

  it('the officer grades the short answer and accepts the essay', async () => {
    await officer.goto(`${server.url}#/grading`);
    await officer.getByTestId('answer-card').waitFor();
    await shot(officer, '09-grading');
    await officer.getByTestId('grading-anonymous').waitFor();
    expect(await officer.getByTestId('answer-card').textContent()).toMatch(/答卷 [0-9A-F]{4}-[0-9A-F]{4}/);
    expect(await officer.getByTestId('answer-card').textContent()).not.toContain('端测员工');
    expect(await officer.getByTestId('answer-card').textContent()).not.toContain('E001');
    await officer.getByTestId('answer-card').locator('input[type=number]').fill('15');
    await officer.getByTestId('answer-card').getByRole('button', { name: '保存评分' }).click();
    await officer.getByTestId('answer-card').waitFor({ state: 'detached' });
    await officer.getByTestId('essays-waiting').getByRole('link', { name: '去审阅剖析材料' }).click();
    await officer.getByTestId('essays-table').locator('tr', { hasText: 'E001' }).getByRole('button', { name: '审阅' }).click();
    await officer.getByTestId('essay-review').waitFor();
    await officer.getByLabel('总体意见（退回时必填，或对某一部分提意见）').fill('剖析具体，措施可查。');
    await officer.getByRole('button', { name: '通过' }).click();
    await expect.poll(() => officer.getByTestId('essays-summary').textContent()).toContain('已通过 1');
    await officer.goto(`${server.url}#/grading`);
    await officer.getByText('没有待处理的阅卷任务。').waitFor();
    await officer.goto(`${server.url}#/progress`);
    const row = officer.getByTestId('progress-table').locator('tr', { hasText: 'E001' });
    await expect.poll(() => row.textContent()).toContain('95 ✓');
    expect(await row.textContent()).toContain('已通过');
    expect(await row.textContent()).toMatch(/考试中离开窗口 [12] 次/);
    // the dashboard shows who is behind (E002 never studied) and the evidence behind E001's hours
    expect(await officer.getByTestId('progress-summary').textContent()).toContain('1 人学时未达标');
    await row.getByRole('button', { name: '端测员工' }).click();
    const panel = officer.getByTestId('person-sessions');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('验证未完成');
    expect(await panel.textContent()).toContain('本人现场签到');
    await shot(officer, '10-progress');
    // the server finds and pages: one person found by 工号, the pager says how many match
    await officer.getByLabel('按工号或姓名查找').fill('E002');
    await expect.poll(() => officer.getByTestId('progress-table').locator('tbody tr').count()).toBe(1);
    expect(await officer.getByTestId('progress-table').locator('tbody tr').textContent()).toContain('E002');
    expect(await officer.getByTestId('pager-state').textContent()).toContain('共 1 人');
    await officer.getByLabel('按工号或姓名查找').fill('');
    // results: the paper's figures and the score sheet (a real download)
    await officer.goto(`${server.url}#/results`);
    await expect.poll(() => officer.getByTestId('paper-stats').textContent()).toContain('1 人交卷');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: '导出成绩单（Excel）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^考核成绩单-.*\.xlsx$/);
    await shot(officer, '10b-results');
  });

  it('the archivist exports the training file; the PDF holds the name and essay; verify detects a changed byte', async () => {
    await officer.goto(`${server.url}#/archive`);
    // the page says what a 一人一档 holds and what 校验 proves, in plain words; the hashes behind 详细信息
    const page = officer.locator('main');
    expect(await page.textContent()).toContain('一人一档是一个人的安全教育培训档案');
    expect(await page.getByText(/校验”检查导出的档案/).isVisible()).toBe(true);
    const details = page.locator('details', { hasText: '详细信息' });
    expect(await details.getByText(/SHA-256/).isVisible()).toBe(false);
    await details.getByText('详细信息').click();
    expect(await details.getByText(/SHA-256/).isVisible()).toBe(true);
    expect(await officer.getByTestId('export-chosen').isDisabled()).toBe(true);
    await officer.getByTestId('choose-E001').check();
    expect(await officer.getByTestId('chosen-count').textContent()).toBe('已选 1 人');
    await officer.getByTestId('export-chosen').click();
    await officer.getByTestId('export-result').waitFor();
    expect(await officer.getByTestId('export-result').textContent()).toContain('档案正文（PDF，可打印）');
    await shot(officer, '11-archive');
    await officer.getByRole('button', { name: '校验' }).first().click();
    await officer.getByText('校验通过：未被改动，由本企业的签名密钥签署').waitFor();
    // the signing panel: the admin signed in on this server, so exports are signed; the export made a checkpoint
    const signing = officer.getByTestId('signing');
    await signing.scrollIntoViewIfNeeded();
    expect(await signing.textContent()).toContain('已解锁');
    await expect.poll(() => signing.textContent()).toMatch(/最新检查点 #1（.*）摘要：\s*[0-9a-f]{64}/);
    await shot(officer, '11b-signing');
    const exportsDir = path.join(data, 'exports');
    const folder = path.join(
      exportsDir,
      readdirSync(exportsDir).find((f) => f.startsWith('E001-'))!,
    );
    const text = execFileSync('pdftotext', [path.join(folder, 'training-file.pdf'), '-'], { encoding: 'utf8' })
      .normalize('NFKC')
      .replace(/\s+/g, '');
    expect(text).toContain('端测员工');
    expect(text).toContain(ESSAY.warning.normalize('NFKC').slice(0, 15));
    expect(text).toContain('95/100');
    expect(text).toContain('本人签字');
    expect(cli(['verify', folder]).status).toBe(0);
    const pdf = readFileSync(path.join(folder, 'training-file.pdf'));
    pdf[pdf.length >> 1] = pdf[pdf.length >> 1]! ^ 0xff;
    writeFileSync(path.join(folder, 'training-file.pdf'), pdf);
    const r = cli(['verify', folder]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('training-file.pdf');
    await officer.getByRole('button', { name: '校验' }).first().click();
    await officer.getByText(/校验失败/).waitFor();
  });

  it('the UI switches to English at run time', async () => {
    await employee.goto(`${server.url}#/study`);
    await employee.getByRole('button', { name: /English/ }).click();
    await employee.getByRole('link', { name: 'My study' }).waitFor();
    await shot(employee, '12-english');
  });
});

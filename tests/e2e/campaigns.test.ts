// End to end in Debian's Chromium: campaigns side by side. The officer runs a warning month and a
// new-hire induction (a list of two new hires) at the same time and switches between them in the
// picker; closes last year's warning month and opens it read-only. A new hire who takes part in
// both sees two cards with two counters, and reading a document both share moves both.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignInput, Settings } from '../../electron/core/model';
import type { CampaignListItem } from '../../electron/shared/api';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { enterpriseFolder, loginAt, openPage, shot, workstation } from '../helpers/e2e';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir } from '../helpers/temp-app';
import type { Browser } from 'playwright-core';

const ADMIN_PW = 'campaigns-e2e-admin';
const CLOCK_SPEED = 60; // test-only: one real second is one minute of the backend clock

let server: ServerProcess;
let browser: Browser;
let data: string;
let pw: Record<string, string> = {};

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  const set = enterpriseFolder({
    prefix: 'anxue-e2e-campaigns-',
    enterprise: '并行培训化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [
      ['E001', '老员工甲', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
      ['N001', '新员工甲', '甲醇车间', '合成二班', '操作工', '其他从业人员', '否'],
      ['N002', '新员工乙', '安全环保部', '', '安全员', '安全管理人员', '否'],
    ],
  });
  data = set.data;
  pw = set.pw;
  server = await startServeProcess(['--data', data, '--port', '0', '--test-clock-speed', String(CLOCK_SPEED)], { ANXUE_ALLOW_TEST_CLOCK: '1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

/** A call of the contract made from the page, as the logged-in person: its HTTP status and body. */
async function call<T>(page: Page, name: string, input: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ name, input }) => {
      const r = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('anxue.token') ?? ''}` },
        body: JSON.stringify(input),
      });
      return { status: r.status, body: await r.json() };
    },
    { name, input },
  );
}

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The template with every date moved by the same number of days, so that it starts on `start`. */
function startingOn(c: CampaignInput, start: string): CampaignInput {
  const by = Date.parse(start) - Date.parse(c.start);
  const move = (d: string) => iso(Date.parse(d) + by);
  return {
    ...c,
    start: move(c.start),
    end: move(c.end),
    studyStart: move(c.studyStart),
    studyEnd: move(c.studyEnd),
    essay: { ...c.essay, deadline: move(c.essay.deadline) },
    phases: c.phases.map((p) => ({ ...p, start: move(p.start), end: move(p.end) })),
  };
}

describe('campaigns side by side', () => {
  let officer: Page;
  const ids = { warning: '', induction: '', lastYear: '' };
  let sharedDoc = '';
  const year = new Date().getFullYear();
  const WARNING = `${year}年警示月（并行测试）`;
  const INDUCTION = '新员工三级安全教育（并行测试）';
  const LAST_YEAR = `${year - 1}年警示月（并行测试）`;

  it('the officer runs a warning month and a new-hire induction at once, and has last year’s warning month', async () => {
    officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    // 10 minutes a 学时 (the least allowed) and no attention checks: a few real seconds of reading show on a counter
    const settings = (await call<Settings>(officer, 'settings.get', {})).body;
    expect((await call(officer, 'settings.save', { ...settings, minutesPerCreditHour: 10, attentionChecks: false })).status).toBe(200);

    const tpl = (await call<CampaignInput>(officer, 'campaign.template', {})).body;
    sharedDoc = tpl.documents[0]!.docId;
    // both running now (a margin of days either side: the backend's clock runs fast and in Beijing time)
    const now = Date.now();
    const save = async (c: CampaignInput) => {
      const r = await call<{ id: string }>(officer, 'campaign.save', c);
      expect(r.status).toBe(200);
      return r.body.id;
    };
    ids.warning = await save({ ...startingOn(tpl, iso(now - 10 * dayMs)), name: WARNING });
    const induction = startingOn(tpl, iso(now - 5 * dayMs));
    ids.induction = await save({
      ...induction,
      name: INDUCTION,
      kind: 'induction',
      end: iso(now + 14 * dayMs),
      studyEnd: iso(now + 14 * dayMs),
      targetCreditHours: 2,
      targetByCategory: {},
      documents: [tpl.documents[0]!],
    });
    // its assessment is resumed after the close below: 300 minutes are five real minutes at this clock speed
    ids.lastYear = await save({ ...startingOn(tpl, `${year - 1}-09-01`), name: LAST_YEAR, quiz: { ...tpl.quiz, timeLimitMinutes: 300 } });
    // last year's case lecture, which E001 attended: shown read-only once the campaign is closed
    const lecture = await call<{ id: string }>(officer, 'collective.save', {
      campaignId: ids.lastYear,
      type: 'lecture',
      topic: '事故案例宣讲',
      date: `${year - 1}-09-05`,
      start: '09:00',
      durationMinutes: 60,
      place: '三楼会议室',
      host: '安全环保部',
    });
    expect((await call(officer, 'collective.attendance', { sessionId: lecture.body.id, employeeNos: ['E001'] })).status).toBe(200);
    // made through the contract, not this page: the page loads the list again
    await officer.goto(`${server.url}#/campaign`);
    await officer.reload();
    await officer.getByTestId('campaign-picker').waitFor();
  });

  it('names who takes part in the induction: a list of two new hires, pasted, shown by name and counted', async () => {
    await officer.getByTestId('campaign-picker').click();
    await officer.getByTestId(`campaign-option-${ids.induction}`).click();
    await expect.poll(() => officer.getByLabel('名称', { exact: true }).inputValue()).toBe(INDUCTION);
    const count = officer.getByTestId('participant-count');
    await expect.poll(() => count.textContent()).toBe('参加人数：3 人');
    await officer.getByRole('radio', { name: '指定参加人员' }).check();
    await expect.poll(() => count.textContent()).toBe('参加人数：0 人');
    await officer.getByTestId('participants-paste').fill('N001\nN002');
    await officer.getByRole('button', { name: '加入名单（2 个工号）' }).click();
    await expect.poll(() => count.textContent()).toBe('参加人数：2 人');
    const list = officer.getByTestId('participant-list');
    expect(await list.textContent()).toContain('新员工甲（N001）');
    expect(await list.textContent()).toContain('新员工乙（N002）');
    await officer.getByTestId('participants').scrollIntoViewIfNeeded();
    await shot(officer, 'campaigns-01-participants');
    await officer.getByRole('button', { name: '保存培训计划' }).click();
    await officer.getByText('已保存').first().waitFor();
    const listed = (await call<CampaignListItem[]>(officer, 'campaign.list', {})).body;
    expect(listed.find((c) => c.id === ids.induction)).toMatchObject({ participantsKind: 'some', participantCount: 2, kind: 'induction', state: 'current' });
  });

  it('switches between them in the picker: the pages show each one’s data, and the choice is kept', async () => {
    await officer.getByTestId('campaign-picker').click();
    const menu = officer.getByTestId('campaign-menu');
    await menu.waitFor();
    expect(await menu.textContent()).toContain('进行中（2）');
    expect(await menu.textContent()).toContain('已结束、未归档（1）');
    await shot(officer, 'campaigns-02-picker');
    await officer.getByTestId(`campaign-option-${ids.warning}`).click();
    await expect.poll(() => officer.getByLabel('名称', { exact: true }).inputValue()).toBe(WARNING);
    await expect.poll(() => officer.getByTestId('participant-count').textContent()).toBe('参加人数：3 人');
    expect(await officer.getByTestId('campaign-picker').textContent()).toContain(WARNING);

    await officer.getByTestId('campaign-picker').click();
    await officer.getByTestId(`campaign-option-${ids.induction}`).click();
    await expect.poll(() => officer.getByLabel('名称', { exact: true }).inputValue()).toBe(INDUCTION);
    await expect.poll(() => officer.getByTestId('participant-count').textContent()).toBe('参加人数：2 人');
    // another page works on the chosen one too
    await officer.goto(`${server.url}#/plan`);
    await expect.poll(() => officer.locator('main').textContent()).toContain(INDUCTION);
    // kept for this person on this PC: a reload opens the same campaign
    await officer.reload();
    await expect.poll(() => officer.getByTestId('campaign-picker').textContent()).toContain(INDUCTION);
  });

  it('closes last year’s warning month: the confirmation says what follows; it opens read-only', async () => {
    await officer.goto(`${server.url}#/campaign`);
    await officer.getByTestId('campaign-picker').click();
    await officer.getByTestId(`campaign-option-${ids.lastYear}`).click();
    await expect.poll(() => officer.getByLabel('名称', { exact: true }).inputValue()).toBe(LAST_YEAR);
    await officer.getByTestId('close-campaign').click();
    const dialog = officer.getByTestId('confirm-dialog');
    expect(await dialog.textContent()).toContain('只能查看');
    expect(await dialog.textContent()).toContain('一期一档');
    await dialog.getByTestId('confirm-ok').click();
    const banner = officer.getByTestId('closed-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`“${LAST_YEAR}”已于`);
    expect(await banner.textContent()).toContain('结束归档：只能查看，不能再修改。');
    expect(await officer.getByTestId('closed-archive-link').getAttribute('href')).toBe('#/archive');
    // the form is read-only: its save cannot be pressed, and the backend refuses a save anyway
    await expect.poll(() => officer.getByRole('button', { name: '保存培训计划' }).isDisabled()).toBe(true);
    expect(await officer.getByLabel('名称', { exact: true }).isDisabled()).toBe(true);
    expect(await officer.getByTestId('close-campaign').count()).toBe(0);
    const full = (await call<CampaignInput>(officer, 'campaign.get', { campaignId: ids.lastYear })).body;
    const refused = await call<{ message: string }>(officer, 'campaign.save', { ...full, name: `${LAST_YEAR}（改）` });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('只能查看，不能再修改');
    await officer.evaluate(() => window.scrollTo(0, 0));
    await shot(officer, 'campaigns-03-closed');
    // the banner is above every page of it; the picker lists it as 已归档
    await officer.goto(`${server.url}#/plan`);
    await banner.waitFor();
    await officer.getByTestId('campaign-picker').click();
    expect(await officer.getByTestId('campaign-menu').textContent()).toContain('已归档，只读（1）');
    await officer.keyboard.press('Escape');
    await officer.getByTestId('reopen').click();
    await officer.getByTestId('reopen-reason').waitFor();
    expect(await officer.getByTestId('reopen-confirm').isDisabled()).toBe(true);
    await shot(officer, 'campaigns-04-closed-plan');
  });

  it('its collective sessions show who attended, and offer nothing to record, tick or open', async () => {
    const banner = officer.getByTestId('closed-banner');
    await banner.getByRole('button', { name: '取消' }).click();
    await officer.goto(`${server.url}#/sessions`);
    await banner.waitFor();
    await officer.getByTestId('session-attendance').click();
    await expect.poll(() => officer.getByTestId('attendee-list').textContent()).toBe('甲醇车间：老员工甲（E001）');
    expect(await officer.getByRole('checkbox').count()).toBe(0);
    expect(await officer.getByTestId('session-form').count()).toBe(0);
    expect(await officer.getByRole('button', { name: '开放现场签到' }).count()).toBe(0);
    expect(await officer.getByRole('button', { name: /^保存参加人员/ }).count()).toBe(0);
    await shot(officer, 'campaigns-04b-closed-sessions');
  });

  it('an assessment open at the close is resumed and handed in; no new one is offered', async () => {
    // last year's warning month reopened a moment: E001 begins its assessment, and it is closed again
    expect((await call(officer, 'campaign.reopen', { campaignId: ids.lastYear, reason: '补考一人' })).status).toBe(200);
    const e1 = await openPage(await workstation(browser));
    await loginAt(e1, server.url, 'E001', pw.E001!);
    expect((await call(e1, 'quiz.start', { campaignId: ids.lastYear })).status).toBe(200);
    expect((await call(officer, 'campaign.close', { campaignId: ids.lastYear })).status).toBe(200);
    // the pages work on last year's, as when E001 taps its card among 往期培训
    await e1.evaluate((id) => localStorage.setItem('anxue.campaign.E001', id), ids.lastYear);
    await e1.goto(`${server.url}#/quiz`);
    await e1.reload();
    await e1.getByTestId('closed-banner').waitFor();
    await expect.poll(() => e1.getByTestId('quiz-closed').textContent()).toBe('这个培训计划已归档：您未交卷的那场考试还可以继续作答并交卷，但不能再开始新的考试。');
    expect(await e1.getByTestId('quiz-start').textContent()).toBe('继续考试');
    await shot(e1, 'campaigns-04c-closed-quiz-resume');
    await e1.getByTestId('quiz-start').click();
    await e1.getByTestId('answered').waitFor();
    expect(await e1.getByTestId('confirm-dialog').count()).toBe(0);
    await e1.getByRole('button', { name: '整卷显示' }).click();
    await e1.getByRole('button', { name: '交卷' }).click();
    await e1.getByTestId('confirm-dialog').getByRole('button', { name: '确认交卷' }).click();
    await e1.getByTestId('quiz-score').waitFor();
    // handed in: the page lists it, and offers nothing more
    await e1.goto(`${server.url}#/study`);
    await e1.goto(`${server.url}#/quiz`);
    await expect.poll(() => e1.getByTestId('quiz-closed').textContent()).toBe('这个培训计划已归档，不能再开始考试。');
    expect(await e1.getByTestId('quiz-attempts').locator('li').count()).toBe(1);
    expect(await e1.getByTestId('quiz-start').count()).toBe(0);
    await shot(e1, 'campaigns-04d-closed-quiz-handed-in');
    await e1.context().close();
  });

  it('at 390 px the picker and its list fit the phone', async () => {
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.goto(`${server.url}#/campaign`);
    await officer.getByTestId('campaign-picker').click();
    await officer.getByTestId('campaign-menu').waitFor();
    await shot(officer, 'campaigns-05-picker-phone');
    // the bar and its list stay within the phone's width (the setup form below is an office page, wider)
    const bar = await officer.getByTestId('campaign-bar').evaluate((b) => ({ scroll: b.scrollWidth, right: b.getBoundingClientRect().right }));
    expect(bar.scroll).toBeLessThanOrEqual(390);
    expect(bar.right).toBeLessThanOrEqual(390);
    const box = (await officer.getByTestId('campaign-menu').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await officer.setViewportSize({ width: 1366, height: 768 });
  });

  it('a new hire in both sees two cards with two counters; reading a document both share moves both', async () => {
    const hire = await openPage(await workstation(browser));
    await loginAt(hire, server.url, 'N001', pw.N001!);
    const cards = hire.getByTestId('campaign-cards');
    await cards.waitFor();
    expect(await hire.getByTestId('count-rule').textContent()).toBe('自学时间计入您正在参加、且包含该学习文件的每一项培训；年度学时中只计一次。');
    expect(await hire.locator('.campaign-cards > li').count()).toBe(2);
    expect(await cards.textContent()).toContain('往期培训（1 项）');
    const counter = (id: string) => hire.getByTestId(`card-credit-${id}`);
    await expect.poll(() => counter(ids.warning).textContent()).toMatch(/^0 \/ [\d.]+ 学时$/);
    await expect.poll(() => counter(ids.induction).textContent()).toBe('0 / 2 学时');
    await shot(hire, 'campaigns-06-home-two-cards');

    // the induction is the one the pages work on: tapped, it is marked so
    await hire.getByTestId(`campaign-card-${ids.induction}`).click();
    await expect.poll(() => hire.getByTestId(`campaign-card-${ids.induction}`).getAttribute('aria-pressed')).toBe('true');
    await hire.goto(`${server.url}#/read/${encodeURIComponent(sharedDoc)}`);
    await hire.getByTestId('study-status').waitFor();
    await hire.bringToFront();
    // 14 real seconds of reading with the mouse moving = 14 minutes of the backend clock = 1.4 学时
    for (let i = 0; i < 28; i++) {
      await hire.mouse.move(300 + (i % 7) * 40, 300 + (i % 5) * 30);
      await hire.mouse.wheel(0, i % 2 ? 80 : -80);
      await hire.waitForTimeout(500);
    }
    await expect.poll(() => hire.getByTestId('study-status').textContent()).toContain('正在计时');
    await hire.goto(`${server.url}#/study`);
    const credit = async (id: string) => Number(/^([\d.]+) \//.exec((await counter(id).textContent()) ?? '')?.[1] ?? NaN);
    await expect.poll(() => credit(ids.induction)).toBeGreaterThanOrEqual(0.5);
    await expect.poll(() => credit(ids.warning)).toBeGreaterThanOrEqual(0.5);
    // one stretch of reading, the same time on both
    expect(await credit(ids.warning)).toBe(await credit(ids.induction));
    await shot(hire, 'campaigns-07-home-both-moved');

    await hire.setViewportSize({ width: 390, height: 844 });
    await cards.scrollIntoViewIfNeeded();
    await shot(hire, 'campaigns-08-home-phone');
    expect(await hire.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

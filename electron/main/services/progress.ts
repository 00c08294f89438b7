// The officer's view of the campaign: everyone's hours, quiz and essay, patterns worth a look, one
// person's sessions with their evidence, and the hours ledger (学时台账) as .xlsx.
import { createHash } from 'node:crypto';
import { COLLECTIVE_TYPE_NAMES, targetsText, type Campaign, type Settings } from '../../core/model';
import { localDay, toCreditHours, toHours } from '../../core/study-time';
import type { Input, PersonSessions, ProgressRow } from '../../shared/api';
import type { PersonFile, RosterFile } from '../storage/data-store';
import { getCampaign } from './campaign';
import { attendedSessions, bestResult, essayState, eventsOf, quizResults, studyTotals, yearMs } from './derive';
import { notFound } from './errors';
import type { Ports } from './ports';
import { collectIfGrown } from './gc';

const LONG_SESSION_MS = 4 * 3600_000;
const MANY_MISSED = 3;

type Person = RosterFile['people'][number];

function rowOf(p: Person, f: PersonFile, c: Campaign, settings: Settings, now: number): ProgressRow {
  const totals = studyTotals(f, c, settings, now, p.category);
  const best = bestResult(quizResults(f, c.id));
  const sessions = eventsOf(f, 'study.session').filter((e) => e.data.campaignId === c.id);
  const checksIssued = sessions.reduce((n, e) => n + (e.data.checks?.issued ?? 0), 0);
  const checksMissed = sessions.reduce((n, e) => n + (e.data.checks?.missed ?? 0), 0);
  const longest = sessions.reduce((m, e) => Math.max(m, Date.parse(e.data.endedAt) - Date.parse(e.data.startedAt)), 0);
  const flags: ProgressRow['flags'] = [];
  if (checksMissed >= MANY_MISSED || (checksIssued >= 3 && checksMissed / checksIssued > 0.3)) flags.push('many_missed_checks');
  if (longest > LONG_SESSION_MS) flags.push('long_sessions');
  return {
    employeeNo: p.employeeNo,
    name: p.name,
    dept: p.dept,
    team: p.team,
    category: p.category,
    leader: p.leader,
    studiedMs: totals.campaignMs,
    selfMs: totals.selfMs,
    collectiveMs: totals.collectiveMs,
    sessions: sessions.length,
    longestSessionMs: longest,
    checksIssued,
    checksMissed,
    flags,
    creditHours: toCreditHours(totals.campaignMs, settings.minutesPerCreditHour),
    targetCreditHours: totals.targetCreditHours,
    yearCreditHours: toCreditHours(yearMs(f, localDay(now, settings.utcOffsetMinutes).slice(0, 4)), settings.minutesPerCreditHour),
    yearTargetCreditHours: settings.categoryTargets[p.category].annual,
    quizPercent: best ? best.percent : null,
    quizPassed: best ? best.passed : null,
    quizPending: !!best && best.pendingCount > 0,
    quizLeaves: best ? (eventsOf(f, 'quiz.submitted').find((e) => e.data.attemptId === best.attemptId)?.data.leaves ?? 0) : 0,
    essayStatus: essayState(f, c.id).status,
  };
}

/**
 * Rows already computed, per data folder: a row is reused while the person's file, roster entry,
 * the campaign, the settings and the year are unchanged (the dashboard of 3,000 people then only
 * recomputes who studied since).
 */
const rowCache = new WeakMap<object, Map<string, { key: string; row: ProgressRow }>>();

export async function progressTable(ports: Ports, input: Input<'progress.table'>): Promise<ProgressRow[]> {
  const c = await getCampaign(ports, input.campaignId);
  const { settings } = await ports.store.meta.read();
  const now = ports.clock.now();
  let cache = rowCache.get(ports.store);
  if (!cache) rowCache.set(ports.store, (cache = new Map()));
  // one short digest of what every row depends on, not the campaign's text repeated in each key
  const context = createHash('sha256').update(JSON.stringify([c, settings, localDay(now, settings.utcOffsetMinutes).slice(0, 4)])).digest('base64');
  const stamps = await ports.store.personStamps();
  const people = (await ports.store.roster.peek()).people;
  // a person whose file this process never wrote (lowdb) has stamp 0: computed once from disk, then kept
  // the keys are taken once: records written while this runs must not change which rows are computed
  const keys = new Map(people.map((p) => [p.employeeNo, `${context}|${JSON.stringify(p)}|${stamps.get(p.employeeNo) ?? 0}`]));
  const stale = people.filter((p) => cache.get(`${c.id}|${p.employeeNo}`)?.key !== keys.get(p.employeeNo));
  // peek, not read: only read here (rowOf derives, it never mutates); all changed people in one go
  const files = await ports.store.peekPeople(stale.map((p) => p.employeeNo));
  const rows: ProgressRow[] = [];
  for (const p of people) {
    collectIfGrown();
    const key = keys.get(p.employeeNo)!;
    const hit = cache.get(`${c.id}|${p.employeeNo}`);
    if (hit && hit.key === key) {
      rows.push(hit.row);
      continue;
    }
    const row = rowOf(p as Person, files.get(p.employeeNo) as PersonFile, c, settings, now);
    cache.set(`${c.id}|${p.employeeNo}`, { key, row });
    rows.push(row);
  }
  return rows.map((r) => ({ ...r, flags: [...r.flags] }));
}

export async function personSessions(ports: Ports, input: Input<'progress.person'>): Promise<PersonSessions> {
  const c = await getCampaign(ports, input.campaignId);
  const p = (await ports.store.roster.peek()).people.find((x) => x.employeeNo === input.employeeNo);
  if (!p) throw notFound(`花名册中没有工号 ${input.employeeNo}`);
  return sessionsOf(p as Person, (await ports.store.person(p.employeeNo).peek()) as PersonFile, c);
}

/** One person's study sessions and collective sessions in a campaign, with the minutes of each day. */
function sessionsOf(p: Person, f: PersonFile, c: Campaign): PersonSessions {
  const byDay: Record<string, number> = {};
  const sessions = eventsOf(f, 'study.session')
    .filter((e) => e.data.campaignId === c.id)
    .map((e) => {
      for (const [d, ms] of Object.entries(e.data.byDay)) byDay[d] = (byDay[d] ?? 0) + ms;
      return {
        startedAt: e.data.startedAt,
        endedAt: e.data.endedAt,
        docTitle: e.data.docTitle,
        countedMs: e.data.countedMs,
        excludedMs: { ...e.data.excludedMs },
        checks: e.data.checks ? { ...e.data.checks } : null,
        closedBy: e.data.closedBy,
      };
    });
  const collective = attendedSessions(f, c.id).map((a) => {
    byDay[a.date] = (byDay[a.date] ?? 0) + a.durationMinutes * 60_000;
    return { date: a.date, start: a.start, type: a.type, topic: a.topic, durationMinutes: a.durationMinutes, via: a.via };
  });
  return { person: { employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, category: p.category }, sessions, collective, byDay };
}

const REASON_NAMES: Record<string, string> = {
  idle: '无操作',
  hidden: '窗口不可见',
  unfocused: '窗口不在前台',
  locked: '锁屏',
  gap: '计时中断',
  check_missed: '防挂机验证未完成',
  daily_cap: '超过每日上限',
};

/** 学时台账 as .xlsx (the officer's download). */
export async function hoursLedger(ports: Ports, input: Input<'progress.ledger'>): Promise<{ fileName: string; base64: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const buf = await writeHoursLedger(ports, c.id);
  return { fileName: `学时台账-${c.studyStart}.xlsx`, base64: buf.toString('base64') };
}

/** People read at a time for the ledger's second sheet (a batch of 3,000 never holds them all). */
const LEDGER_CHUNK = 200;

/**
 * 学时台账: one row per person, and every session with its evidence on a second sheet. With a file,
 * rows are streamed to it as they are made (each row committed at once); without, the workbook is
 * built in memory and its bytes returned.
 */
export async function writeHoursLedger(ports: Ports, campaignId: string, toFile?: string): Promise<Buffer> {
  const c = await getCampaign(ports, campaignId);
  const { settings, enterprise } = await ports.store.meta.read();
  const rows = await progressTable(ports, { campaignId });
  const { default: ExcelJS } = await import('exceljs'); // loaded when first needed: keeps start-up light
  const wb = toFile ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: toFile, useStyles: true }) : new ExcelJS.Workbook();
  wb.creator = '安学 Anxue';
  const sheet = (name: string, widths: number[]) => {
    const ws = wb.addWorksheet(name) as import('exceljs').Worksheet;
    if (widths.length > 0) ws.columns = widths.map((width) => ({ width }));
    return ws;
  };
  // a streamed row is written out (and forgotten) when committed
  const put = (ws: import('exceljs').Worksheet, values: (string | number)[], bold = false) => {
    const row = ws.addRow(values);
    if (bold) row.font = { bold: true };
    if (toFile) row.commit();
  };
  const ws = sheet('学时台账', [10, 10, 14, 10, 12, 12, 10, 10, 8, 8, 8, 10, 10, 14, 10, 10]);
  put(ws, [`${enterprise ?? ''} ${c.name} 学时台账`]);
  put(ws, [`集中学习 ${c.studyStart} 至 ${c.studyEnd}；每学时 ${settings.minutesPerCreditHour} 分钟；要求 ${targetsText(c)}`]);
  put(ws, ['工号', '姓名', '部门/车间', '班组', '人员类别', '集中学习(小时)', '自学(小时)', '合计(小时)', '学时', '要求学时', '是否达标', '考核成绩', '剖析材料', '防挂机验证(未完成/总数)', '本年度学时', '年度要求学时'], true);
  const essay = { not_started: '未开始', draft: '草稿', submitted: '已提交', returned: '退回修改', accepted: '已通过' };
  for (const r of rows) {
    put(ws, [
      r.employeeNo,
      r.name,
      r.dept,
      r.team,
      r.category,
      toHours(r.collectiveMs),
      toHours(r.selfMs),
      toHours(r.studiedMs),
      r.creditHours,
      r.targetCreditHours,
      r.creditHours >= r.targetCreditHours ? '是' : '否',
      r.quizPercent === null ? '' : r.quizPending ? '待阅卷' : r.quizPercent,
      essay[r.essayStatus],
      `${r.checksMissed}/${r.checksIssued}`,
      r.yearCreditHours,
      r.yearTargetCreditHours,
    ]);
  }
  if (toFile) ws.commit();
  const ev = sheet('学习记录明细', []);
  put(ev, ['工号', '姓名', '类型', '开始', '结束', '内容', '计入(分钟)', '未计入(分钟)', '未计入原因', '防挂机验证'], true);
  const roster = new Map((await ports.store.roster.peek()).people.map((p) => [p.employeeNo, p]));
  for (let i = 0; i < rows.length; i += LEDGER_CHUNK) {
    const chunk = rows.slice(i, i + LEDGER_CHUNK);
    const files = await ports.store.peekPeople(chunk.map((r) => r.employeeNo));
    for (const r of chunk) {
      collectIfGrown();
      const d = sessionsOf(roster.get(r.employeeNo) as Person, files.get(r.employeeNo) as PersonFile, c);
      for (const a of d.collective) put(ev, [r.employeeNo, r.name, COLLECTIVE_TYPE_NAMES[a.type as keyof typeof COLLECTIVE_TYPE_NAMES], `${a.date} ${a.start}`, '', a.topic, a.durationMinutes, 0, '', '']);
      for (const s of d.sessions) {
        const excluded = Object.entries(s.excludedMs).filter(([, ms]) => ms > 0);
        put(ev, [
          r.employeeNo,
          r.name,
          '自学',
          s.startedAt,
          s.endedAt,
          s.docTitle,
          Math.floor(s.countedMs / 60_000),
          Math.floor(excluded.reduce((n, [, ms]) => n + ms, 0) / 60_000),
          excluded.map(([k, ms]) => `${REASON_NAMES[k] ?? k} ${Math.round(ms / 60_000)} 分钟`).join('；'),
          s.checks ? `${s.checks.answered}/${s.checks.issued}（未完成 ${s.checks.missed}）` : '',
        ]);
      }
    }
  }
  if (toFile) {
    await (wb as import('exceljs').stream.xlsx.WorkbookWriter).commit();
    return Buffer.alloc(0);
  }
  return Buffer.from(await (wb as import('exceljs').Workbook).xlsx.writeBuffer());
}

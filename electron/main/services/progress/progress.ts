// The officer's view of the campaign: everyone's hours, quiz and essay, patterns worth a look, one
// person's sessions with their evidence, and the hours ledger (学时台账) as .xlsx.
import { sessionCountsFor } from '../../../core/campaign-scope';
import { targetFor, type Campaign, type CollectiveType, type Settings } from '../../../core/model';
import { toCreditHours, toHours } from '../../../core/study-time';
import type { Input, PersonSessions, ProgressRow, ProgressView } from '../../../shared/api';
import { progressViewOf, type CountRow } from './progress-view';
import type { PersonFile } from '../../../records/person';
import type { RosterFile } from '../../../records/shared-docs';
import type { DeepReadonly } from '../../../records/versioned';
import { emptyCampaignFigures, type PersonCampaignCounts, type PersonCampaignView } from '../../../records/summary';
import { campaignPeople, getCampaign, peekCampaign } from '../campaign/campaign';
import { attendedSessions, bestResult, eventsOf, summaryHours, summaryResult, summaryYearMs } from '../../../records/derive';
import { inductionLevels, inductionOf, inductionSignOffs } from '../../../records/induction';
import { notFound } from '../errors';
import type { Lang, Ports } from '../ports';
import { LEDGER_WORDS, targetWords } from '../render/file-words';
import { collectIfGrown } from '../render/gc';

const LONG_SESSION_MS = 4 * 3600_000;
const MANY_MISSED = 3;

type Person = RosterFile['people'][number];

/** Patterns worth a look: many missed checks, a very long session. */
function flagsOf(f: Pick<PersonCampaignCounts, 'checksIssued' | 'checksMissed' | 'longestMs'>): ProgressRow['flags'] {
  const flags: ProgressRow['flags'] = [];
  if (f.checksMissed >= MANY_MISSED || (f.checksIssued >= 3 && f.checksMissed / f.checksIssued > 0.3)) flags.push('many_missed_checks');
  if (f.longestMs > LONG_SESSION_MS) flags.push('long_sessions');
  return flags;
}

/** What the page's counts need of one person: their 学时 against the target, and whether anything is worth a look. */
function countRowOf(p: DeepReadonly<Person>, n: PersonCampaignCounts, c: Campaign, settings: Settings): CountRow {
  return {
    employeeNo: p.employeeNo,
    name: p.name,
    dept: p.dept,
    team: p.team,
    category: p.category,
    creditHours: toCreditHours(n.selfMs + n.openMs + n.collectiveMs, settings.minutesPerCreditHour),
    targetCreditHours: targetFor(c, p.category),
    flags: flagsOf(n),
  };
}

function rowOf(p: DeepReadonly<Person>, v: PersonCampaignView, c: Campaign, settings: Settings, now: number): ProgressRow {
  const fig = v.campaign ?? emptyCampaignFigures();
  const hours = summaryHours(v, c.id);
  const results = fig.attempts.map((a) => summaryResult(a, c.id));
  const best = bestResult(results);
  const flags = flagsOf(fig);
  return {
    employeeNo: p.employeeNo,
    name: p.name,
    dept: p.dept,
    team: p.team,
    category: p.category,
    leader: p.leader,
    studiedMs: hours.studiedMs,
    selfMs: hours.selfMs,
    collectiveMs: hours.collectiveMs,
    sessions: fig.sessions,
    longestSessionMs: fig.longestMs,
    checksIssued: fig.checksIssued,
    checksMissed: fig.checksMissed,
    flags,
    creditHours: toCreditHours(hours.studiedMs, settings.minutesPerCreditHour),
    targetCreditHours: targetFor(c, p.category),
    yearCreditHours: toCreditHours(summaryYearMs(v, c.start.slice(0, 4)), settings.minutesPerCreditHour),
    yearTargetCreditHours: settings.categoryTargets[p.category].annual,
    quizPercent: best ? best.percent : null,
    quizPassed: best ? best.passed : null,
    quizPending: !!best && best.pendingCount > 0,
    quizLeaves: best ? (fig.attempts.find((a) => a.attemptId === best.attemptId)?.leaves ?? 0) : 0,
    essayStatus: fig.essay.status,
  };
}

/** What both views of a campaign start from: the campaign, the settings, the time and its people. */
async function campaignInView(ports: Ports, campaignId: string) {
  // read, never changed: not copied at every refresh of the page
  const c = (await peekCampaign(ports, campaignId)) as Campaign;
  const settings = (await ports.store.meta.peek()).settings as Settings;
  return { c, settings, now: ports.clock.now(), people: await campaignPeople(ports, c) };
}

/** These people's whole rows, from their summaries in the campaign (the table shows an essay's state, never its text). */
async function wholeRows(ports: Ports, v: Awaited<ReturnType<typeof campaignInView>>, people: readonly DeepReadonly<Person>[]): Promise<ProgressRow[]> {
  const views = await ports.store.campaignSummaries(
    v.c.id,
    people.map((p) => p.employeeNo),
    { essayTexts: false },
  );
  return people.map((p) => rowOf(p, views.get(p.employeeNo)!, v.c, v.settings, v.now));
}

/** Everyone's row in the campaign, from the people's summaries there (never their whole history). */
export async function progressTable(ports: Ports, input: { campaignId: string }): Promise<ProgressRow[]> {
  const v = await campaignInView(ports, input.campaignId);
  return wholeRows(ports, v, v.people);
}

/** The progress page: counts over everyone in view, and one page of rows (progress-view.ts). */
export async function progressView(ports: Ports, input: Input<'progress.table'>): Promise<ProgressView> {
  const { campaignId, ...q } = input;
  const v = await campaignInView(ports, campaignId);
  // Unless the page keeps only those behind, who is on it does not depend on anyone's figures: the
  // page's people are read whole at the same time as everyone's counts (two queries at once, not
  // one after the other).
  const unfigured = (p: DeepReadonly<Person>) => ({
    person: p,
    employeeNo: p.employeeNo,
    name: p.name,
    dept: p.dept,
    team: p.team,
    category: p.category,
    creditHours: 0,
    targetCreditHours: 0,
    flags: [],
  });
  const early = q.onlyBehind ? null : progressViewOf(v.people.map(unfigured), q).rows.map((r) => r.person);
  // everyone counted from the numbers of their figures; only the page's people read whole
  const [counts, earlyRows] = await Promise.all([
    ports.store.campaignCounts(
      v.c.id,
      v.people.map((p) => p.employeeNo),
    ),
    early ? wholeRows(ports, v, early) : null,
  ]);
  const view = progressViewOf(
    v.people.map((p) => ({ person: p, ...countRowOf(p, counts.get(p.employeeNo)!, v.c, v.settings) })),
    q,
  );
  const same = earlyRows !== null && earlyRows.length === view.rows.length && view.rows.every((r, i) => r.person.employeeNo === earlyRows[i]!.employeeNo);
  return {
    ...view,
    rows: same
      ? earlyRows
      : await wholeRows(
          ports,
          v,
          view.rows.map((r) => r.person),
        ),
  };
}

export async function personSessions(ports: Ports, input: Input<'progress.person'>): Promise<PersonSessions> {
  const c = await getCampaign(ports, input.campaignId);
  const p = (await ports.store.roster.peek()).people.find((x) => x.employeeNo === input.employeeNo);
  if (!p) throw notFound('common.notOnRoster', { employeeNo: input.employeeNo });
  return sessionsOf(p as Person, (await ports.store.person(p.employeeNo).peek()) as PersonFile, c);
}

/** One person's study sessions and collective sessions in a campaign, with the minutes of each day. */
function sessionsOf(p: Person, f: PersonFile, c: Campaign): PersonSessions {
  const byDay: Record<string, number> = {};
  const sessions = eventsOf(f, 'study.session')
    .filter((e) => sessionCountsFor(e.data, c.id))
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
  // signed 三级安全教育 levels are training time of their dates (counted with the collective time)
  for (const x of inductionOf(f, c.id)) byDay[x.date] = (byDay[x.date] ?? 0) + x.minutes * 60_000;
  return { person: { employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, category: p.category }, sessions, collective, byDay };
}

/** 学时台账 as .xlsx (the officer's download), in the language of their screen. */
export async function hoursLedger(ports: Ports, input: Input<'progress.ledger'>, lang: Lang = 'zh-CN'): Promise<{ fileName: string; base64: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const buf = await writeHoursLedger(ports, c.id, undefined, lang);
  return { fileName: LEDGER_WORDS[lang].fileName(c.studyStart), base64: buf.toString('base64') };
}

/** People read at a time for the ledger's second sheet (a batch of 3,000 never holds them all). */
const LEDGER_CHUNK = 200;

/**
 * 学时台账: one row per person, and every session with its evidence on a second sheet (for a
 * 三级安全教育 campaign, each person's three levels on a third). With a file,
 * rows are streamed to it as they are made (each row committed at once); without, the workbook is
 * built in memory and its bytes returned.
 */
export async function writeHoursLedger(ports: Ports, campaignId: string, toFile?: string, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = LEDGER_WORDS[lang];
  const c = await getCampaign(ports, campaignId);
  const { settings, enterprise } = await ports.store.meta.read();
  const rows = await progressTable(ports, { campaignId });
  const { default: ExcelJS } = await import('exceljs'); // loaded when first needed: keeps start-up light
  const wb = toFile ? new ExcelJS.stream.xlsx.WorkbookWriter({ stream: ports.files.writeStream(toFile), useStyles: true }) : new ExcelJS.Workbook();
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
  const ws = sheet(w.sheet, [10, 10, 14, 10, 12, 12, 10, 10, 8, 8, 8, 10, 10, 14, 10, 10]);
  put(ws, [w.title(enterprise ?? '', c.name)]);
  put(ws, [w.scope(c.studyStart, c.studyEnd, settings.minutesPerCreditHour, targetWords(w, c))]);
  put(ws, w.headers, true);
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
      r.creditHours >= r.targetCreditHours ? w.yes : w.no,
      r.quizPercent === null ? '' : r.quizPending ? w.pending : r.quizPercent,
      w.essay[r.essayStatus],
      `${r.checksMissed}/${r.checksIssued}`,
      r.yearCreditHours,
      r.yearTargetCreditHours,
    ]);
  }
  if (toFile) ws.commit();
  const ev = sheet(w.detailSheet, []);
  put(ev, w.detailHeaders, true);
  const roster = new Map((await ports.store.roster.peek()).people.map((p) => [p.employeeNo, p]));
  // 三级安全教育: each person's three levels as rows of a sheet of their own, not as columns of the
  // first: every level has its signer and its date, nine columns more would crowd the sheet of every
  // other campaign's shape, and a row a level is how the paper card and the 一人一档 list them. The
  // rows are gathered while the files are read for the evidence (three short rows a person).
  const levelRows: (string | number)[][] = [];
  for (let i = 0; i < rows.length; i += LEDGER_CHUNK) {
    const chunk = rows.slice(i, i + LEDGER_CHUNK);
    const files = await ports.store.peekPeople(chunk.map((r) => r.employeeNo));
    for (const r of chunk) {
      collectIfGrown();
      const f = files.get(r.employeeNo) as PersonFile;
      const d = sessionsOf(roster.get(r.employeeNo) as Person, f, c);
      if (c.kind === 'induction')
        for (const l of inductionLevels(inductionSignOffs(f), c))
          levelRows.push([
            r.employeeNo,
            r.name,
            r.dept,
            r.team,
            w.levels[l.level],
            l.hours,
            l.signed ? w.signer(l.signed.signerName, l.signed.signerPost || l.signed.signer) : w.unsigned,
            l.signed?.date ?? '',
          ]);
      for (const a of d.collective) put(ev, [r.employeeNo, r.name, w.collective(a.type as CollectiveType), `${a.date} ${a.start}`, '', a.topic, a.durationMinutes, 0, '', '']);
      for (const s of d.sessions) {
        const excluded = Object.entries(s.excludedMs).filter(([, ms]) => ms > 0);
        put(ev, [
          r.employeeNo,
          r.name,
          w.selfStudy,
          s.startedAt,
          s.endedAt,
          s.docTitle,
          Math.floor(s.countedMs / 60_000),
          Math.floor(excluded.reduce((n, [, ms]) => n + ms, 0) / 60_000),
          excluded.map(([k, ms]) => w.minutes(w.reasons[k] ?? k, Math.round(ms / 60_000))).join(w.joiner),
          s.checks ? w.checks(s.checks.answered, s.checks.issued, s.checks.missed) : '',
        ]);
      }
    }
  }
  if (c.kind === 'induction') {
    if (toFile) ev.commit();
    const ind = sheet(w.inductionSheet, [10, 10, 14, 10, 10, 8, 24, 12]);
    put(ind, w.inductionHeaders, true);
    for (const row of levelRows) put(ind, row);
  }
  if (toFile) {
    await (wb as import('exceljs').stream.xlsx.WorkbookWriter).commit();
    return Buffer.alloc(0);
  }
  return Buffer.from(await (wb as import('exceljs').Workbook).xlsx.writeBuffer());
}

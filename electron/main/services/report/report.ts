// 履职述职 (the notice's 二(三)): a 班组长 reports to their 车间主任, a 车间主任 to their 分管副总, a
// 分管副总 to the 总经理, and the 总经理 (主要负责人) to the bureau. The reporting line is the
// roster's (岗位层级 / 上级工号). A report is written like the essay (autosaved draft, attachments),
// submitted to the superior the roster names, and answered by that superior only: returned with
// remarks, or accepted and scored on a 计分表. Both are events in the reporter's record chain.
import { checkReport, checkScores, countReport, defaultScoreSheet, emptyReport, type ReportParts, type ReportStatus, type ScoreItem } from '../../../core/duty-report';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_REPORT, cleanFileName, megabytes, sniffKind, type FileRef } from '../../../core/evidence';
import type { Person, ReportLevel } from '../../../core/model';
import type { Input, ReportBoard, ReportRecord, ReportReviewView, ReportView } from '../../../shared/api';
import type { DeepReadonly } from '../../../records/versioned';
import type { Account } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { appendEvent, type PersonEvent } from '../../../records/events';
import { getCampaign } from '../campaign/campaign';
import { badInput, badInputSaid, conflict, forbidden, notFound } from '../errors';
import { said, type Message } from '../../../core/message';
import { iso, type Ports } from '../ports';

type Submitted = Extract<PersonEvent, { type: 'report.submitted' }>;
type Reviewed = Extract<PersonEvent, { type: 'report.reviewed' }>;
type ReadFile = DeepReadonly<PersonFile> | PersonFile;

export function reportState(f: ReadFile, campaignId: string) {
  const submitted = (f.events as PersonEvent[]).filter((e): e is Submitted => e.type === 'report.submitted' && e.data.campaignId === campaignId);
  const reviewed = (f.events as PersonEvent[]).filter((e): e is Reviewed => e.type === 'report.reviewed' && e.data.campaignId === campaignId);
  const latest = submitted[submitted.length - 1];
  const review = reviewed[reviewed.length - 1];
  let status: ReportStatus = 'not_started';
  if (latest) {
    if (review && review.data.version === latest.data.version) status = review.data.decision === 'accept' ? 'accepted' : 'returned';
    else status = 'submitted';
  } else if (f.open.reportDrafts?.[campaignId]) status = 'draft';
  const accepted = status === 'accepted' ? review! : null;
  return { status, latest, submitted, reviewed, score: accepted?.data.score?.total ?? null };
}

const mayReadAll = (a: Account) => a.roles.some((r) => r === 'officer' || r === 'admin' || r === 'archivist');
const isOffice = (a: Account) => a.roles.some((r) => r === 'officer' || r === 'admin');

async function people(ports: Ports): Promise<readonly DeepReadonly<Person>[]> {
  return (await ports.store.roster.peek()).people;
}

/** Whom a person reports to: their superior in the roster, the bureau for the head, or why neither. */
function reportsTo(all: readonly DeepReadonly<Person>[], p: DeepReadonly<Person>): { to: DeepReadonly<Person> | 'bureau' | null; problem: Message | null } {
  if (!p.level) return { to: null, problem: said('report.noLevelInRoster') };
  if (p.level === 'head') return { to: 'bureau', problem: null };
  const s = p.superior ? all.find((x) => x.employeeNo === p.superior) : undefined;
  if (!s) return { to: null, problem: said('report.noSuperiorInRoster') };
  return { to: s, problem: null };
}

function reviewsOf(f: ReadFile, campaignId: string, names: Map<string, string>): ReportReviewView[] {
  return reportState(f, campaignId).reviewed.map((r) => ({
    at: r.at,
    reviewer: r.by,
    reviewerName: names.get(r.by) ?? r.by,
    version: r.data.version,
    decision: r.data.decision,
    comment: r.data.comment,
    score: r.data.score ? (structuredClone(r.data.score) as ReportReviewView['score']) : null,
    bureau: r.data.bureau ?? false,
  }));
}

const nameMap = (all: readonly DeepReadonly<Person>[]) => new Map(all.map((p) => [p.employeeNo, p.name]));

function editable(f: ReadFile, campaignId: string) {
  const { status } = reportState(f, campaignId);
  if (status === 'submitted') throw conflict('report.dutyReportHandedWaits');
  if (status === 'accepted') throw conflict('report.dutyReportAcceptedCan');
}

export async function getReport(ports: Ports, caller: Account, input: Input<'report.get'>): Promise<ReportView> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  const me = all.find((p) => p.employeeNo === caller.employeeNo);
  const f = await ports.store.person(caller.employeeNo).peek();
  const st = reportState(f, c.id);
  const draft = f.open.reportDrafts?.[c.id];
  const line = me ? reportsTo(all, me) : { to: null, problem: said('report.youAreNotOnRoster') };
  const mine = all.filter((p) => p.superior === caller.employeeNo && p.level);
  let waiting = 0;
  for (const [, g] of await ports.store.peekPeople(mine.map((p) => p.employeeNo))) if (reportState(g, c.id).status === 'submitted') waiting += 1;
  return {
    campaignId: c.id,
    level: (me?.level as ReportLevel | undefined) ?? null,
    to: line.to === 'bureau' ? 'bureau' : line.to ? { employeeNo: line.to.employeeNo, name: line.to.name, post: line.to.post } : null,
    problem: line.problem,
    parts: structuredClone(draft?.parts ?? st.latest?.data.parts ?? emptyReport()) as ReportParts,
    attachments: structuredClone(draft?.attachments ?? st.latest?.data.attachments ?? []) as FileRef[],
    savedAt: draft?.savedAt ?? st.latest?.at ?? null,
    status: st.status,
    version: st.latest?.data.version ?? 0,
    reviews: reviewsOf(f, c.id, nameMap(all)),
    inbox: { people: mine.length, waiting },
  };
}

function draftOf(f: PersonFile, campaignId: string) {
  const st = reportState(f, campaignId);
  f.open.reportDrafts ??= {};
  return (f.open.reportDrafts[campaignId] ??= {
    parts: structuredClone(st.latest?.data.parts ?? emptyReport()) as ReportParts,
    savedAt: '',
    attachments: structuredClone(st.latest?.data.attachments ?? []) as FileRef[],
  });
}

export async function saveReport(ports: Ports, caller: Account, input: Input<'report.save'>): Promise<{ savedAt: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const savedAt = iso(ports.clock.now());
  await ports.store.person(caller.employeeNo).update((f) => {
    editable(f, c.id);
    const d = draftOf(f, c.id);
    d.parts = input.parts;
    d.savedAt = savedAt;
  });
  return { savedAt };
}

/** An attachment (PDF, Word, Excel, a photo): kept by its hash, listed in the draft. */
export async function attachToReport(ports: Ports, caller: Account, input: Input<'report.attach'>): Promise<{ attachments: FileRef[] }> {
  const c = await getCampaign(ports, input.campaignId);
  const name = cleanFileName(input.fileName);
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length === 0) throw badInput('common.fileEmptyQuoted', { name }, 'base64');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw badInput('report.attachmentMayMost', { name, size: megabytes(bytes.length), max: megabytes(ATTACHMENT_MAX_BYTES) }, 'base64');
  const kind = sniffKind(bytes, name);
  if (!kind) throw badInput('report.cannotAttachedUsePdf', { name }, 'fileName');
  // refused before anything is kept
  editable(await ports.store.person(caller.employeeNo).peek(), c.id);
  const sha256 = await ports.store.files.put(bytes);
  const savedAt = iso(ports.clock.now());
  return ports.store.person(caller.employeeNo).update((f) => {
    editable(f, c.id);
    const d = draftOf(f, c.id);
    if (!d.attachments.some((a) => a.sha256 === sha256)) {
      if (d.attachments.length >= ATTACHMENTS_PER_REPORT) throw badInput('report.mostAttachments', { max: ATTACHMENTS_PER_REPORT }, 'fileName');
      d.attachments.push({ sha256, name, bytes: bytes.length, kind });
    }
    d.savedAt = savedAt;
    return { attachments: structuredClone(d.attachments) };
  });
}

export async function detachFromReport(ports: Ports, caller: Account, input: Input<'report.detach'>): Promise<{ attachments: FileRef[] }> {
  const c = await getCampaign(ports, input.campaignId);
  return ports.store.person(caller.employeeNo).update((f) => {
    editable(f, c.id);
    const d = draftOf(f, c.id);
    d.attachments = d.attachments.filter((a) => a.sha256 !== input.sha256);
    return { attachments: structuredClone(d.attachments) };
  });
}

export async function submitReport(ports: Ports, caller: Account, input: Input<'report.submit'>): Promise<ReportView> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  const me = all.find((p) => p.employeeNo === caller.employeeNo);
  if (!me) throw notFound('common.notOnRoster', { employeeNo: caller.employeeNo });
  const line = reportsTo(all, me);
  if (!line.to) throw badInputSaid(line.problem!, 'to');
  const expected = line.to === 'bureau' ? 'bureau' : line.to.employeeNo;
  if (input.to !== expected) {
    const named = all.find((p) => p.employeeNo === input.to);
    const want = line.to === 'bureau' ? said('report.theBureau') : said('report.personNamed', { name: line.to.name, employeeNo: line.to.employeeNo });
    const who = named
      ? said('report.personNamed', { name: named.name, employeeNo: named.employeeNo })
      : input.to === 'bureau'
        ? said('report.theBureau')
        : said('report.employeeNo', { employeeNo: input.to });
    throw badInput('report.notYourSuperiorRoster', { who, want }, 'to');
  }
  const check = checkReport(input.parts);
  if (!check.ok) throw badInputSaid(check.message, check.field);
  const at = iso(ports.clock.now());
  const toName = line.to === 'bureau' ? '县应急管理局' : line.to.name;
  await ports.store.person(caller.employeeNo).update((f) => {
    editable(f, c.id);
    const version = (reportState(f, c.id).latest?.data.version ?? 0) + 1;
    const attachments = structuredClone(f.open.reportDrafts?.[c.id]?.attachments ?? reportState(f, c.id).latest?.data.attachments ?? []) as FileRef[];
    appendEvent(
      f.events,
      'report.submitted',
      { campaignId: c.id, version, level: me.level!, to: expected, toName, parts: input.parts, total: check.total, attachments },
      { at, by: caller.employeeNo },
    );
    if (f.open.reportDrafts) delete f.open.reportDrafts[c.id];
  });
  return getReport(ports, caller, { campaignId: c.id });
}

/** Who may read a person's reports: themself, whoever a version went to, their roster superior, and the office. */
function mayRead(caller: Account, p: DeepReadonly<Person>, f: ReadFile, campaignId: string): boolean {
  if (mayReadAll(caller) || caller.employeeNo === p.employeeNo || p.superior === caller.employeeNo) return true;
  return reportState(f, campaignId).submitted.some((s) => s.data.to === caller.employeeNo);
}

export async function readReport(ports: Ports, caller: Account, input: Input<'report.read'>): Promise<ReportRecord> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  const p = all.find((x) => x.employeeNo === input.employeeNo);
  const f = p ? await ports.store.person(p.employeeNo).peek() : null;
  // one message for "no such person" and "not yours": a 工号 is not confirmed to someone who may not see it
  if (!p || !f || !mayRead(caller, p, f, c.id)) throw forbidden('report.youCanSeeYour');
  const st = reportState(f, c.id);
  // a closed campaign's reports are only read (report.review is refused there, campaign/guard.ts)
  const mayReview = !c.closedAt && st.status === 'submitted' && (st.latest!.data.to === caller.employeeNo || (st.latest!.data.to === 'bureau' && isOffice(caller)));
  return {
    person: { employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, post: p.post, level: (p.level as ReportLevel | undefined) ?? null },
    status: st.status,
    versions: st.submitted.map((e) =>
      structuredClone({ version: e.data.version, at: e.at, to: e.data.to, toName: e.data.toName, parts: e.data.parts, total: e.data.total, attachments: e.data.attachments }),
    ),
    reviews: reviewsOf(f, c.id, nameMap(all)),
    defaultSheet: p.level ? defaultScoreSheet(p.level) : [],
    mayReview,
  };
}

/** The people who report to the caller, and where each one's report stands. */
export async function reportInbox(ports: Ports, caller: Account, input: Input<'report.inbox'>): Promise<ReportBoard['rows']> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  return boardRows(
    ports,
    c.id,
    all,
    all.filter((p) => p.superior === caller.employeeNo && p.level),
  );
}

async function boardRows(ports: Ports, campaignId: string, all: readonly DeepReadonly<Person>[], who: readonly DeepReadonly<Person>[]): Promise<ReportBoard['rows']> {
  const names = nameMap(all);
  const files = await ports.store.peekPeople(who.map((p) => p.employeeNo));
  return who.map((p) => {
    const f = files.get(p.employeeNo)!;
    const st = reportState(f, campaignId);
    const line = reportsTo(all, p);
    const superior = line.to === 'bureau' ? 'bureau' : line.to ? { employeeNo: line.to.employeeNo, name: line.to.name } : null;
    const to = st.latest?.data.to;
    return {
      employeeNo: p.employeeNo,
      name: p.name,
      dept: p.dept,
      team: p.team,
      post: p.post,
      level: p.level as ReportLevel,
      superior,
      status: st.status,
      version: st.latest?.data.version ?? 0,
      submittedAt: st.latest?.at ?? null,
      total: st.latest?.data.total ?? countReport(f.open.reportDrafts?.[campaignId]?.parts ?? {}).total,
      score: st.score,
      // a report waits on whom it went to; a returned one, or one not begun, on its writer
      waitingFor: st.status === 'submitted' ? (to === 'bureau' ? '县应急管理局' : (names.get(to!) ?? to!)) : st.status === 'accepted' ? null : p.name,
    };
  });
}

/** The officer's board: everyone with a 岗位层级, by level, and who is waiting for whom. */
export async function reportBoard(ports: Ports, input: Input<'report.board'>): Promise<ReportBoard> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  const rows = await boardRows(
    ports,
    c.id,
    all,
    all.filter((p) => p.level),
  );
  const levels = (['team', 'workshop', 'deputy', 'head'] as const).map((level) => {
    const counts: Record<ReportStatus, number> = { not_started: 0, draft: 0, submitted: 0, returned: 0, accepted: 0 };
    for (const r of rows) if (r.level === level) counts[r.status] += 1;
    return { level, total: rows.filter((r) => r.level === level).length, counts };
  });
  return { levels, rows };
}

/**
 * The superior's answer: return with remarks, or accept and score on the 计分表 (items as edited
 * for this report). Only the person the report went to may answer it; a report to the bureau is
 * answered by an officer recording what the bureau decided.
 */
export async function reviewReport(ports: Ports, caller: Account, input: Input<'report.review'>): Promise<ReportRecord> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  const p = all.find((x) => x.employeeNo === input.employeeNo);
  if (!p) throw forbidden('report.youCanReviewDuty');
  let score: { sheet: ScoreItem[]; points: number[]; total: number } | undefined;
  if (input.decision === 'return' && input.comment.trim() === '') throw badInput('report.writeYourRemarksWhen', {}, 'comment');
  if (input.decision === 'accept') {
    const sheet = input.sheet ?? [];
    const points = input.points ?? [];
    const check = checkScores(sheet, points);
    if (!check.ok) throw badInputSaid(check.message, check.field);
    score = { sheet, points, total: check.total };
  }
  const at = iso(ports.clock.now());
  await ports.store.person(p.employeeNo).update((f) => {
    const st = reportState(f, c.id);
    const to = st.latest?.data.to;
    const allowed = to === caller.employeeNo || (to === 'bureau' && isOffice(caller));
    if (!st.latest || !allowed) {
      if (mayRead(caller, p, f, c.id) || isOffice(caller))
        throw forbidden(to === 'bureau' ? 'report.bureauReviewsHead' : to ? 'report.onlyAddresseeReviews' : 'report.onlySuperiorReviews', { name: to ? st.latest!.data.toName : '' });
      throw forbidden('report.youCanReviewDuty');
    }
    if (st.status !== 'submitted' || st.latest.data.version !== input.version) throw conflict('report.dutyReportNotWaiting');
    appendEvent(
      f.events,
      'report.reviewed',
      { campaignId: c.id, version: input.version, decision: input.decision, comment: input.comment.trim(), ...(score ? { score } : {}), ...(to === 'bureau' ? { bureau: true } : {}) },
      { at, by: caller.employeeNo },
    );
  });
  return readReport(ports, caller, { campaignId: c.id, employeeNo: p.employeeNo });
}

/** An attachment of a report, for whoever may read the report. */
export async function reportFile(ports: Ports, caller: Account, input: Input<'report.file'>): Promise<{ fileName: string; base64: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const all = await people(ports);
  const p = all.find((x) => x.employeeNo === input.employeeNo);
  const f = p ? await ports.store.person(p.employeeNo).peek() : null;
  if (!p || !f || !mayRead(caller, p, f, c.id)) throw forbidden('report.youCanSeeYour');
  const refs = [...reportState(f, c.id).submitted.flatMap((s) => s.data.attachments), ...(caller.employeeNo === p.employeeNo ? (f.open.reportDrafts?.[c.id]?.attachments ?? []) : [])];
  const ref = refs.find((a) => a.sha256 === input.sha256);
  if (!ref) throw notFound('report.dutyReportNoSuch');
  const bytes = await ports.store.files.get(ref.sha256);
  if (!bytes) throw notFound('report.fileAttachmentGone', { name: ref.name });
  return { fileName: ref.name, base64: bytes.toString('base64') };
}

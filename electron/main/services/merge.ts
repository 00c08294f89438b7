// Merging a workstation that ran on its own into this record set (`anxue merge`). Records are
// append-only events with ids, so most of a merge is a union: an event this side has (same id) is
// kept once; the others are appended to the person's chain keeping their id, time and author. What
// was changed on both sides — a person's details, a campaign, a collective session, an essay
// submitted on two PCs, an essay draft — keeps both versions: this side's stays in force, the
// workstation's is kept in the merge's conflict list for the officer to decide. A study session
// the workstation still had open is closed into a record ("recovered"), as a restart would.
// Running a merge again brings nothing new and changes nothing.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical';
import type { Campaign, Person, Question } from '../../core/model';
import type { MergeConflictView, MergeRunView } from '../../shared/api';
import type { CollectiveSession, MergeConflict } from '../../records/shared-docs';
import type { EssayDraftSnapshot, PersonFile } from '../../records/person';
import type { LedgerEntry } from '../../core/inspection';
import { appendEvent, appendLink, verifyChain, type EventBodies, type PersonEvent } from '../../records/events';
import type { Store } from '../storage/store';
import { appendAudit } from './audit';
import { docTitle } from './corpus';
import { badInput, notFound } from './errors';
import { iso, type Ports } from './ports';
import { sessionRecord } from './study';
import { keepVersions, versionsIn } from './question-versions';

export class MergeRefused extends Error {}

/** thrown out of an update that found nothing to change, so that nothing is written */
class Unchanged extends Error {
  constructor(readonly result: { added: number; same: number; recovered: number; draft: boolean }) {
    super('unchanged');
  }
}

export interface MergeReport {
  /** null when nothing new came in (then nothing was written at all) */
  run: MergeRunView | null;
  /** conflicts this merge listed (new ones; those an earlier merge listed are not listed again) */
  conflicts: MergeConflict[];
  /** conflicts an earlier merge of the same records had listed already */
  knownConflicts: number;
  checked: { people: number; events: number };
}

const sha = (x: string) => createHash('sha256').update(x).digest('hex');
/** An id that is the same every time for the same thing: a merge run twice lists a conflict once. */
const conflictId = (kind: string, key: string, workstation: unknown) => sha(`${kind}|${key}|${canonicalJson(workstation)}`);
/** The id of the record a merge makes of a session the workstation left open: the same on every run. */
function recoveredId(employeeNo: string, sessionId: string): string {
  const h = sha(`anxue-merge-recovered|${employeeNo}|${sessionId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const withoutStamp = ({ updatedAt: _u, ...p }: Person & { updatedAt: string }) => p;
const sameSnapshot = (a: EssayDraftSnapshot, b: EssayDraftSnapshot) => a.at === b.at && canonicalJson(a.parts) === canonicalJson(b.parts);

interface Pending {
  conflicts: MergeConflict[];
  known: Set<string>;
  held: Set<string>;
  runId: string;
  station: string;
}

function conflict(p: Pending, c: Omit<MergeConflict, 'id' | 'runId' | 'station' | 'decided' | 'heldEvents'> & { key: string; heldEvents?: string[] }): void {
  const id = conflictId(c.kind, c.key, c.workstation);
  if (p.known.has(id)) return;
  p.known.add(id);
  const { key: _k, heldEvents = [], ...rest } = c;
  for (const e of heldEvents) p.held.add(e);
  p.conflicts.push({ ...rest, id, runId: p.runId, station: p.station, heldEvents, decided: null });
}

/**
 * Merge `from` (a workstation's records, opened read-only) into `to`. Every record of `from` is
 * checked first; a broken chain or another enterprise refuses the whole merge before anything
 * is written.
 */
export async function mergeRecords(ports: Ports, from: Store, o: { station: string; by: string }): Promise<MergeReport> {
  const to = ports.store;
  const [src, dst] = [await from.meta.peek(), await to.meta.peek()];
  if (src.enterprise === null) throw new MergeRefused('来源中没有企业数据（尚未初始化），没有可合并的记录');
  if (dst.enterprise === null) throw new MergeRefused('这里还没有企业数据：请先完成首次设置，或用 restore / db import-folder 把整套数据搬过来');
  if (src.enterprise !== dst.enterprise) throw new MergeRefused(`来源属于另一家企业（「${src.enterprise}」，这里是「${dst.enterprise}」），未做任何改动`);
  // a workstation's records changed outside the app are refused whole: their seals (storage/lowdb/seal.ts)
  // are made with the key the workstation took from this server's backup
  const broken = (await from.seals?.problems()) ?? [];
  if (broken.length > 0) throw new MergeRefused(`来源的记录与封印不符，未做任何改动：${broken[0]}${broken.length > 1 ? `（共 ${broken.length} 处）` : ''} / the source's records do not match their seals, nothing was changed: ${broken[0]}`);
  const ids = await from.recordIds();
  const people = new Map<string, PersonFile>();
  let checkedEvents = 0;
  for (const no of ids.people) {
    const f = await from.person(no).read();
    const problems = verifyChain(f.events);
    if (problems.length > 0) throw new MergeRefused(`来源中 ${no} 的记录链已损坏，未做任何改动：${problems[0]}`);
    people.set(no, f);
    checkedEvents += f.events.length;
  }
  const merges = await to.merges.read();
  const now = ports.clock.now();
  const at = iso(now);
  const runId = sha(`${o.station}|${at}|${Math.random()}`).slice(0, 16);
  const p: Pending = { conflicts: [], known: new Set(merges.conflicts.map((c) => c.id)), held: new Set(merges.conflicts.flatMap((c) => c.heldEvents)), runId, station: o.station };
  const knownBefore = p.known.size;
  const added = { roster: 0, people: 0, events: 0, campaigns: 0, collective: 0, recovered: 0, drafts: 0, files: 0, findings: 0 };
  const same = { events: 0 };

  // campaigns, then the roster and collective sessions: what the records refer to arrives first
  const srcCampaigns = (await from.campaigns.read()).campaigns;
  const dstCampaigns = await to.campaigns.peek();
  if (srcCampaigns.some((c) => !dstCampaigns.campaigns.some((d) => d.id === c.id))) {
    added.campaigns += await to.campaigns.update((f) => {
      let n = 0;
      for (const c of srcCampaigns) if (!f.campaigns.some((d) => d.id === c.id)) (f.campaigns.push(structuredClone(c)), (n += 1));
      return n;
    });
  }
  const campaignsNow = (await to.campaigns.peek()).campaigns as readonly Campaign[];
  for (const c of srcCampaigns) {
    const d = campaignsNow.find((x) => x.id === c.id);
    if (d && canonicalJson(d) !== canonicalJson(c)) conflict(p, { kind: 'campaign', key: c.id, employeeNo: null, campaignId: c.id, server: d, workstation: c });
  }
  // the question versions the workstation's attempts name: an attempt must find its questions here too
  const srcVersions = versionsIn(await from.questions.peek());
  const named = new Map<string, Question>();
  for (const f of people.values()) for (const e of f.events) if (e.type === 'quiz.submitted') for (const r of e.data.paper ?? []) if (srcVersions.has(r.sha)) named.set(r.sha, srcVersions.get(r.sha)!);
  await keepVersions(ports, [...named.values()], o.by, at);
  const srcRoster = (await from.roster.read()).people;
  const dstRoster = await to.roster.peek();
  if (srcRoster.some((x) => !dstRoster.people.some((y) => y.employeeNo === x.employeeNo))) {
    added.roster += await to.roster.update((f) => {
      let n = 0;
      for (const x of srcRoster) if (!f.people.some((y) => y.employeeNo === x.employeeNo)) (f.people.push({ ...structuredClone(x), updatedAt: at }), (n += 1));
      return n;
    });
  }
  const rosterNow = new Map((await to.roster.read()).people.map((y) => [y.employeeNo, y]));
  for (const x of srcRoster) {
    const y = rosterNow.get(x.employeeNo);
    if (y && canonicalJson(withoutStamp(y)) !== canonicalJson(withoutStamp(x))) {
      conflict(p, { kind: 'person', key: x.employeeNo, employeeNo: x.employeeNo, campaignId: null, server: withoutStamp(y), workstation: withoutStamp(x) });
    }
  }
  const srcSessions = (await from.collective.read()).sessions;
  const sessionCore = ({ attendees: _a, checkIn: _c, ...rest }: CollectiveSession) => rest;
  for (const s of srcSessions) {
    const d = (await to.collective.peek()).sessions.find((x) => x.id === s.id) as CollectiveSession | undefined;
    if (d && canonicalJson(sessionCore(d)) !== canonicalJson(sessionCore(s))) conflict(p, { kind: 'collective', key: s.id, employeeNo: null, campaignId: s.campaignId, server: sessionCore(d), workstation: sessionCore(s) });
    const missing = d ? s.attendees.filter((a) => !d.attendees.some((b) => b.employeeNo === a.employeeNo)) : [];
    if (!d || missing.length > 0) {
      await to.collective.update((f) => {
        const here = f.sessions.find((x) => x.id === s.id);
        if (!here) f.sessions.push({ ...structuredClone(s), checkIn: null });
        else for (const a of s.attendees) if (!here.attendees.some((b) => b.employeeNo === a.employeeNo)) here.attendees.push({ ...a });
        // a session new here, or one whose attendance list grew
        added.collective += 1;
      });
    }
  }

  // evidence files (photos, attachments) before the records that name them: a file is its hash
  const haveFiles = new Set(await to.files.list());
  for (const h of await from.files.list()) {
    if (haveFiles.has(h)) continue;
    const bytes = await from.files.get(h);
    if (!bytes || (await to.files.put(bytes)) !== h) throw new MergeRefused(`来源中的文件 ${h} 与其哈希不符，未合并`);
    added.files += 1;
  }
  // the 问题台账: the workstation's entries this side lacks, added in their order (re-chained
  // here, each keeping its id, so a second merge finds them known)
  const srcLedger = (await from.inspections.read()).entries;
  const ledgerProblems = verifyChain(srcLedger);
  if (ledgerProblems.length > 0) throw new MergeRefused(`来源中的问题台账记录链已损坏：${ledgerProblems[0]}`);
  const knownEntries = new Set((await to.inspections.peek()).entries.map((e) => e.id));
  const freshEntries = srcLedger.filter((e) => !knownEntries.has(e.id));
  if (freshEntries.length > 0) {
    await to.inspections.update((f) => {
      const here = new Set(f.entries.map((e) => e.id));
      for (const e of freshEntries) {
        if (here.has(e.id)) continue;
        const { seq: _s, id, prevHash: _p, hash: _h, ...link } = e;
        appendLink(f.entries, link as Omit<LedgerEntry, 'seq' | 'id' | 'prevHash' | 'hash'>, id);
        added.findings += 1;
      }
    });
  }

  // each person's events: a union, in one update of their record
  for (const [no, s] of people) {
    const title = s.open.study ? await docTitle(ports, s.open.study.docId) : '';
    const before = (await to.person(no).peek()).events.length;
    const r = await to.person(no)
      .update((d) => {
        const got = mergePerson(d, s, p, title);
        // nothing new for this person: nothing is written
        if (got.added === 0 && !got.draft) throw new Unchanged(got);
        return got;
      })
      .catch((e: unknown) => {
        if (e instanceof Unchanged) return e.result;
        throw e;
      });
    if (before === 0 && r.added > 0) added.people += 1;
    added.events += r.added;
    added.recovered += r.recovered;
    same.events += r.same;
    if (r.draft) added.drafts += 1;
  }
  // drafts (the version history of what was typed): every snapshot kept, once
  for (const no of ids.drafts) {
    const src = await from.essayDrafts(no).read();
    const dst = await to.essayDrafts(no).peek();
    const isNew = (c: string, x: EssayDraftSnapshot) => !(dst.campaigns[c] ?? []).some((y) => sameSnapshot(y as EssayDraftSnapshot, x));
    if (!Object.entries(src.campaigns).some(([c, list]) => list.some((x) => isNew(c, x)))) continue;
    await to.essayDrafts(no).update((f) => {
      for (const [c, list] of Object.entries(src.campaigns)) {
        const have = (f.campaigns[c] ??= []);
        for (const x of list) if (!have.some((y) => sameSnapshot(y, x))) have.push(structuredClone(x));
        have.sort((a, b) => a.at.localeCompare(b.at));
      }
    });
  }

  const nothing = Object.values(added).every((n) => n === 0) && p.conflicts.length === 0;
  if (nothing) return { run: null, conflicts: [], knownConflicts: knownBefore, checked: { people: people.size, events: checkedEvents } };
  const accounts = new Set((await to.accounts.peek()).accounts.map((a) => a.employeeNo));
  const run: MergeRunView = {
    id: runId,
    at,
    by: o.by,
    station: o.station,
    sourceCreatedAt: src.createdAt,
    added,
    same,
    conflicts: p.conflicts.length,
    withoutAccount: srcRoster.map((x) => x.employeeNo).filter((n) => !accounts.has(n)),
  };
  await to.merges.update((f) => {
    f.runs.push(run);
    for (const c of p.conflicts) if (!f.conflicts.some((x) => x.id === c.id)) f.conflicts.push(c);
  });
  await appendAudit(ports, { by: o.by, action: 'records.merged', subject: o.station, reason: '合并工作站的记录', details: { runId, ...added, conflicts: p.conflicts.length } });
  return { run, conflicts: p.conflicts, knownConflicts: knownBefore, checked: { people: people.size, events: checkedEvents } };
}

const essayOf = (e: PersonEvent): string | null => (e.type === 'essay.submitted' || e.type === 'essay.reviewed' ? e.data.campaignId : null);

/** One person: the workstation's events this side lacks, appended; an essay changed on both sides held back as a conflict. */
function mergePerson(d: PersonFile, s: PersonFile, p: Pending, title: string): { added: number; same: number; recovered: number; draft: boolean } {
  const have = new Map(d.events.map((e) => [e.id, e]));
  let added = 0;
  let sameCount = 0;
  const fresh: PersonEvent[] = [];
  // the same event: the same id and the same content (its place in the chain may differ: a merged event is re-chained here)
  const content = (e: PersonEvent) => canonicalJson({ type: e.type, at: e.at, by: e.by, data: e.data });
  for (const e of s.events) {
    const h = have.get(e.id);
    if (h && (h.hash === e.hash || content(h) === content(e))) sameCount += 1;
    else if (h) conflict(p, { kind: 'event', key: `${d.employeeNo}|${e.id}`, employeeNo: d.employeeNo, campaignId: essayOf(e), server: h, workstation: e });
    else if (!p.held.has(e.id)) fresh.push(e);
  }
  // essays: where this side has a submission for the campaign and the workstation submitted other
  // text, the workstation's essay events wait for the officer (both versions kept)
  const held = new Set<string>();
  const submittedHere = (c: string) => d.events.filter((e): e is Extract<PersonEvent, { type: 'essay.submitted' }> => e.type === 'essay.submitted' && e.data.campaignId === c);
  for (const c of new Set(fresh.map(essayOf).filter((x): x is string => x !== null))) {
    const here = submittedHere(c);
    if (here.length === 0) continue;
    const theirs = fresh.filter((e) => essayOf(e) === c);
    const theirSubs = theirs.filter((e): e is Extract<PersonEvent, { type: 'essay.submitted' }> => e.type === 'essay.submitted');
    const known = (x: EventBodies['essay.submitted']) => here.some((h) => canonicalJson(h.data.parts) === canonicalJson(x.parts));
    for (const e of theirs) held.add(e.id);
    if (theirSubs.every((e) => known(e.data))) continue; // the same text already here: nothing to decide
    const latest = here[here.length - 1]!;
    conflict(p, {
      kind: 'essay',
      key: `${d.employeeNo}|${c}`,
      employeeNo: d.employeeNo,
      campaignId: c,
      server: { at: latest.at, ...latest.data },
      workstation: theirSubs.map((e) => ({ id: e.id, at: e.at, ...e.data })),
      heldEvents: theirs.map((e) => e.id),
    });
  }
  for (const e of fresh) {
    if (held.has(e.id)) continue;
    appendEvent(d.events, e.type, structuredClone(e.data) as never, { at: e.at, by: e.by, id: e.id });
    added += 1;
  }
  // a session the workstation still had open: closed into a record, as a restart there would
  let recovered = 0;
  const o = s.open.study;
  if (o && !d.events.some((e) => e.type === 'study.session' && e.data.sessionId === o.id) && d.open.study?.id !== o.id) {
    // ended at its last beat there, not at the time of the merge
    const rec = sessionRecord(o, title, 'recovered', o.lastBeatAt);
    appendEvent(d.events, 'study.session', rec.data, { at: rec.at, by: d.employeeNo, id: recoveredId(d.employeeNo, o.id) });
    recovered = 1;
    added += 1;
  }
  // an unsubmitted draft: taken when this side has none for the campaign; both kept when they differ
  let draft = false;
  for (const [c, w] of Object.entries(s.open.essayDrafts)) {
    const here = d.open.essayDrafts[c];
    if (submittedHere(c).length > 0 && !here) continue;
    if (!here) {
      d.open.essayDrafts[c] = structuredClone(w);
      draft = true;
    } else if (canonicalJson(here.parts) !== canonicalJson(w.parts)) {
      conflict(p, { kind: 'draft', key: `${d.employeeNo}|${c}`, employeeNo: d.employeeNo, campaignId: c, server: here, workstation: w });
    }
  }
  return { added, same: sameCount, recovered, draft };
}

// ---- the officer's side: the list, and deciding -------------------------------------------------

const PART_KEYS = ['awareness', 'responsibility', 'warning', 'measures', 'leadership'] as const;
const text = (x: unknown) => (x === null || x === undefined ? '' : typeof x === 'string' ? x : typeof x === 'boolean' ? String(x) : JSON.stringify(x));

function fieldsOf(c: MergeConflict): MergeConflictView['fields'] {
  const pair = (key: string, a: unknown, b: unknown) => ({ key, server: text(a), workstation: text(b) });
  const sv = c.server as Record<string, unknown>;
  const ws = c.workstation as Record<string, unknown>;
  switch (c.kind) {
    case 'person':
      return ['name', 'dept', 'team', 'post', 'category', 'leader'].map((k) => pair(k, sv[k], ws[k]));
    case 'campaign':
      return ['name', 'start', 'end', 'studyStart', 'studyEnd', 'targetCreditHours'].map((k) => pair(k, sv[k], ws[k]));
    case 'collective':
      return ['topic', 'date', 'start', 'durationMinutes', 'place', 'host'].map((k) => pair(k, sv[k], ws[k]));
    case 'essay': {
      const last = (c.workstation as { at: string; version: number; total: number; parts: Record<string, string> }[]).at(-1)!;
      const sp = (sv.parts ?? {}) as Record<string, string>;
      return [pair('submittedAt', sv.at, last.at), pair('version', sv.version, last.version), pair('total', sv.total, last.total), ...PART_KEYS.map((k) => pair(k, sp[k], last.parts[k]))];
    }
    case 'draft': {
      const sp = (sv.parts ?? {}) as Record<string, string>;
      const wp = (ws.parts ?? {}) as Record<string, string>;
      return [pair('savedAt', sv.savedAt, ws.savedAt), ...PART_KEYS.map((k) => pair(k, sp[k], wp[k]))];
    }
    case 'event':
      return ['type', 'at', 'by', 'hash'].map((k) => pair(k, sv[k], ws[k]));
  }
}

async function viewOf(ports: Ports, c: MergeConflict): Promise<MergeConflictView> {
  const name = c.employeeNo ? ((await ports.store.roster.peek()).people.find((x) => x.employeeNo === c.employeeNo)?.name ?? null) : null;
  return { id: c.id, runId: c.runId, station: c.station, kind: c.kind, employeeNo: c.employeeNo, name, campaignId: c.campaignId, fields: fieldsOf(c), choosable: c.kind !== 'event', decided: c.decided ? { ...c.decided } : null };
}

export async function mergeList(ports: Ports): Promise<{ runs: MergeRunView[]; conflicts: MergeConflictView[] }> {
  const f = await ports.store.merges.read();
  const conflicts = await Promise.all(f.conflicts.map((c) => viewOf(ports, c)));
  // undecided first, then newest first
  conflicts.sort((a, b) => Number(a.decided !== null) - Number(b.decided !== null));
  return { runs: [...f.runs].reverse(), conflicts };
}

/**
 * The officer's decision. 'server': what is here stays (the conflict is closed). 'workstation':
 * the workstation's version takes effect — a person's details or a campaign replaced, an essay
 * appended as the next version (its author and text as submitted there; its reviews there are not
 * carried over: it is reviewed here), a draft put back for its author to go on with.
 */
export async function mergeDecide(ports: Ports, by: string, input: { conflictId: string; choice: 'server' | 'workstation' }): Promise<MergeConflictView> {
  const found = (await ports.store.merges.peek()).conflicts.find((c) => c.id === input.conflictId) as MergeConflict | undefined;
  if (!found) throw notFound('没有这个合并冲突 / there is no such merge conflict');
  if (found.decided) throw badInput('这个冲突已经处理过了 / this conflict has been decided already', 'conflictId');
  if (found.kind === 'event' && input.choice === 'workstation') throw badInput('同一条记录在两边内容不同：这是需要保留的证据，只能保留服务器上的版本 / the same record differs on the two sides: it is evidence to keep, only the server\'s version can stay', 'choice');
  const at = iso(ports.clock.now());
  if (input.choice === 'workstation') {
    const ws = structuredClone(found.workstation);
    if (found.kind === 'person') {
      await ports.store.roster.update((f) => {
        const i = f.people.findIndex((x) => x.employeeNo === found.employeeNo);
        const next = { ...(ws as Person), updatedAt: at };
        if (i >= 0) f.people[i] = next;
        else f.people.push(next);
      });
    } else if (found.kind === 'campaign') {
      await ports.store.campaigns.update((f) => {
        const i = f.campaigns.findIndex((x) => x.id === found.campaignId);
        if (i >= 0) f.campaigns[i] = ws as Campaign;
      });
    } else if (found.kind === 'collective') {
      await ports.store.collective.update((f) => {
        const s = f.sessions.find((x) => x.id === (ws as { id: string }).id);
        if (s) Object.assign(s, ws);
      });
    } else if (found.kind === 'essay') {
      const last = (ws as ({ at: string } & EventBodies['essay.submitted'])[]).at(-1)!;
      await ports.store.person(found.employeeNo!).update((f) => {
        const versions = f.events.filter((e) => e.type === 'essay.submitted' && e.data.campaignId === found.campaignId).map((e) => (e.data as EventBodies['essay.submitted']).version);
        const version = Math.max(0, ...versions) + 1;
        appendEvent(f.events, 'essay.submitted', { campaignId: last.campaignId, version, parts: last.parts, total: last.total, ...(last.accidents ? { accidents: last.accidents } : {}) }, { at, by: found.employeeNo! });
      });
    } else if (found.kind === 'draft') {
      await ports.store.person(found.employeeNo!).update((f) => {
        f.open.essayDrafts[found.campaignId!] = ws as PersonFile['open']['essayDrafts'][string];
      });
    }
  }
  const decided = await ports.store.merges.update((f) => {
    const c = f.conflicts.find((x) => x.id === input.conflictId)!;
    if (c.decided) throw badInput('这个冲突已经处理过了 / this conflict has been decided already', 'conflictId');
    c.decided = { by, at, choice: input.choice };
    return c;
  });
  await appendAudit(ports, { by, action: 'merge.decided', subject: found.id.slice(0, 16), reason: input.choice === 'server' ? '保留服务器上的版本' : '采用工作站上的版本', details: { kind: found.kind, choice: input.choice, employeeNo: found.employeeNo, campaignId: found.campaignId, station: found.station } });
  return viewOf(ports, decided);
}

// The merge run: checks the workstation's records whole, then brings in what they have and this
// side lacks — campaigns, question versions, the roster, collective sessions, evidence files, the
// 问题台账, each person's events (merge-person.ts), essay drafts — and records the run.
import { canonicalJson } from '../../../core/canonical';
import type { Campaign, Person, Question } from '../../../core/model';
import type { MergeRunView } from '../../../shared/api';
import type { CollectiveSession, MergeConflict } from '../../../records/shared-docs';
import type { EssayDraftSnapshot, PersonFile } from '../../../records/person';
import type { LedgerEntry } from '../../../core/inspection';
import { appendLink, verifyChain } from '../../../records/events';
import type { Store } from '../../storage/store';
import { appendAudit } from '../accounts/audit';
import { docTitle } from '../corpus/corpus';
import { iso, type Ports } from '../ports';
import { keepVersions, versionsIn } from '../bank/question-versions';
import { mergePerson } from './merge-person';
import { conflict, sha, type Pending } from './pending';
import type { KnownMessage } from '../../../shared/messages';
import { sayIn } from '../../messages';

/** The whole merge refused before anything was written: a message of the catalog (`said`), its Chinese as `message`. */
export class MergeRefused extends Error {
  constructor(readonly said: KnownMessage) {
    super(sayIn('zh-CN', said));
  }
}

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

const withoutStamp = ({ updatedAt: _u, ...p }: Person & { updatedAt: string }) => p;
const sameSnapshot = (a: EssayDraftSnapshot, b: EssayDraftSnapshot) => a.at === b.at && canonicalJson(a.parts) === canonicalJson(b.parts);

/**
 * Merge `from` (a workstation's records, opened read-only) into `to`. Every record of `from` is
 * checked first; a broken chain or another enterprise refuses the whole merge before anything
 * is written.
 */
export async function mergeRecords(ports: Ports, from: Store, o: { station: string; by: string }): Promise<MergeReport> {
  const to = ports.store;
  const [src, dst] = [await from.meta.peek(), await to.meta.peek()];
  if (src.enterprise === null) throw new MergeRefused({ key: 'merge.sourceNotSetUp' });
  if (dst.enterprise === null) throw new MergeRefused({ key: 'merge.notSetUpHere' });
  if (src.enterprise !== dst.enterprise) throw new MergeRefused({ key: 'merge.otherEnterprise', params: { src: src.enterprise, dst: dst.enterprise } });
  // a workstation's records changed outside the app are refused whole: their seals (storage/lowdb/seal.ts)
  // are made with the key the workstation took from this server's backup
  const broken = (await from.seals?.problems()) ?? [];
  if (broken.length > 0)
    throw new MergeRefused(broken.length > 1 ? { key: 'merge.sealsBrokenMany', params: { first: broken[0]!, n: broken.length } } : { key: 'merge.sealsBroken', params: { first: broken[0]! } });
  const ids = await from.recordIds();
  const people = new Map<string, PersonFile>();
  let checkedEvents = 0;
  for (const no of ids.people) {
    const f = await from.person(no).read();
    const problems = verifyChain(f.events);
    if (problems.length > 0) throw new MergeRefused({ key: 'merge.chainBroken', params: { no, problem: problems[0]! } });
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
    if (d && canonicalJson(sessionCore(d)) !== canonicalJson(sessionCore(s)))
      conflict(p, { kind: 'collective', key: s.id, employeeNo: null, campaignId: s.campaignId, server: sessionCore(d), workstation: sessionCore(s) });
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
    if (!bytes || (await to.files.put(bytes)) !== h) throw new MergeRefused({ key: 'merge.fileHash', params: { sha: h } });
    added.files += 1;
  }
  // the 问题台账: the workstation's entries this side lacks, added in their order (re-chained
  // here, each keeping its id, so a second merge finds them known)
  const srcLedger = (await from.inspections.read()).entries;
  const ledgerProblems = verifyChain(srcLedger);
  if (ledgerProblems.length > 0) throw new MergeRefused({ key: 'merge.ledgerBroken', params: { problem: ledgerProblems[0]! } });
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
    const r = await to
      .person(no)
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

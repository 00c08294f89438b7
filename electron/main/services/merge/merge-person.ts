// One person's events in a merge: the union of the two chains, an essay changed on both sides held
// back for the officer, a study session the workstation left open closed into a record.
import { canonicalJson } from '../../../core/canonical';
import type { PersonFile } from '../../../records/person';
import { appendEvent, type EventBodies, type PersonEvent } from '../../../records/events';
import { sessionRecord } from '../study/study';
import { conflict, sha, type Pending } from './pending';

/** The id of the record a merge makes of a session the workstation left open: the same on every run. */
function recoveredId(employeeNo: string, sessionId: string): string {
  const h = sha(`anxue-merge-recovered|${employeeNo}|${sessionId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const essayOf = (e: PersonEvent): string | null => (e.type === 'essay.submitted' || e.type === 'essay.reviewed' ? e.data.campaignId : null);

/** One person: the workstation's events this side lacks, appended; an essay changed on both sides held back as a conflict. */
export function mergePerson(d: PersonFile, s: PersonFile, p: Pending, title: string): { added: number; same: number; recovered: number; draft: boolean } {
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

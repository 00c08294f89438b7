// The self-analysis essay (个人剖析材料), the employee's side: autosaved draft with a version
// history, the accidents reflected on, submit, and the printable essay (PDF / .docx).
import { onRoster } from '../roster/on-roster';
import { checkSubmittable, countEssay } from '../../../core/essay';
import { partsFor, type Campaign, type EssayParts, type Person } from '../../../core/model';
import type { EssayView, Input } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { appendEvent } from '../../../records/events';
import { getCampaign, peekCampaign } from '../campaign/campaign';
import { essayState, eventsOf } from '../../../records/derive';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { essayDocx, essayPdf } from './essay-output';
import { compareSoon } from './essay-review';
import { fullParts, minCharsFor, reviewsOf } from './essay-record';
import { iso, type Ports } from '../ports';

/** Snapshots of a draft are at least this far apart; typing in between updates the latest one. */
const SNAPSHOT_MS = 60_000;

async function personOf(ports: Ports, employeeNo: string): Promise<Person | undefined> {
  return ((await onRoster(ports, employeeNo)) as Person | null) ?? undefined;
}

export function essayView(f: PersonFile, c: Campaign, p: Person | undefined): EssayView {
  const st = essayState(f, c.id);
  const draft = f.open.essayDrafts[c.id];
  return {
    campaignId: c.id,
    parts: fullParts(draft?.parts ?? st.latest?.data.parts ?? {}),
    accidents: draft?.accidents ?? st.latest?.data.accidents ?? [],
    accidentChoices: [...c.accidents],
    leader: p?.leader ?? false,
    savedAt: draft?.savedAt ?? st.latest?.at ?? null,
    status: st.status,
    minChars: minCharsFor(c, p),
    deadline: c.essay.deadline,
    version: st.latest?.data.version ?? 0,
    reviews: reviewsOf(f.events, c.id),
  };
}

export async function getEssay(ports: Ports, caller: Account, input: Input<'essay.get'>): Promise<EssayView> {
  const c = await getCampaign(ports, input.campaignId);
  return essayView(await ports.store.person(caller.employeeNo).read(), c, await personOf(ports, caller.employeeNo));
}

function assertEditable(f: PersonFile, campaignId: string) {
  const { status } = essayState(f, campaignId);
  if (status === 'submitted') throw conflict('essay.selfAnalysisHandedBeing');
  if (status === 'accepted') throw conflict('essay.selfAnalysisAcceptedCan');
}

function validAccidents(c: Campaign, accidents: readonly string[]): string[] {
  accidents.forEach((a, i) => {
    if (!c.accidents.includes(a)) throw badInput('essay.notAnAccidentOfThis', { a }, `accidents.${i}`);
  });
  return [...new Set(accidents)];
}

/** Keep what was typed in the history: a new snapshot at most once a minute, else update the latest. */
async function snapshot(ports: Ports, employeeNo: string, campaignId: string, parts: EssayParts, accidents: string[], at: string, sealed = false) {
  await ports.store.essayDrafts(employeeNo).update((d) => {
    const list = (d.campaigns[campaignId] ??= []);
    const last = list[list.length - 1];
    const entry = { at, parts, accidents, total: countEssay(parts).total, ...(sealed ? { sealed } : {}) };
    if (!sealed && last && !last.sealed && Date.parse(at) - Date.parse(last.at) < SNAPSHOT_MS) list[list.length - 1] = entry;
    else list.push(entry);
  });
}

export async function saveEssay(ports: Ports, caller: Account, input: Input<'essay.save'>): Promise<{ savedAt: string }> {
  // read, never changed: not copied at every autosave
  const c = (await peekCampaign(ports, input.campaignId)) as Campaign;
  const accidents = validAccidents(c, input.accidents);
  const savedAt = iso(ports.clock.now());
  await ports.store.person(caller.employeeNo).update((f) => {
    assertEditable(f, input.campaignId);
    f.open.essayDrafts[input.campaignId] = { parts: input.parts, savedAt, accidents };
  });
  await snapshot(ports, caller.employeeNo, c.id, input.parts, accidents, savedAt);
  return { savedAt };
}

export async function submitEssay(ports: Ports, caller: Account, input: Input<'essay.submit'>): Promise<EssayView> {
  const c = await getCampaign(ports, input.campaignId);
  const p = await personOf(ports, caller.employeeNo);
  const leader = p?.leader ?? false;
  const min = minCharsFor(c, p);
  const check = checkSubmittable(input.parts, min, leader);
  if (!check.ok) {
    if (check.reason === 'empty_part') throw badInput(leader ? 'essay.fivePartsNeeded' : 'essay.fourPartsNeeded', {}, `parts.${check.part}`);
    throw badInput('essay.tooShort', { total: check.total, min }, 'parts');
  }
  const accidents = validAccidents(c, input.accidents);
  if (c.accidents.length > 0 && accidents.length === 0) throw badInput('essay.chooseLeastWarningEducation', {}, 'accidents');
  const parts: EssayParts = leader ? input.parts : { ...input.parts, leadership: '' };
  const at = iso(ports.clock.now());
  const f = await ports.store.person(caller.employeeNo).update((f) => {
    assertEditable(f, c.id);
    const version = (essayState(f, c.id).latest?.data.version ?? 0) + 1;
    appendEvent(f.events, 'essay.submitted', { campaignId: c.id, version, parts, total: countEssay(parts).total, accidents }, { at, by: caller.employeeNo });
    delete f.open.essayDrafts[c.id];
    return f;
  });
  await snapshot(ports, caller.employeeNo, c.id, parts, accidents, at, true);
  compareSoon(ports, c);
  return essayView(f, c, p);
}

/** One's own history: draft snapshots and the versions submitted, newest first. */
export async function essayHistory(ports: Ports, caller: Account, input: Input<'essay.history'>): Promise<Output> {
  const c = await getCampaign(ports, input.campaignId);
  const f = await ports.store.person(caller.employeeNo).read();
  const drafts = (await ports.store.essayDrafts(caller.employeeNo).read()).campaigns[c.id] ?? [];
  const submitted = eventsOf(f, 'essay.submitted').filter((e) => e.data.campaignId === c.id);
  const out: Output = [
    ...drafts.map((d) => ({ at: d.at, total: d.total, parts: fullParts(d.parts), accidents: d.accidents, submitted: null })),
    ...submitted.map((e) => ({ at: e.at, total: e.data.total, parts: fullParts(e.data.parts), accidents: e.data.accidents ?? [], submitted: e.data.version })),
  ];
  // a submitted version and the snapshot taken at the same moment are one entry
  const seen = new Set(submitted.map((e) => e.at));
  return out.filter((x) => x.submitted !== null || !seen.has(x.at)).sort((a, b) => b.at.localeCompare(a.at));
}
type Output = { at: string; total: number; parts: EssayParts; accidents: string[]; submitted: number | null }[];

/**
 * The printable essay of the latest version (accepted, submitted or returned), or of the draft when
 * nothing was submitted yet: A4, title 个人剖析材料, name, 部门, 岗位, date, signature line.
 */
export async function exportEssay(ports: Ports, caller: Account, input: Input<'essay.export'>): Promise<{ fileName: string; base64: string }> {
  const no = input.employeeNo ?? caller.employeeNo;
  const mayReadOthers = caller.roles.some((r) => r === 'officer' || r === 'admin' || r === 'archivist');
  if (no !== caller.employeeNo && !mayReadOthers) throw forbidden('essay.youCanExportYour');
  const c = await getCampaign(ports, input.campaignId);
  const p = await personOf(ports, no);
  if (!p) throw notFound('common.notOnRoster', { employeeNo: no });
  const f = await ports.store.person(no).read();
  const st = essayState(f, c.id);
  const draft = f.open.essayDrafts[c.id];
  const source = st.latest
    ? { parts: fullParts(st.latest.data.parts), accidents: st.latest.data.accidents ?? [], at: st.latest.at, version: st.latest.data.version }
    : draft
      ? { parts: fullParts(draft.parts), accidents: draft.accidents ?? [], at: draft.savedAt, version: 0 }
      : null;
  if (!source) throw notFound('essay.noSelfAnalysisWritten');
  const { enterprise } = await ports.store.meta.read();
  const doc = {
    enterprise: enterprise ?? '',
    campaign: c.name,
    person: p,
    parts: partsFor(p.leader).map((k) => ({ key: k, text: source.parts[k] })),
    accidents: source.accidents,
    date: source.at.slice(0, 10),
    version: source.version,
    status: st.status,
  };
  const base = `个人剖析材料-${p.employeeNo}-${p.name}`;
  if (input.format === 'docx') return { fileName: `${base}.docx`, base64: (await essayDocx(doc)).toString('base64') };
  return { fileName: `${base}.pdf`, base64: (await essayPdf(doc)).toString('base64') };
}

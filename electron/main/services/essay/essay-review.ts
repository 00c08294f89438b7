// The self-analysis essay, the officer's side: who stands where (未开始 … 已通过), review rounds with
// remarks on a part or a passage, and copy detection against every other essay of the campaign,
// the template prompts and the study notes. A flagged essay is accepted only with a reason.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ALL_ESSAY_PARTS, ESSAY_PART_PROMPTS, ESSAY_PART_TITLES, partsFor, type Campaign, type EssayParts, type Person } from '../../../core/model';
import { compareAll, sharedPassages, type SimilarityDoc, type SimilarityResult } from '../../../core/similarity';
import type { EssayCompare, EssayOverview, EssayRecord, EssaySimilarity, Input } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { appendEvent } from '../../../records/events';
import { campaignPeople, getCampaign } from '../campaign/campaign';
import { listDocs } from '../corpus/corpus';
import { essayState, eventsOf } from '../../../records/derive';
import { badInput, conflict, notFound } from '../errors';
import { fullParts, minCharsFor, reviewsOf } from './essay-record';
import { iso, type Ports } from '../ports';
import type { CopyCheck } from '../runtime';
import { serverLog } from '../../log';
import type { DeepReadonly } from '../../../records/versioned';
import { emptyCampaignFigures } from '../../../records/summary';

/** The text compared: the parts a person writes, in order, one after the other. */
export function essayText(parts: Partial<EssayParts>, leader: boolean): string {
  return partsFor(leader)
    .map((k) => parts[k] ?? '')
    .join('\n\n');
}

interface Sources {
  docs: SimilarityDoc[];
  labels: Map<string, string>;
}

/** What an essay must not be copied from: our prompts (the template) and the study notes. */
async function sources(ports: Ports): Promise<Sources> {
  const docs: SimilarityDoc[] = [{ id: 'source:template', text: ALL_ESSAY_PARTS.map((k) => `${ESSAY_PART_TITLES[k]}\n${ESSAY_PART_PROMPTS[k]}`).join('\n'), source: true }];
  const labels = new Map([['source:template', '剖析材料模板提示语']]);
  const titles = new Map((await listDocs(ports)).map((d) => [d.id, d.title]));
  // the guides, notes and cases: an essay is the person's own, not a copy of what they read
  for (const n of ports.content.texts()) {
    if (n.format !== 'md') continue;
    const id = `source:${n.docId}/${n.key}`;
    docs.push({ id, text: ports.content.readNotes(n.docId, n.key).bytes.toString('utf8'), source: true });
    labels.set(id, `${n.key === 'case' ? '事故案例' : '学习资料'}：${titles.get(n.docId) ?? n.docId}`);
  }
  return { docs, labels };
}

interface Latest {
  person: DeepReadonly<Person>;
  version: number;
  text: string;
}

/** Everyone's latest submitted version in the campaign, from their summaries there. */
async function latestEssays(ports: Ports, c: Campaign): Promise<Latest[]> {
  const people = await campaignPeople(ports, c);
  const views = await ports.store.campaignSummaries(
    c.id,
    people.map((p) => p.employeeNo),
  );
  const out: Latest[] = [];
  for (const p of people) {
    const e = views.get(p.employeeNo)?.campaign?.essay;
    if (e?.parts) out.push({ person: p, version: e.version, text: essayText(e.parts, p.leader) });
  }
  return out;
}

/** Where a campaign's last comparison is kept (derived: made again when absent, torn or out of date). */
function similarityFile(ports: Ports, c: Campaign): string {
  return path.join(ports.store.dir, 'index', `similarity-${createHash('sha1').update(c.id).digest('hex').slice(0, 20)}.json`);
}

/**
 * The copy check of the campaign: every latest essay against the others and the sources. The
 * comparison of 3,000 essays takes seconds, so its results are kept, in memory and in a file, until
 * an essay's latest version or a source changes; a restart does not compare again.
 */
export async function campaignSimilarity(ports: Ports, c: Campaign): Promise<CopyCheck> {
  const latest = await latestEssays(ports, c);
  const src = await sources(ports);
  const key = createHash('sha256')
    .update(JSON.stringify([latest.map((x) => `${x.person.employeeNo}:${x.version}`), src.docs.map((d) => createHash('sha256').update(d.text).digest('base64'))]))
    .digest('base64');
  // one comparison per campaign and set of latest versions, kept until a version changes
  const mine = ports.runtime.copyChecks;
  const hit = mine.get(c.id);
  if (hit && hit.key === key) return hit;
  const labels = new Map(src.labels);
  for (const x of latest) labels.set(x.person.employeeNo, `${x.person.name}（${x.person.employeeNo}，${x.person.dept}）`);
  const file = similarityFile(ports, c);
  let results: Map<string, SimilarityResult> | null = null;
  try {
    const kept = JSON.parse(ports.files.readText(file)) as { key: string; results: SimilarityResult[] };
    if (kept.key === key) results = new Map(kept.results.map((r) => [r.id, r]));
  } catch {
    results = null; // none yet, or unreadable: compared again
  }
  if (!results) {
    results = new Map(compareAll([...latest.map((x) => ({ id: x.person.employeeNo, text: x.text })), ...src.docs]).map((r) => [r.id, r]));
    try {
      ports.files.mkdir(path.dirname(file));
      ports.files.write(`${file}.${process.pid}.tmp`, JSON.stringify({ key, results: [...results.values()] }));
      ports.files.rename(`${file}.${process.pid}.tmp`, file);
    } catch (e) {
      serverLog.error(`keeping the copy check of ${c.id} (it is made again next time)`, e);
    }
  }
  const value = { key, results, labels };
  mine.set(c.id, value);
  return value;
}

/** how long after the last essay handed in the campaign's copy check runs on its own */
const COMPARE_AFTER_MS = 10_000;

/**
 * An essay was handed in: compare the campaign again in the background once the hand-ins pause, so
 * the officer's overview finds the comparison made. A failure here only means it is made when the
 * overview is opened.
 */
export function compareSoon(ports: Ports, c: Campaign): void {
  ports.runtime.soon(`copy-check:${c.id}`, COMPARE_AFTER_MS, () => void campaignSimilarity(ports, c).catch(() => undefined));
}

const pct = (x: number) => Math.round(x * 1000) / 10;

function similarityOf(r: SimilarityResult | undefined, labels: Map<string, string>, threshold: number): EssaySimilarity | null {
  if (!r) return null;
  const percent = pct(r.share);
  return {
    percent,
    matches: r.matches.map((m) => ({ kind: m.source ? 'source' : 'person', id: m.id, label: labels.get(m.id) ?? m.id, percent: pct(m.share) })),
    flagged: percent >= threshold,
  };
}

export async function essayOverview(ports: Ports, input: Input<'essay.overview'>): Promise<EssayOverview> {
  const c = await getCampaign(ports, input.campaignId);
  const { settings } = await ports.store.meta.read();
  const sim = await campaignSimilarity(ports, c);
  const counts = { not_started: 0, draft: 0, submitted: 0, returned: 0, accepted: 0 };
  const rows: EssayOverview['rows'] = [];
  const people = await campaignPeople(ports, c);
  const views = await ports.store.campaignSummaries(
    c.id,
    people.map((p) => p.employeeNo),
  );
  for (const p of people) {
    const e = views.get(p.employeeNo)?.campaign?.essay ?? emptyCampaignFigures().essay;
    counts[e.status] += 1;
    rows.push({
      employeeNo: p.employeeNo,
      name: p.name,
      dept: p.dept,
      team: p.team,
      post: p.post,
      leader: p.leader,
      status: e.status,
      version: e.version,
      submittedAt: e.submittedAt,
      total: e.total,
      minChars: minCharsFor(c, p),
      similarity: e.parts ? similarityOf(sim.results.get(p.employeeNo), sim.labels, settings.essaySimilarityPercent) : null,
    });
  }
  return { deadline: c.essay.deadline, thresholdPercent: settings.essaySimilarityPercent, counts, rows };
}

async function rosterPerson(ports: Ports, employeeNo: string): Promise<Person> {
  const p = (await ports.store.roster.peek()).people.find((x) => x.employeeNo === employeeNo);
  if (!p) throw notFound('common.notOnRoster', { employeeNo });
  return p;
}

export async function readEssay(ports: Ports, input: Input<'essay.read'>): Promise<EssayRecord> {
  const c = await getCampaign(ports, input.campaignId);
  const p = await rosterPerson(ports, input.employeeNo);
  const { settings } = await ports.store.meta.read();
  const f = await ports.store.person(p.employeeNo).read();
  const st = essayState(f, c.id);
  const sim = st.latest ? await campaignSimilarity(ports, c) : null;
  return {
    person: { employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, post: p.post, leader: p.leader },
    status: st.status,
    versions: eventsOf(f, 'essay.submitted')
      .filter((e) => e.data.campaignId === c.id)
      .map((e) => ({ version: e.data.version, at: e.at, parts: fullParts(e.data.parts), accidents: e.data.accidents ?? [], total: e.data.total })),
    reviews: reviewsOf(f.events, c.id),
    similarity: sim ? similarityOf(sim.results.get(p.employeeNo), sim.labels, settings.essaySimilarityPercent) : null,
    thresholdPercent: settings.essaySimilarityPercent,
  };
}

/** Two texts side by side with the passages they share: another person's essay, or a source. */
export async function compareEssay(ports: Ports, input: Input<'essay.compare'>): Promise<EssayCompare> {
  const c = await getCampaign(ports, input.campaignId);
  const p = await rosterPerson(ports, input.employeeNo);
  const f = await ports.store.person(p.employeeNo).read();
  const mine = essayState(f, c.id).latest;
  if (!mine) throw notFound('essay.notHandedSelfAnalysis', { name: p.name });
  const a = essayText(mine.data.parts, p.leader);
  let b: string;
  let label: string;
  if (input.other.startsWith('source:')) {
    const src = await sources(ports);
    const doc = src.docs.find((d) => d.id === input.other);
    if (!doc) throw notFound('essay.noComparisonText', { other: input.other });
    b = doc.text;
    label = src.labels.get(doc.id)!;
  } else {
    const q = await rosterPerson(ports, input.other);
    const theirs = essayState(await ports.store.person(q.employeeNo).read(), c.id).latest;
    if (!theirs) throw notFound('essay.notHandedSelfAnalysis', { name: q.name });
    b = essayText(theirs.data.parts, q.leader);
    label = `${q.name}（${q.employeeNo}，${q.dept}）`;
  }
  const shared = sharedPassages(a, b);
  return { share: pct(shared.shareOfA), a: { label: `${p.name}（${p.employeeNo}，${p.dept}）`, text: a, spans: shared.a }, b: { label, text: b, spans: shared.b } };
}

/**
 * Accept, or return with remarks (on the whole, on a part, on a passage). Accepting an essay whose
 * share found elsewhere reaches the threshold needs an explicit reason, kept with the review.
 */
export async function reviewEssay(ports: Ports, caller: Account, input: Input<'grading.reviewEssay'>): Promise<{ ok: true }> {
  await rosterPerson(ports, input.employeeNo);
  const c = await getCampaign(ports, input.campaignId);
  if (input.decision === 'return' && input.comment.trim() === '' && input.partComments.length === 0) throw badInput('essay.writeYourRemarksWhen', {}, 'comment');
  const { settings } = await ports.store.meta.read();
  const sim = await campaignSimilarity(ports, c);
  const r = sim.results.get(input.employeeNo);
  const percent = r ? pct(r.share) : 0;
  if (input.decision === 'accept' && percent >= settings.essaySimilarityPercent && !input.override) {
    throw conflict('essay.selfAnalysisSameOther', { percent, threshold: settings.essaySimilarityPercent });
  }
  const at = iso(ports.clock.now());
  await ports.store.person(input.employeeNo).update((f) => {
    const st = essayState(f, input.campaignId);
    if (st.status !== 'submitted' || st.latest?.data.version !== input.version) throw conflict('essay.selfAnalysisNotWaiting');
    appendEvent(
      f.events,
      'essay.reviewed',
      {
        campaignId: input.campaignId,
        version: input.version,
        decision: input.decision,
        comment: input.comment,
        ...(input.partComments.length > 0 ? { partComments: input.partComments } : {}),
        similarity: percent,
        ...(input.decision === 'accept' && input.override ? { override: input.override } : {}),
      },
      { at, by: caller.employeeNo },
    );
  });
  return { ok: true };
}

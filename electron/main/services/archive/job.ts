// Batch archives: everyone, a 部门/班组, a chosen set of people, or a campaign's whole file
// (一期一档), as a folder or one .zip. A job is written into `.partial-<jobId>/` next to where the
// archive goes, one person at a time (each person's folder appears only when complete), with its
// state in `.anxue-jobs/<jobId>.json`; a crash or a cancel leaves no archive that looks complete
// (there is no manifest until the end, and the folder has its final name only then), and running
// the job again picks up where it stopped.
import { participantsOf } from '../../../core/campaign-scope';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { walk, zipFolder } from '../files/zip-folder';
import path from 'node:path';
import type { Campaign, Person } from '../../../core/model';
import { checkBeforeExport } from './export-person';
import { evidenceFiles, evidenceRefs, MANIFEST_FILE, PDF_FILE, RECORD_FILE, sha256, SIGNATURE_FILE } from './files';
import { buildPersonRecord, recordJson, recordVersions, takeSharedSnapshot, type PersonRecord, type SharedSnapshot } from './record';
import { writeManifest } from './write';
import { personWorkbook } from './workbook';
import { writeCampaignFiles } from './campaign-files';
import { getCampaign } from '../campaign/campaign';
import { badInput, notFound } from '../errors';
import { PdfPool } from '../render/pdf-pool';
import { iso, type Files, type Ports } from '../ports';
import { statementsFor, xapiIds } from './xapi';
import { collectIfGrown } from '../render/gc';

const JOBS = '.anxue-jobs';

export interface ArchiveSelection {
  /** the campaign's whole file (plan, sheets, ledgers, every person), or people only */
  campaignId?: string;
  dept?: string;
  team?: string;
  employeeNos?: string[];
  zip: boolean;
}

export interface JobState {
  schemaVersion: 1;
  jobId: string;
  name: string;
  selection: ArchiveSelection;
  people: string[];
  createdAt: string;
  by: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  error?: string;
  /** the finished archive: a folder or a .zip next to the jobs folder */
  result?: { path: string; manifestSha256: string };
}

export interface JobProgress {
  jobId: string;
  name: string;
  state: JobState['state'];
  done: number;
  total: number;
  error: string | null;
  result: string | null;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);

/** The people a selection names, in roster order; an empty selection is refused. */
export async function selectPeople(ports: Ports, sel: ArchiveSelection): Promise<Person[]> {
  const roster = (await ports.store.roster.peek()).people;
  // a campaign's file (一期一档) holds those who take part in it
  const scope = sel.campaignId ? participantsOf(await getCampaign(ports, sel.campaignId), roster) : roster;
  let people = scope.filter((p) => (!sel.dept || p.dept === sel.dept) && (!sel.team || p.team === sel.team));
  if (sel.employeeNos) {
    const want = new Set(sel.employeeNos);
    const unknown = sel.employeeNos.find((no) => !roster.some((p) => p.employeeNo === no));
    if (unknown) throw badInput('common.notOnRoster', { employeeNo: unknown }, 'employeeNos');
    people = people.filter((p) => want.has(p.employeeNo));
  }
  if (people.length === 0) throw badInput('archive.nobodyChosenSelection', {}, 'selection');
  return people.map(({ updatedAt: _u, ...p }) => p as Person);
}

function jobFile(root: string, jobId: string) {
  return path.join(root, JOBS, `${jobId}.json`);
}
async function writeJob(files: Files, root: string, job: JobState): Promise<void> {
  files.mkdir(path.join(root, JOBS));
  await files.writeAtomic(jobFile(root, job.jobId), JSON.stringify(job, null, 2));
}
export function readJobs(files: Files, root: string): JobState[] {
  const dir = path.join(root, JOBS);
  if (!files.exists(dir)) return [];
  return files
    .list(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(files.readText(path.join(dir, f))) as JobState)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A new job (nothing written but its state). The name says what and when: 一期一档-…, 培训档案-…. */
export async function createJob(ports: Ports, root: string, sel: ArchiveSelection, by: string): Promise<JobState> {
  const people = await selectPeople(ports, sel);
  const at = iso(ports.clock.now());
  const stamp = at.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const what = sel.campaignId
    ? `一期一档-${safeName((await getCampaign(ports, sel.campaignId)).name)}`
    : `培训档案-${safeName([sel.dept, sel.team].filter(Boolean).join('-') || (sel.employeeNos ? `${people.length}人` : '全员'))}`;
  let name = `${what}-${stamp}`;
  for (let i = 2; ports.files.exists(path.join(root, name)) || ports.files.exists(path.join(root, `${name}.zip`)); i++) name = `${what}-${stamp}-${i}`;
  const job: JobState = { schemaVersion: 1, jobId: randomUUID(), name, selection: sel, people: people.map((p) => p.employeeNo), createdAt: at, by, state: 'running' };
  await writeJob(ports.files, root, job);
  return job;
}

/** People whose folder is complete in the partial archive (a folder appears only once complete). */
function donePeople(files: Files, partial: string): Set<string> {
  const dir = path.join(partial, 'people');
  if (!files.exists(dir)) return new Set();
  return new Set(files.list(dir).filter((n) => !n.startsWith('.')));
}

async function personFolder(ports: Ports, pool: PdfPool, partial: string, no: string, by: string, shared: SharedSnapshot): Promise<void> {
  const record = await buildPersonRecord(ports, no, by, shared);
  const pdf = await pool.render(record, shared.campaigns as Campaign[]);
  const tmp = path.join(partial, 'people', `.tmp-${no}`);
  ports.files.remove(tmp);
  ports.files.mkdir(tmp);
  ports.files.write(path.join(tmp, RECORD_FILE), recordJson(record));
  ports.files.write(path.join(tmp, PDF_FILE), pdf);
  const evidence = await evidenceFiles(ports, evidenceRefs(record.events));
  if (evidence.length > 0) ports.files.mkdir(path.join(tmp, 'files'));
  for (const f of evidence) ports.files.write(path.join(tmp, f.name), f.data);
  ports.files.rename(tmp, path.join(partial, 'people', no));
}

/**
 * What the campaign's own files need of a record once its rows are written: the person, this
 * campaign's figures, the 述职 events and this campaign's 三级安全教育 sign-offs (a few KB each, where whole records of 3,000 people were
 * hundreds of MB; the question versions and the other campaigns' figures are not read).
 */
function forCampaign(rec: PersonRecord, campaignId: string): PersonRecord {
  return {
    ...rec,
    questions: [],
    campaigns: rec.campaigns.filter((c) => c.campaign.id === campaignId),
    events: rec.events
      .filter((e) => e.type === 'report.submitted' || e.type === 'report.reviewed' || ((e.type === 'induction.signed' || e.type === 'induction.revoked') && e.data.campaignId === campaignId))
      .map((e) => (e.type === 'report.submitted' ? { ...e, data: { ...e.data, parts: { duties: '', work: '', rules: '' } } } : e)),
  };
}

/**
 * Run (or resume) a job to the end. `progress` is told after each person; `cancelled` is asked
 * between people. A cancelled job removes its partial folder; a failed one keeps it for a rerun.
 */
export async function runJob(ports: Ports, root: string, jobId: string, hooks: { progress?: (p: JobProgress) => void; cancelled?: () => boolean } = {}): Promise<JobState> {
  const file = jobFile(root, jobId);
  if (!ports.files.exists(file)) throw notFound('archive.noExportJob', { jobId });
  const job = JSON.parse(ports.files.readText(file)) as JobState;
  if (job.state === 'done') return job;
  job.state = 'running';
  delete job.error;
  await writeJob(ports.files, root, job);
  const partial = path.join(root, `.partial-${job.jobId}`);
  ports.files.mkdir(path.join(partial, 'people'));
  const report = (done: number) => hooks.progress?.({ jobId: job.jobId, name: job.name, state: job.state, done, total: job.people.length, error: job.error ?? null, result: job.result?.path ?? null });
  // the person PDFs: one worker per core but one (the job's own reading and writing run here)
  const pool = new PdfPool(undefined, { heapMb: 112, youngMb: 24 });
  try {
    // the records against the signed checkpoints, and a checkpoint of now (see checkBeforeExport)
    await checkBeforeExport(ports, job.people);
    // what every record shares, read once for the whole job
    const shared = await takeSharedSnapshot(ports);
    const done = donePeople(ports.files, partial);
    report(done.size);
    // as many people in flight as there are PDF workers
    const todo = job.people.filter((no) => !done.has(no));
    let cancelled = false;
    const lanes = Array.from({ length: pool.size }, async () => {
      while (todo.length > 0 && !cancelled) {
        if (hooks.cancelled?.()) {
          cancelled = true;
          break;
        }
        const no = todo.shift()!;
        await personFolder(ports, pool, partial, no, job.by, shared);
        done.add(no);
        report(done.size);
      }
    });
    await Promise.all(lanes);
    if (cancelled) {
      job.state = 'cancelled';
      await writeJob(ports.files, root, job);
      ports.files.remove(partial);
      report(done.size);
      return job;
    }
    // the person PDFs are done: their workers go before the whole is made (less memory at the
    // peak), but one, which prints the campaign's PDF (if any) a part at a time. Kept, not started
    // anew: a fresh worker reads the fonts and loads its modules again (~100 MB more at the peak
    // than reusing one, measured on 3,000 people), and printing here would stop the app answering
    // for as long as a part takes.
    await (job.selection.campaignId ? pool.shrink(1) : pool.close());
    // the whole: xAPI statements of everyone, rows of everyone, and for a campaign its own file —
    // each record read once from its folder, its rows and statements written as it goes
    const roster = shared.roster;
    const chainHeads: Record<string, string> = {};
    const eventCounts: Record<string, number> = {};
    const records: PersonRecord[] = [];
    const book = await personWorkbook(ports.files.writeStream(path.join(partial, 'people.xlsx')));
    const xapi = ports.files.writeStream(path.join(partial, 'xapi.json'));
    let first = true;
    const ids = xapiIds(shared.enterprise);
    for (const no of job.people) {
      collectIfGrown();
      const rec = JSON.parse(ports.files.readText(path.join(partial, 'people', no, RECORD_FILE))) as PersonRecord;
      chainHeads[no] = rec.chainHead;
      eventCounts[no] = rec.events.length;
      for (const st of statementsFor((roster.get(no) ?? rec.person) as PersonRecord['person'], rec.events, { ...ids, questions: recordVersions(rec) })) {
        const text = JSON.stringify(st, null, 2).replace(/\n/g, '\n  ');
        if (!xapi.write(`${first ? '[\n  ' : ',\n  '}${text}`)) await once(xapi, 'drain');
        first = false;
      }
      book.add(rec);
      // a people-only archive has no campaign files: nothing to keep
      if (job.selection.campaignId) records.push(forCampaign(rec, job.selection.campaignId));
    }
    xapi.end(first ? '[]\n' : '\n]\n');
    await once(xapi, 'finish');
    await book.close();
    let ledgerHead: string | undefined;
    if (job.selection.campaignId) {
      // the ledgers here, then the campaign's PDF in parts on the worker kept
      ({ ledgerHead } = await writeCampaignFiles(ports, job.selection.campaignId, records, partial, (doc) => pool.renderParts(doc)));
      await pool.close();
    }
    const files = walk(ports.files, partial)
      .filter((f) => f !== MANIFEST_FILE && f !== SIGNATURE_FILE)
      .map((name) => {
        // each file read whole to be hashed: its bytes are garbage at once, collected as they pile up
        collectIfGrown();
        const data = ports.files.read(path.join(partial, name));
        return { name, sha256: sha256(data), bytes: data.length };
      });
    const head = {
      format: 'anxue-archive-manifest',
      formatVersion: 1,
      kind: job.selection.campaignId ? 'campaign' : 'people',
      exportId: job.name,
      createdAt: job.createdAt,
      selection: job.selection,
      chainHeads,
      eventCounts,
      ...(ledgerHead ? { ledgerHead } : {}),
      signingKey: (await ports.store.signing.peek()).fingerprint,
    };
    const { manifestSha256 } = await writeManifest(ports, partial, head, files);
    let result = path.join(root, job.name);
    if (job.selection.zip) {
      result = `${result}.zip`;
      await zipFolder(ports.files, partial, `${result}.partial`, new Date(job.createdAt), shared.settings.utcOffsetMinutes);
      ports.files.rename(`${result}.partial`, result);
      ports.files.remove(partial);
    } else {
      ports.files.rename(partial, result);
    }
    job.state = 'done';
    job.result = { path: result, manifestSha256 };
    await writeJob(ports.files, root, job);
    report(job.people.length);
    return job;
  } catch (e) {
    job.state = 'failed';
    job.error = e instanceof Error ? e.message : String(e);
    await writeJob(ports.files, root, job);
    report(donePeople(ports.files, partial).size);
    throw e;
  } finally {
    await pool.close();
  }
}

// Archive jobs as the app runs them: started from the UI, run in the background, progress polled,
// cancelled, and — after a crash — listed as interrupted and resumed.
import type { Input, JobView } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { createJob, readJobs, runJob, type JobProgress, type JobState } from './job';
import { notFound } from '../errors';
import type { Ports } from '../ports';

interface Running {
  progress: JobProgress;
  cancel: boolean;
  done: Promise<unknown>;
}
const running = new WeakMap<Ports, Map<string, Running>>();
const mine = (ports: Ports) => {
  let m = running.get(ports);
  if (!m) running.set(ports, (m = new Map()));
  return m;
};

function view(job: JobState, r: Running | undefined): JobView {
  const state = r ? r.progress.state : job.state === 'running' ? 'interrupted' : job.state;
  return {
    jobId: job.jobId,
    name: job.name,
    state,
    done: r?.progress.done ?? (job.state === 'done' ? job.people.length : 0),
    total: job.people.length,
    error: r?.progress.error ?? job.error ?? null,
    result: job.result?.path ?? r?.progress.result ?? null,
    createdAt: job.createdAt,
    by: job.by,
    campaignId: job.selection.campaignId ?? null,
    zip: job.selection.zip,
  };
}

function start(ports: Ports, job: JobState): void {
  const root = ports.store.exportsDir();
  const r: Running = { progress: { jobId: job.jobId, name: job.name, state: 'running', done: 0, total: job.people.length, error: null, result: null }, cancel: false, done: Promise.resolve() };
  mine(ports).set(job.jobId, r);
  r.done = runJob(ports, root, job.jobId, { progress: (p) => (r.progress = p), cancelled: () => r.cancel }).then(
    async (j) => {
      r.progress = { ...r.progress, state: j.state, result: j.result?.path ?? null };
      if (j.state === 'done' && j.result) {
        const result = j.result;
        await ports.store.exports.update((x) => {
          x.exports.push({ exportId: result.path.split(/[\\/]/).pop()!, employeeNo: '', campaignId: j.selection.campaignId ?? '', at: j.createdAt, by: j.by, manifestSha256: result.manifestSha256 });
        });
      }
      mine(ports).delete(job.jobId);
    },
    (e: unknown) => {
      r.progress = { ...r.progress, state: 'failed', error: e instanceof Error ? e.message : String(e) };
      mine(ports).delete(job.jobId);
    },
  );
}

export async function batchStart(ports: Ports, caller: Account, input: Input<'archive.batchStart'>): Promise<JobView> {
  const job = await createJob(ports, ports.store.exportsDir(), input, caller.employeeNo);
  start(ports, job);
  return view(job, mine(ports).get(job.jobId));
}

function find(ports: Ports, jobId: string): JobState {
  const job = readJobs(ports.files, ports.store.exportsDir()).find((j) => j.jobId === jobId);
  if (!job) throw notFound('archive.noExportJob', { jobId });
  return job;
}

export async function batchStatus(ports: Ports, input: Input<'archive.batchStatus'>): Promise<JobView> {
  return view(find(ports, input.jobId), mine(ports).get(input.jobId));
}

export async function batchCancel(ports: Ports, input: Input<'archive.batchCancel'>): Promise<JobView> {
  const job = find(ports, input.jobId);
  const r = mine(ports).get(input.jobId);
  if (r) {
    r.cancel = true;
    await r.done;
  }
  return view(find(ports, job.jobId), undefined);
}

export async function batchResume(ports: Ports, input: Input<'archive.batchResume'>): Promise<JobView> {
  const job = find(ports, input.jobId);
  if (!mine(ports).has(job.jobId) && job.state !== 'done') start(ports, job);
  return view(job, mine(ports).get(job.jobId));
}

export async function batchList(ports: Ports): Promise<JobView[]> {
  return readJobs(ports.files, ports.store.exportsDir())
    .map((j) => view(j, mine(ports).get(j.jobId)))
    .reverse();
}

/** For tests and shutdown: wait until every job of this app has stopped. */
export async function settleJobs(ports: Ports): Promise<void> {
  await Promise.all([...mine(ports).values()].map((r) => r.done));
}

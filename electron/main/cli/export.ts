// `export person | batch | workstation`: signed training archives, and a PC's records for `merge`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportPersonTo } from '../services/archive';
import { createJob, readJobs, runJob } from '../services/archive/job';
import { verifyPassword } from '../services/accounts/auth';
import { unlockWith } from '../services/signing/signing';
import { DataStore } from '../storage/lowdb/data-store';
import { dbOf, need, openInitialized, passwordFrom, refused, say, type Out } from './common';

export async function exportCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...more] = args;
  if (sub === 'batch') return exportBatch(more, out);
  if (sub === 'workstation') return exportWorkstation(more, out);
  if (sub !== 'person') throw refused('cli.unknownExport', { sub: sub ?? '' });
  const { values, positionals } = parseArgs({ args: more, allowPositionals: true, options: { data: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' }, ...SIGN_OPTIONS } });
  const employeeNo = positionals[0];
  if (!employeeNo) throw refused('cli.noEmployeeNo');
  const dataDir = need(values.data, 'data');
  const outDir = need(values.out, 'out');
  const ports = await openInitialized(dataDir, dbOf(values.db));
  try {
    await unlockForSigning(ports, values, out);
    const { people } = await ports.store.roster.read();
    if (!people.some((p) => p.employeeNo === employeeNo)) throw refused('common.notOnRoster', { employeeNo });
    const t0 = performance.now();
    const r = await exportPersonTo(ports, employeeNo, outDir, 'cli');
    out(say('cli.export.person', { employeeNo, folder: r.folder, ms: Math.round(performance.now() - t0) }));
    for (const f of r.files) out(`  ${say('cli.export.file', { name: f.name, bytes: f.bytes, sha256: f.sha256 })}`);
  } finally {
    await ports.close();
  }
  return 0;
}

/** --sign-as ADMIN --password-file FILE: an admin's password unlocks the signing key for this command */
const SIGN_OPTIONS = { 'sign-as': { type: 'string' }, 'password-file': { type: 'string' } } as const;

async function unlockForSigning(ports: Awaited<ReturnType<typeof openInitialized>>, values: { 'sign-as'?: string; 'password-file'?: string }, out: Out): Promise<void> {
  const admin = values['sign-as'];
  if (!admin) {
    out(say('cli.export.unsigned'));
    return;
  }
  const password = passwordFrom(values['password-file']);
  const account = (await ports.store.accounts.peek()).accounts.find((a) => a.employeeNo === admin);
  if (!account || !account.roles.includes('admin') || account.disabled || !(await verifyPassword(ports, password, account.passwordHash))) throw refused('cli.signAsNotAdmin', { admin });
  if (!(await unlockWith(ports, admin, password))) throw refused('cli.signingKeyLocked', { admin });
}

/**
 * `export batch`: everyone (or a 部门/班组, or a campaign's 一期一档) into OUT, with progress on
 * stderr. An unfinished job for the same selection in OUT (a crash, Ctrl-C) is resumed.
 */
async function exportBatch(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
      campaign: { type: 'string' },
      dept: { type: 'string' },
      team: { type: 'string' },
      zip: { type: 'boolean' },
      ...SIGN_OPTIONS,
    },
  });
  const dataDir = need(values.data, 'data');
  const outDir = path.resolve(need(values.out, 'out'));
  const ports = await openInitialized(dataDir, dbOf(values.db));
  try {
    await unlockForSigning(ports, values, out);
    const selection = {
      ...(values.campaign ? { campaignId: values.campaign } : {}),
      ...(values.dept ? { dept: values.dept } : {}),
      ...(values.team ? { team: values.team } : {}),
      zip: values.zip ?? false,
    };
    const same = (a: object) => JSON.stringify(a) === JSON.stringify(selection);
    const unfinished = readJobs(ports.files, outDir).find((j) => j.state !== 'done' && j.state !== 'cancelled' && same(j.selection));
    const job = unfinished ?? (await createJob(ports, outDir, selection, 'cli'));
    out(unfinished ? say('cli.export.resuming', { name: job.name }) : say('cli.export.starting', { name: job.name, count: job.people.length }));
    const t0 = performance.now();
    let shown = -1;
    const done = await runJob(ports, outDir, job.jobId, {
      progress: (p) => {
        const pct = Math.floor((p.done / p.total) * 100);
        if (pct !== shown && (pct % 5 === 0 || p.done === p.total)) {
          shown = pct;
          process.stderr.write(`  ${say('cli.export.progress', { done: p.done, total: p.total })}\n`);
        }
      },
    });
    out(say('cli.export.done', { path: done.result!.path, seconds: ((performance.now() - t0) / 1000).toFixed(1) }));
    return 0;
  } finally {
    await ports.close();
  }
}

/** `export workstation`: a PC's records as one checked .zip, to hand to the server for `merge`. */
async function exportWorkstation(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' }, station: { type: 'string' } } });
  const dataDir = path.resolve(need(values.data, 'data'));
  const file = path.resolve(need(values.out, 'out'));
  if (!file.toLowerCase().endsWith('.zip')) throw refused('cli.outNotZip', { file });
  if (!existsSync(dataDir) || DataStore.looksEmpty(dataDir)) throw refused('cli.folderNotSetUp', { dir: dataDir });
  const station = values.station ?? (await import('node:os')).hostname();
  const { backupTo } = await import('../backup');
  const store = DataStore.openReadOnly(dataDir);
  try {
    const { manifest } = await backupTo(store, file, undefined, station);
    out(say('cli.export.workstation', { station, file, people: manifest.people, events: manifest.events }));
  } finally {
    store.close();
  }
  return 0;
}

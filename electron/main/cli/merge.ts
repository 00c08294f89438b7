import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataStore } from '../storage/lowdb/data-store';
import { ADMIN_OPTIONS, adminOf, CliError, dbOf, listOf, need, openInitialized, refused, say, unlockSeals, type Out } from './common';
import { said } from '../../core/message';

/** `merge SOURCE`: a workstation's records (its export .zip, or its data folder) into this record set. */
export async function mergeCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' }, station: { type: 'string' }, ...ADMIN_OPTIONS } });
  const source = positionals[0];
  if (!source) throw refused('cli.noMergeSource');
  const admin = adminOf(values);
  const dataDir = need(values.data, 'data');
  const src = path.resolve(source);
  if (!existsSync(src)) throw refused('cli.mergeSourceMissing', { src });
  const { openBackup, BackupProblem } = await import('../backup');
  const { mergeRecords, MergeRefused } = await import('../services/merge');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-merge-'));
  let from: DataStore | null = null;
  let station = values.station;
  try {
    if (statSync(src).isDirectory()) {
      if (DataStore.looksEmpty(src)) throw refused('cli.notDataFolder', { dir: src });
      if (path.resolve(dataDir) === src) throw refused('cli.mergeSameFolder');
      from = DataStore.openReadOnly(src);
      await unlockSeals(from, admin);
      station ??= path.basename(src);
    } else {
      const { ZIP_LIMITS } = await import('../services/files/zip-folder');
      const opened = await openBackup(src, tmp, ZIP_LIMITS.merge, admin).catch((e: unknown) => {
        throw e instanceof BackupProblem ? new CliError(e.message, e.said) : e;
      });
      from = opened.records;
      station ??= opened.manifest.station ?? path.basename(src, '.zip');
    }
    const ports = await openInitialized(dataDir, dbOf(values.db));
    try {
      const r = await mergeRecords(ports, from, { station: station!, by: 'cli' }).catch((e: unknown) => {
        throw e instanceof MergeRefused ? new CliError(e.message, e.said) : e;
      });
      out(say('cli.merge.checked', { station: station!, people: r.checked.people, events: r.checked.events }));
      if (!r.run) {
        out(say('cli.merge.nothingNew', { known: r.knownConflicts > 0 ? said('cli.merge.knownConflicts', { count: r.knownConflicts }) : '' }));
        return 0;
      }
      const a = r.run.added;
      out(say('cli.merge.done', { roster: a.roster, people: a.people, events: a.events, recovered: a.recovered, same: r.run.same.events }));
      out(`  ${say('cli.merge.more', { campaigns: a.campaigns, collective: a.collective, drafts: a.drafts, findings: a.findings ?? 0, files: a.files ?? 0 })}`);
      if (r.conflicts.length > 0) {
        out(say('cli.merge.conflicts', { count: r.conflicts.length }));
        for (const c of r.conflicts)
          out(`  - ${say(`cli.merge.kind.${c.kind}`)}${c.employeeNo ? ` ${c.employeeNo}` : ''}${c.campaignId ? say('cli.merge.conflictCampaign', { id: c.campaignId }) : ''}`);
      }
      if (r.run.withoutAccount.length > 0)
        out(say('cli.merge.withoutAccount', { count: r.run.withoutAccount.length, names: listOf(r.run.withoutAccount.slice(0, 10)), more: r.run.withoutAccount.length > 10 ? ' …' : '' }));
    } finally {
      await ports.close();
    }
  } finally {
    from?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}

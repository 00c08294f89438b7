import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataStore } from '../storage/lowdb/data-store';
import { ADMIN_OPTIONS, adminOf, CliError, dbOf, need, openInitialized, refused, unlockSeals, type Out } from './common';

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
      out(`已核对来源「${station}」：${r.checked.people} 人、${r.checked.events} 条记录，记录链完好`);
      if (!r.run) {
        out(`没有新的内容：这些记录此前已全部合并${r.knownConflicts > 0 ? `（之前列出的 ${r.knownConflicts} 处冲突仍在“合并”页等待处理或已处理）` : ''}，未做任何改动`);
        return 0;
      }
      const a = r.run.added;
      out(`合并完成：新增花名册人员 ${a.roster}，新建记录 ${a.people} 人，新增记录 ${a.events} 条（其中把未结束的学习补记为 ${a.recovered} 次），已有而跳过 ${r.run.same.events} 条`);
      out(`  培训计划新增 ${a.campaigns}，集中学习活动新增或补充签到 ${a.collective}，剖析材料草稿 ${a.drafts}，问题台账记录 ${a.findings ?? 0}，证据文件 ${a.files ?? 0}`);
      if (r.conflicts.length > 0) {
        out(`两边都改过的内容 ${r.conflicts.length} 处：服务器上的版本照常生效，工作站的版本已保存，请安全管理员在“合并”页逐条决定：`);
        for (const c of r.conflicts) out(`  - ${CONFLICT_NAMES[c.kind]}${c.employeeNo ? ` ${c.employeeNo}` : ''}${c.campaignId ? `（培训计划 ${c.campaignId}）` : ''}`);
      }
      if (r.run.withoutAccount.length > 0)
        out(
          `${r.run.withoutAccount.length} 人在这里还没有账号（${r.run.withoutAccount.slice(0, 10).join('、')}${r.run.withoutAccount.length > 10 ? ' …' : ''}）：在花名册页重新导入花名册即可为他们生成初始密码`,
        );
    } finally {
      await ports.close();
    }
  } finally {
    from?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}

const CONFLICT_NAMES: Record<import('../../shared/api').MergeConflictKind, string> = {
  person: '人员信息',
  campaign: '培训计划',
  collective: '集中学习活动',
  essay: '剖析材料（两台电脑上提交的内容不同）',
  draft: '剖析材料草稿',
  event: '同一条记录内容不同（请保留证据并核查）',
};

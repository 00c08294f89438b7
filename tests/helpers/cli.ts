import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `npm run anxue -- <args>` the way npm does (tsx), without npm's own banner. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/main/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    // a safety net against a hung command, not a speed limit: a busy machine may take minutes
    timeout: 600_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `cli`, measuring the child's peak resident memory (bytes) as it exits (tests/helpers/peak-rss.mjs).
 * No timeout of its own but a generous one against a hang: the verdict never depends on speed.
 */
export function cliPeak(args: string[], env: NodeJS.ProcessEnv = {}): CliRun & { peakRss: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anxue-peak-'));
  const file = path.join(dir, 'peak');
  try {
    const r = spawnSync(process.execPath, ['--import', path.join(ROOT, 'tests/helpers/peak-rss.mjs'), '--import', 'tsx', path.join(ROOT, 'electron/main/cli.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env, ANXUE_PEAK_RSS_FILE: file },
      timeout: 600_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, peakRss: existsSync(file) ? Number(readFileSync(file, 'utf8')) : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { spawnSync } from 'node:child_process';
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
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

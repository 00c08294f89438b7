// Start browser mode as its own process (`anxue serve`), the way an admin would, and wait for its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './cli';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** what it printed so far (stdout and stderr) */
  output(): string;
  stop(): Promise<void>;
}

export function startServeProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...(process.env.ANXUE_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ANXUE_CPU_PROF_DIR}`] : []), '--import', 'tsx', path.join(ROOT, 'electron/main/cli.ts'), 'serve', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    // a safety net against a server that never starts, not a speed limit (a busy machine is slow to start tsx)
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 300_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /(https?:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          output: () => out,
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

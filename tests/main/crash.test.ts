// Crash safety: SIGKILL while heartbeats are being written, 50 times. Every time the person file
// still parses, and the counted time — as the next opening finds it, the study journal replayed —
// is within one heartbeat of what the writer had confirmed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { removeDir, tempDir } from '../helpers/temp-app';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';

const dir = tempDir('anxue-crash-');
afterAll(() => removeDir(dir));

function runAndKill(killAfterBeats: number): Promise<{ confirmed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/helpers/heartbeat-writer.ts'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let confirmed = -1;
    let seen = 0;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const l of lines) {
        confirmed = Number(l.replace('ready ', ''));
        seen += 1;
        if (seen > killAfterBeats && child.exitCode === null) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ confirmed }) : reject(new Error(`writer exited by itself: ${err}`))));
  });
}

describe('crash safety', () => {
  it('50 kills during heartbeats: files always parse; at most one heartbeat is lost or in doubt', async () => {
    let last = 0;
    for (let i = 0; i < 50; i++) {
      const { confirmed } = await runAndKill(1 + ((i * 7) % 11));
      JSON.parse(readFileSync(path.join(dir, 'people', 'E1.json'), 'utf8'));
      const reader = DataStore.openReadOnly(dir);
      const f = await reader.person('E1').read();
      reader.close();
      const onDisk = f.open.study!.countedMs + f.open.study!.provisionalMs;
      // the beat being written when killed may or may not have reached the disk
      expect([confirmed, confirmed + 15_000]).toContain(onDisk);
      expect(onDisk).toBeGreaterThanOrEqual(last);
      last = onDisk;
    }
    expect(last).toBeGreaterThan(50 * 15_000);
  });
});

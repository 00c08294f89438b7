// `npm start` where the Electron runtime cannot be had: one clear line, then browser mode.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/main/start-detect';
import { ROOT } from '../helpers/cli';
import { removeDir, tempDir } from '../helpers/temp-app';

const data = tempDir('anxue-start-');
afterAll(() => removeDir(data));

describe('npm start', () => {
  it('finds no Electron runtime on this machine without trying to download it', () => {
    const bin = electronBinary();
    if (bin) console.log(`[start.test] an Electron runtime is installed here (${bin}); the browser-mode fallback below is forced with ANXUE_BROWSER_MODE=1`);
    else expect(bin).toBeNull();
  });

  it('says so in one line and serves browser mode at the printed address', async () => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/main/start.ts')], {
      cwd: ROOT,
      env: { ...process.env, ANXUE_DATA: data, PORT: '0', ...(electronBinary() ? { ANXUE_BROWSER_MODE: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    });
    const ms = Math.round(performance.now() - t0);
    try {
      const lines = out
        .trim()
        .split('\n')
        .filter((l) => !l.includes('正在构建界面'));
      expect(lines[0]).toMatch(/未找到 Electron 运行时，改用浏览器模式/);
      const status = await (await fetch(`${url}api/setup.status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
      expect(status).toEqual({ initialized: false, enterprise: null, setupCodeRequired: false });
      expect((await fetch(url)).status).toBe(200);
      console.log(`[start.test] browser mode answered ${ms} ms after npm start's process began`);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

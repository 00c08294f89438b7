// Each app's runtime (electron/main/services/runtime.ts): two apps in one process share none of
// it, and closing an app stops its timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApp } from '../../electron/main/app';
import { importJob, importStart } from '../../electron/main/services/corpus/corpus-import';
import { newRuntime } from '../../electron/main/services/runtime';
import { b64, makeApp, removeDir, tempDir, type TempApp } from '../helpers/temp-app';

afterEach(() => {
  vi.useRealTimers();
});

describe('the timers of a runtime', () => {
  it('runs a wait once, started again by each call with its key; stopped, it runs nothing more and starts nothing', () => {
    vi.useFakeTimers();
    const rt = newRuntime();
    const ran: string[] = [];
    rt.soon('a', 100, () => ran.push('a1'));
    vi.advanceTimersByTime(60);
    rt.soon('a', 100, () => ran.push('a2'));
    rt.soon('b', 100, () => ran.push('b'));
    vi.advanceTimersByTime(60);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(ran).toEqual(['a2', 'b']);
    let ticks = 0;
    const stop = rt.every(10, () => (ticks += 1));
    vi.advanceTimersByTime(35);
    expect(ticks).toBe(3);
    stop();
    vi.advanceTimersByTime(100);
    expect(ticks).toBe(3);
    rt.every(10, () => (ticks += 1));
    rt.soon('c', 10, () => ran.push('c'));
    rt.stopTimers();
    rt.soon('d', 10, () => ran.push('d'));
    rt.every(10, () => (ticks += 1));
    vi.advanceTimersByTime(100);
    expect(ticks).toBe(3);
    expect(ran).toEqual(['a2', 'b']);
  });

  it('closing an app made by openApp stops its timers, then closes its store', async () => {
    const dir = tempDir();
    try {
      const app = openApp({ dataDir: dir });
      vi.useFakeTimers();
      let ran = 0;
      app.runtime.every(10, () => (ran += 1));
      app.runtime.soon('x', 10, () => (ran += 1));
      await app.close();
      vi.advanceTimersByTime(100);
      expect(ran).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
});

describe('two apps in one process', () => {
  let a: TempApp;
  let b: TempApp;
  afterEach(() => {
    for (const x of [a, b]) {
      x.close();
      removeDir(x.dir);
    }
  });

  it('keep their own runtime: an import started in one is unknown to the other', async () => {
    a = makeApp();
    b = makeApp();
    expect(a.ports.runtime).not.toBe(b.ports.runtime);
    const job = importStart(a.ports, 'admin', { fileName: '制度.md', base64: b64('# 本厂制度（测试用，虚构）\n\n第一条 动火前先做气体分析。\n') });
    expect(() => importJob(b.ports, job.jobId)).toThrow(/没有这次导入/);
    // the job is the first app's, and finishes there
    for (let i = 0; i < 2_000 && importJob(a.ports, job.jobId).state === 'reading'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(importJob(a.ports, job.jobId).state).toBe('ready');
    expect(b.ports.runtime.importJobs.size).toBe(0);
  });
});

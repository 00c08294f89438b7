import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Doc } from '../../electron/main/storage/lowdb/doc';
import { DataFolderLockedError, DataStore } from '../../electron/main/storage/lowdb/data-store';
import { appendEvent, verifyChain, type PersonEvent } from '../../electron/records/events';
import { removeDir, tempDir } from '../helpers/temp-app';
import { sayIn } from '../../electron/main/messages';
import type { Message } from '../../electron/core/message';

/** a store's message as its Chinese text, which the assertions below read */
const zh = (m: Message) => sayIn('zh-CN', m);

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeDir));

interface Counter {
  schemaVersion: 2;
  n: number;
  label?: string;
}

describe('Doc (one lowdb file, one writer)', () => {
  it('serializes concurrent updates: none is lost', async () => {
    const file = path.join(fresh(), 'c.json');
    const d = new Doc<Counter>(file, () => ({ schemaVersion: 2, n: 0 }));
    await Promise.all(Array.from({ length: 50 }, () => d.update((x) => void (x.n += 1))));
    expect((await d.read()).n).toBe(50);
    expect(JSON.parse(readFileSync(file, 'utf8')).n).toBe(50);
    // the write is a rename of a temp file: none is left behind
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed update changes neither memory nor disk', async () => {
    const file = path.join(fresh(), 'c.json');
    const d = new Doc<Counter>(file, () => ({ schemaVersion: 2, n: 0 }));
    await d.update((x) => void (x.n = 5));
    await expect(
      d.update((x) => {
        x.n = 99;
        throw new Error('bad row');
      }),
    ).rejects.toThrow('bad row');
    expect((await d.read()).n).toBe(5);
    expect(JSON.parse(readFileSync(file, 'utf8')).n).toBe(5);
  });

  it('read() returns a copy: mutating it does not change the store', async () => {
    const d = new Doc<Counter>(path.join(fresh(), 'c.json'), () => ({ schemaVersion: 2, n: 1 }));
    const x = await d.read();
    x.n = 42;
    expect((await d.read()).n).toBe(1);
  });

  it('migrates an older schemaVersion and refuses a newer one', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify({ schemaVersion: 1, count: 7 }));
    const d = new Doc<Counter>(path.join(dir, 'old.json'), () => ({ schemaVersion: 2, n: 0 }), {
      1: (o) => ({ n: o.count as number, label: 'migrated' }),
    });
    expect(await d.read()).toEqual({ schemaVersion: 2, n: 7, label: 'migrated' });
    writeFileSync(path.join(dir, 'new.json'), JSON.stringify({ schemaVersion: 9, n: 1 }));
    const e = new Doc<Counter>(path.join(dir, 'new.json'), () => ({ schemaVersion: 2, n: 0 }));
    await expect(e.read()).rejects.toThrow(/schemaVersion 9/);
  });

  it('names the file when it is corrupt', async () => {
    const file = path.join(fresh(), 'bad.json');
    writeFileSync(file, '{"schemaVersion": 2, "n": ');
    await expect(new Doc<Counter>(file, () => ({ schemaVersion: 2, n: 0 })).read()).rejects.toThrow(file);
  });
});

describe('DataStore', () => {
  it('locks the data folder against a second writer and frees it on close', () => {
    const dir = fresh();
    const a = DataStore.open(dir);
    expect(() => DataStore.open(dir)).toThrow(DataFolderLockedError);
    a.close();
    expect(existsSync(path.join(dir, 'anxue.lock'))).toBe(false);
    DataStore.open(dir).close();
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = fresh();
    DataStore.open(dir).close();
    writeFileSync(path.join(dir, 'anxue.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
    DataStore.open(dir).close();
  });

  it('keeps one file per employee', async () => {
    const dir = fresh();
    const s = DataStore.open(dir);
    await s.person('E001').update((f) => void appendEvent(f.events, 'quiz.graded', { attemptId: 'a', questionId: 'q', score: 1, comment: '' }, { at: 't', by: 'x' }));
    expect(existsSync(path.join(dir, 'people', 'E001.json'))).toBe(true);
    expect(() => s.person('../etc')).toThrow();
    s.close();
  });
});

describe('person files in memory', () => {
  it('keeps at most the limit of idle files; a released one refuses use, and nothing is lost', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const first = store.person('P0');
    await first.update((f) => void appendEvent(f.events, 'quiz.graded', { attemptId: 'a', questionId: 'q', score: 1, comment: '' }, { at: 't', by: 'x' }));
    for (let i = 1; i <= DataStore.PEOPLE_IN_MEMORY + 10; i++) await store.person(`P${i}`).read();
    await expect(first.read()).rejects.toThrow(/released from memory/);
    expect((await store.person('P0').read()).events).toHaveLength(1);
    store.close();
  });
  it('a file with a write under way is never released', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const busy = store.person('B0');
    const writing = busy.update(async (f) => {
      await gate;
      f.events = [];
    });
    for (let i = 1; i <= DataStore.PEOPLE_IN_MEMORY + 10; i++) await store.person(`Q${i}`).read();
    expect(store.person('B0')).toBe(busy);
    release();
    await writing;
    store.close();
  });
});

describe('hash chain', () => {
  function chain(): PersonEvent[] {
    const ev: PersonEvent[] = [];
    for (let i = 0; i < 4; i++) appendEvent(ev, 'quiz.graded', { attemptId: 'a', questionId: `q${i}`, score: i, comment: '' }, { at: `2024-09-0${i + 1}`, by: 'o' });
    return ev;
  }
  it('an untouched chain verifies', () => expect(verifyChain(chain())).toEqual([]));
  it('detects a changed record', () => {
    const ev = chain();
    (ev[1]!.data as { score: number }).score = 9;
    expect(verifyChain(ev).map(zh).join()).toMatch(/#2.*被修改/);
  });
  it('detects a removed record', () => {
    const ev = chain();
    ev.splice(1, 1);
    expect(verifyChain(ev).map(zh).join()).toMatch(/#2.*序号不连续/);
  });
  it('detects swapped records', () => {
    const ev = chain();
    [ev[1], ev[2]] = [ev[2]!, ev[1]!];
    expect(verifyChain(ev).length).toBeGreaterThan(0);
  });
});

// The study journal of a lowdb folder (storage/lowdb/study-journal.ts): a heartbeat is one line made
// durable, not a rewrite of the person's file; the next opening writes the lines into the files.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/core/model';
import { applyBeat, openStudy, policyFromSettings, type OpenStudy } from '../../electron/core/study-time';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';
import { appendEvent } from '../../electron/records/events';
import { journalFiles } from '../../electron/main/storage/lowdb/study-journal';
import { removeDir, tempDir } from '../helpers/temp-app';
import { sayIn } from '../../electron/main/messages';
import type { Message } from '../../electron/core/message';

/** a store's message as its Chinese text, which the assertions below read */
const zh = (m: Message) => sayIn('zh-CN', m);

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir('anxue-journal-');
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeDir));

const p = policyFromSettings({ ...DEFAULT_SETTINGS, attentionChecks: false });
const started = (id = 's1'): OpenStudy => openStudy({ id, campaignId: 'c', docId: 'd', now: 0, nowIso: '1970-01-01T00:00:00.000Z', policy: p, random01: 0 });
const next = (s: OpenStudy) => applyBeat(s, { visible: true, focused: true, interacted: true }, s.lastBeatAt + 15_000, p).session;
const onDisk = (dir: string, no: string) => JSON.parse(readFileSync(path.join(dir, 'people', `${no}.json`), 'utf8'));
const journalText = (dir: string) =>
  journalFiles(dir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('');

/** a person whose study was started (an ordinary update, as study.start is), then `beats` heartbeats */
async function studying(store: DataStore, no: string, beats: number): Promise<OpenStudy> {
  let s = started();
  await store.person(no).update((f) => void (f.open.study = s));
  for (let i = 0; i < beats; i++) {
    s = next(s);
    const now = s;
    await store.person(no).updateStudy((f) => void (f.open.study = now));
  }
  return s;
}

describe('study journal (lowdb)', () => {
  it('a heartbeat is one journal line; the file is written when the folder is opened again', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const s = await studying(store, 'E1', 3);
    // the file still holds the state of the ordinary update; the journal holds the three beats
    expect(onDisk(dir, 'E1').open.study.lastBeatAt).toBe(0);
    expect(journalText(dir).trim().split('\n')).toHaveLength(3);
    expect((await store.person('E1').read()).open.study).toEqual(s);
    store.close();
    const again = DataStore.open(dir);
    expect(onDisk(dir, 'E1').open.study).toEqual(s);
    expect(journalText(dir)).toBe('');
    expect((await again.person('E1').read()).open.study).toEqual(s);
    again.close();
  });

  it('a line older than the file is never applied: a stopped session does not come back', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    await studying(store, 'E1', 2);
    await store.person('E1').update((f) => {
      appendEvent(f.events, 'collective.withdrawn', { sessionId: 'x', campaignId: 'c' }, { at: '2024-09-06T01:00:00Z', by: 'E1' });
      f.open.study = null;
    });
    // the same history (no event added): only the study number tells the file is newer than the lines
    await studying(store, 'E2', 2);
    await store.person('E2').update((f) => void (f.open.study = null));
    store.close();
    const again = DataStore.open(dir);
    const f = await again.person('E1').read();
    expect(f.open.study).toBeNull();
    expect(f.events).toHaveLength(1);
    expect((await again.person('E2').read()).open.study).toBeNull();
    again.close();
  });

  it('an ordinary update after beats writes them too; later lines still win over it', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const s2 = await studying(store, 'E1', 2);
    await store.person('E1').update((f) => void (f.open.positions = { 'd/notes': { ratio: 0.5, at: '' } }));
    expect(onDisk(dir, 'E1').open.study).toEqual(s2);
    const s3 = next(s2);
    await store.person('E1').updateStudy((f) => void (f.open.study = s3));
    store.close();
    const again = DataStore.open(dir);
    const f = await again.person('E1').read();
    expect(f.open.study).toEqual(s3);
    expect(f.open.positions).toEqual({ 'd/notes': { ratio: 0.5, at: '' } });
    again.close();
  });

  it('a line cut short by a crash is left out; a damaged line before the end is skipped and named, and the folder still opens', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const s = await studying(store, 'E1', 2);
    store.close();
    const [file] = journalFiles(dir);
    appendFileSync(file!, '{"no":"E1","rev":99,"head":"');
    const again = DataStore.open(dir);
    expect((await again.person('E1').read()).open.study).toEqual(s);
    expect(again.seals.notes().map(zh).join('\n')).toMatch(/第 3 行有 \d+ 字节未写完的记录/);
    expect(await again.seals.problems()).toEqual([]);
    again.close();

    const dir2 = fresh();
    const store2 = DataStore.open(dir2);
    const s2 = await studying(store2, 'E1', 2);
    store2.close();
    const [file2] = journalFiles(dir2);
    const lines = readFileSync(file2!, 'utf8').split('\n');
    lines[0] = '{"no":"E1", broken';
    writeFileSync(file2!, lines.join('\n'));
    // a folder must always open: the damaged bytes are named (and count as a problem for check), the whole line after them is used
    const opened = DataStore.open(dir2);
    expect((await opened.person('E1').read()).open.study).toEqual(s2);
    expect((await opened.seals.problems()).map(zh).join('\n')).toMatch(/第 1 行有 \d+ 字节无法识别的内容/);
    opened.close();
  });

  it('a torn start glued to a whole line (what versions before 2026-12 left after a full disk) is cut; the whole line is used', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const s = await studying(store, 'E1', 1);
    const [file] = journalFiles(dir);
    store.close();
    const whole = readFileSync(file!, 'utf8').trim().split('\n').pop()!;
    writeFileSync(file!, `${whole.slice(0, 25)}${whole}\n`);
    const again = DataStore.open(dir);
    expect((await again.person('E1').read()).open.study).toEqual(s);
    expect(again.seals.notes().map(zh).join('\n')).toMatch(/第 1 行有 25 字节未写完的记录/);
    expect(await again.seals.problems()).toEqual([]);
    again.close();
  });

  it('a checkpoint writes the files that are behind and deletes the journal it covered; beats meanwhile are kept', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    store.checkpointBytes = 2_000;
    const people = Array.from({ length: 20 }, (_, i) => `P${i}`);
    const last = new Map<string, OpenStudy>();
    for (const no of people) last.set(no, await studying(store, no, 0));
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        people.map((no) => {
          const s = next(last.get(no)!);
          last.set(no, s);
          return store.person(no).updateStudy((f) => void (f.open.study = s));
        }),
      );
    }
    await store.checkpoint();
    for (const no of people) expect(onDisk(dir, no).open.study).toEqual(last.get(no));
    // the journals the checkpoints covered are gone; the next beat begins a new one
    expect(journalFiles(dir)).toEqual([]);
    store.close();
  });

  it('a folder opened only to read (a backup while the server runs) sees the journaled state', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    await store.meta.update(() => undefined);
    const s = await studying(store, 'E1', 4);
    const reader = DataStore.openReadOnly(dir);
    expect((await reader.person('E1').read()).open.study).toEqual(s);
    reader.close();
    // and it changed nothing: the server's journal is still there
    expect(journalText(dir).trim().split('\n')).toHaveLength(4);
    store.close();
  });

  it('a study-only update that adds an event or changes anything else is refused, and nothing changes', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const s = await studying(store, 'E1', 1);
    await expect(store.person('E1').updateStudy((f) => void appendEvent(f.events, 'collective.withdrawn', { sessionId: 'x', campaignId: 'c' }, { at: 't', by: 'E1' }))).rejects.toThrow();
    await expect(store.person('E1').updateStudy((f) => void (f.open.quiz = {}))).rejects.toThrow(/changed quiz/);
    const f = await store.person('E1').read();
    expect(f.events).toHaveLength(0);
    expect(f.open.study).toEqual(s);
    expect(journalText(dir).trim().split('\n')).toHaveLength(1);
    store.close();
  });

  it('kept events are frozen: an update that changes one throws, and nothing changes', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    await store.person('E1').update((f) => void appendEvent(f.events, 'quiz.graded', { attemptId: 'a', questionId: 'q', score: 1, comment: '' }, { at: 't', by: 'x' }));
    await expect(store.person('E1').update((f) => void ((f.events[0]!.data as { score: number }).score = 5))).rejects.toThrow(TypeError);
    expect(((await store.person('E1').read()).events[0]!.data as { score: number }).score).toBe(1);
    expect(onDisk(dir, 'E1').events[0].data.score).toBe(1);
    store.close();
  });

  it('a deleted person is not brought back by their journal lines, nor a new record under the same 工号 given their study', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    await studying(store, 'E1', 3);
    await store.removePerson('E1');
    expect(journalText(dir)).toBe('');
    await store.person('E1').update(() => undefined);
    store.close();
    const again = DataStore.open(dir);
    expect((await again.person('E1').read()).open.study).toBeNull();
    again.close();
  });

  it('many beats at once share syncs and all are kept', async () => {
    const dir = fresh();
    const store = DataStore.open(dir);
    const people = Array.from({ length: 200 }, (_, i) => `W${i}`);
    const first = new Map<string, OpenStudy>();
    for (const no of people) first.set(no, await studying(store, no, 0));
    const beaten = new Map(people.map((no) => [no, next(first.get(no)!)]));
    await Promise.all(people.map((no) => store.person(no).updateStudy((f) => void (f.open.study = beaten.get(no)!))));
    store.close();
    const again = DataStore.open(dir);
    for (const no of people) expect(onDisk(dir, no).open.study).toEqual(beaten.get(no));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    again.close();
  });
});

// The lowdb folder's index of person summaries: made as records are written, read by the officer's
// views instead of everyone's history, and made again from the records whenever it cannot be trusted.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';
import { appendEvent } from '../../electron/records/events';
import type { PersonDoc } from '../../electron/main/storage/lowdb/person-doc';
import { removeDir, tempDir } from '../helpers/temp-app';

const session = (campaignId: string, day: string, minutes: number) => ({
  sessionId: randomUUID(),
  campaignId,
  docId: 'd',
  docTitle: 'd',
  textKey: null,
  edition: null,
  startedAt: `${day}T01:00:00Z`,
  endedAt: `${day}T02:00:00Z`,
  countedMs: minutes * 60_000,
  excludedMs: { idle: 0, hidden: 0, unfocused: 0, locked: 0, gap: 0, check_missed: 0, daily_cap: 0 },
  byDay: { [day]: minutes * 60_000 },
  closedBy: 'stop' as const,
});
const study = (store: DataStore, no: string, campaignId: string, day: string, minutes: number) =>
  store.person(no).update((f) => void appendEvent(f.events, 'study.session', session(campaignId, day, minutes), { at: `${day}T02:00:00Z`, by: no }));
const selfMs = async (store: DataStore, campaignId: string, nos: string[]) => [...(await store.campaignSummaries(campaignId, nos)).values()].map((v) => v.campaign?.selfMs ?? null);

let dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
beforeEach(() => (dirs = []));
afterEach(() => dirs.forEach(removeDir));

describe('summary index (lowdb)', () => {
  it('is made as records are written, per campaign, and written to index/ at close', async () => {
    const dir = fresh();
    const s = DataStore.open(dir);
    await study(s, 'E1', 'c1', '2024-09-02', 30);
    await study(s, 'E1', 'c2', '2025-09-02', 45);
    await study(s, 'E2', 'c1', '2024-09-03', 20);
    expect(await selfMs(s, 'c1', ['E1', 'E2', 'E3'])).toEqual([30 * 60_000, 20 * 60_000, null]);
    expect((await s.campaignSummaries('c2', ['E1'])).get('E1')).toMatchObject({ campaign: { selfMs: 45 * 60_000, sessions: 1 }, years: { '2024': 30 * 60_000, '2025': 45 * 60_000 } });
    s.close();
    expect(readdirSync(path.join(dir, 'index')).sort()).toHaveLength(3); // people.json and one folder per campaign
    const people = JSON.parse(readFileSync(path.join(dir, 'index', 'people.json'), 'utf8'));
    expect(Object.keys(people.people).sort()).toEqual(['E1', 'E2']);
  });

  it('a view after reopening reads the index: no person record is loaded', async () => {
    const dir = fresh();
    let s = DataStore.open(dir);
    for (let i = 0; i < 20; i++) await study(s, `E${i}`, 'c1', '2024-09-02', i + 1);
    s.close();
    s = DataStore.open(dir);
    const nos = Array.from({ length: 20 }, (_, i) => `E${i}`);
    expect(await selfMs(s, 'c1', nos)).toEqual(nos.map((_, i) => (i + 1) * 60_000));
    expect(nos.filter((no) => (s.person(no) as PersonDoc).current() !== null)).toEqual([]);
    s.close();
  });

  it('records written after the index (a crash before it was written, a file changed by hand) are summarized again from the files', async () => {
    const dir = fresh();
    const s = DataStore.open(dir);
    await study(s, 'E1', 'c1', '2024-09-02', 30);
    await study(s, 'E2', 'c1', '2024-09-02', 10);
    s.close();
    // a second writer of the folder that "crashed" before writing its index: reopened, then copied while open
    const s2 = DataStore.open(dir);
    await study(s2, 'E1', 'c1', '2024-09-03', 15);
    const crashed = fresh();
    cpSync(dir, crashed, { recursive: true });
    rmSync(path.join(crashed, 'anxue.lock'));
    s2.close();
    const s3 = DataStore.open(crashed);
    expect(await selfMs(s3, 'c1', ['E1', 'E2'])).toEqual([45 * 60_000, 10 * 60_000]);
    s3.close();
    // a file changed outside the program (the forgery of a record, a restore): its summary follows the file
    const file = path.join(crashed, 'people', 'E2.json');
    const f = JSON.parse(readFileSync(file, 'utf8'));
    f.events[0].data.countedMs = 8 * 3600_000;
    writeFileSync(file, JSON.stringify(f));
    const s4 = DataStore.open(crashed);
    expect(await selfMs(s4, 'c1', ['E1', 'E2'])).toEqual([45 * 60_000, 8 * 3600_000]);
    s4.close();
  });

  it("an essay's text is kept apart from the summaries: left out where a view asks without it, back where one asks with it, made again when lost", async () => {
    const dir = fresh();
    let s = DataStore.open(dir);
    const parts = (i: number) => ({ awareness: `第 ${i} 人：动火作业前必须做气体分析。`, responsibility: '', warning: '', measures: '', leadership: '' });
    for (let i = 0; i < 20; i++) {
      await study(s, `E${i}`, 'c1', '2024-09-02', 5);
      await s
        .person(`E${i}`)
        .update((f) => void appendEvent(f.events, 'essay.submitted', { campaignId: 'c1', version: 1, parts: parts(i), total: 20, accidents: [] }, { at: '2024-09-03T01:00:00Z', by: `E${i}` }));
    }
    s.close();
    const [folder] = readdirSync(path.join(dir, 'index')).filter((n) => n !== 'people.json');
    const files = readdirSync(path.join(dir, 'index', folder!));
    // no shard of summaries holds a text: the texts are in their own files
    for (const f of files.filter((n) => !n.includes('essays'))) expect(readFileSync(path.join(dir, 'index', folder!, f), 'utf8')).not.toContain('气体分析');
    expect(files.some((n) => n.endsWith('.essays.json'))).toBe(true);
    const nos = Array.from({ length: 20 }, (_, i) => `E${i}`);
    const essays = async (opts?: { essayTexts: boolean }) => [...(await s.campaignSummaries('c1', nos, opts)).values()].map((v) => v.campaign!.essay);
    s = DataStore.open(dir);
    expect((await essays({ essayTexts: false })).map((e) => [e.status, e.parts])).toEqual(nos.map(() => ['submitted', null]));
    expect((await essays()).map((e) => e.parts)).toEqual(nos.map((_, i) => parts(i)));
    expect(nos.filter((no) => (s.person(no) as PersonDoc).current() !== null)).toEqual([]);
    s.close();
    // the texts lost: made again from the records
    for (const f of readdirSync(path.join(dir, 'index', folder!)).filter((n) => n.endsWith('.essays.json'))) rmSync(path.join(dir, 'index', folder!, f));
    s = DataStore.open(dir);
    expect((await essays()).map((e) => e.parts)).toEqual(nos.map((_, i) => parts(i)));
    s.close();
    // and written again to the index
    expect(readdirSync(path.join(dir, 'index', folder!)).sort()).toEqual(files.sort());
  });

  it('a lost or damaged shard is made again; a removed person leaves the index', async () => {
    const dir = fresh();
    let s = DataStore.open(dir);
    for (let i = 0; i < 40; i++) await study(s, `E${i}`, 'c1', '2024-09-02', 5);
    s.close();
    const [folder] = readdirSync(path.join(dir, 'index')).filter((n) => n !== 'people.json');
    const shards = readdirSync(path.join(dir, 'index', folder!));
    rmSync(path.join(dir, 'index', folder!, shards[0]!));
    writeFileSync(path.join(dir, 'index', folder!, shards[1]!), '{"E1": {"dig');
    s = DataStore.open(dir);
    const nos = Array.from({ length: 40 }, (_, i) => `E${i}`);
    expect(await selfMs(s, 'c1', nos)).toEqual(nos.map(() => 5 * 60_000));
    s.close();
    // made again once: written to the index again, whole
    expect(readdirSync(path.join(dir, 'index', folder!)).sort()).toEqual([...shards].sort());
    expect(readFileSync(path.join(dir, 'index', folder!, shards[1]!), 'utf8')).not.toContain('{"E1": {"dig');
    s = DataStore.open(dir);
    await s.removePerson('E3');
    expect((await s.campaignSummaries('c1', ['E3'])).get('E3')).toEqual({ campaign: null, years: {}, study: null });
    s.close();
    s = DataStore.open(dir);
    expect((await s.campaignSummaries('c1', ['E3'])).get('E3')!.campaign).toBeNull();
    expect(JSON.parse(readFileSync(path.join(dir, 'index', 'people.json'), 'utf8')).people.E3).toBeUndefined();
    expect(existsSync(path.join(dir, 'people', 'E3.json'))).toBe(false);
    s.close();
  });

  it('the year figures after reopening come from the index: no person record is loaded, a file changed since is read again', async () => {
    const dir = fresh();
    let s = DataStore.open(dir);
    for (let i = 0; i < 10; i++) {
      await study(s, `E${i}`, 'c1', '2024-09-02', i + 1);
      await study(s, `E${i}`, 'c2', '2025-03-02', 2);
    }
    s.close();
    const file = path.join(dir, 'people', 'E0.json');
    const f = JSON.parse(readFileSync(file, 'utf8'));
    f.events[0].data.byDay = { '2024-09-02': 7 * 60_000 };
    writeFileSync(file, JSON.stringify(f));
    s = DataStore.open(dir);
    const nos = Array.from({ length: 10 }, (_, i) => `E${i}`);
    const v = await s.yearSummaries([...nos, 'NOBODY']);
    expect(nos.map((no) => v.get(no)!.years)).toEqual(nos.map((_, i) => ({ '2024': (i === 0 ? 7 : i + 1) * 60_000, '2025': 2 * 60_000 })));
    expect(v.get('NOBODY')).toEqual({ years: {}, study: null });
    expect(nos.filter((no) => no !== 'E0' && (s.person(no) as PersonDoc).current() !== null)).toEqual([]);
    s.close();
  });
});

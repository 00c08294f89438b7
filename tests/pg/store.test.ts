// The PostgreSQL store itself (electron/main/storage/postgres/), on the throwaway cluster of
// the "pg" project: the schema from empty, what the database refuses, two stores on one database
// (as two server processes) with no lost update, sessions either can resolve, and documents of an
// older schemaVersion upgraded when read.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { appendEvent, eventHash, GENESIS_HASH, verifyChain } from '../../electron/records/events';
import { MIGRATIONS, migrateDatabase, PgStore } from '../../electron/main/storage/postgres';
import type { PersonFile } from '../../electron/records/person';
import { removeDir, tempDir } from '../helpers/temp-app';

const url = inject('pgUrl');
const opened: PgStore[] = [];
const dirs: string[] = [];
let n = 0;
/** a fresh schema, or the given one again (a second process on the same records) */
function open(schema = `s_${process.pid}_${++n}`): PgStore {
  const dir = tempDir();
  dirs.push(dir);
  const s = PgStore.open({ url, dir, schema });
  opened.push(s);
  return s;
}
const schemaOf = (s: PgStore) => (s.pool.options as { options?: string }).options!.replace('-c search_path=', '');
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  dirs.forEach(removeDir);
});

const at = () => new Date().toISOString();
const graded = (score: number) => ({ attemptId: 'a1', questionId: 'q1', score, comment: '' });

describe('schema', () => {
  it('is made from empty, and migrating again changes nothing', async () => {
    const s = open();
    await s.ready;
    const tables = (await s.pool.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1')).rows.map((r) => r.t);
    expect(tables).toEqual(['anxue_schema', 'docs', 'files', 'person_events', 'person_summaries', 'persons', 'sessions']);
    expect(await migrateDatabase(s.pool, schemaOf(s))).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it('a database from a newer program is refused, with why', async () => {
    const s = open();
    await s.ready;
    await s.pool.query('INSERT INTO anxue_schema (version) VALUES (99)');
    await expect(migrateDatabase(s.pool, schemaOf(s))).rejects.toThrow(/结构版本 99 比本程序的（4）新/);
  });

  it('two processes starting at once on an empty database migrate it once', async () => {
    const schema = `s_race_${process.pid}`;
    const a = open(schema);
    const b = open(schema);
    await Promise.all([a.ready, b.ready]);
    expect((await a.pool.query('SELECT version FROM anxue_schema ORDER BY 1')).rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
  });

  it('a database of version 1 (before evidence files) is brought to 4, its records kept and their open sessions counted', async () => {
    const s = open();
    await s.ready;
    await s.meta.update((m) => {
      m.enterprise = '版本一化工';
    });
    await s.pool.query('DROP TABLE person_summaries; ALTER TABLE persons DROP COLUMN summary, DROP COLUMN study_campaign, DROP COLUMN study_also, DROP COLUMN study_ms; DROP TABLE files');
    await s.pool.query('DELETE FROM anxue_schema WHERE version >= 2');
    const open1 = { study: { campaignId: 'c1', alsoFor: ['c2'], countedMs: 60_000, provisionalMs: 5_000 }, quiz: {}, positions: {} };
    await s.pool.query("INSERT INTO persons (employee_no, version, schema_version, open) VALUES ('V1', nextval('anxue_versions'), 2, $1), ('V2', nextval('anxue_versions'), 2, $2)", [
      JSON.stringify(open1),
      JSON.stringify({ study: null, quiz: {}, positions: {} }),
    ]);
    expect(await migrateDatabase(s.pool, schemaOf(s))).toEqual({ from: 1, to: 4 });
    expect((await s.meta.read()).enterprise).toBe('版本一化工');
    // the numbers the progress page counts by are made for the rows that were already there
    expect((await s.pool.query("SELECT employee_no, study_campaign, study_also, study_ms FROM persons WHERE employee_no IN ('V1', 'V2') ORDER BY 1")).rows).toEqual([
      { employee_no: 'V1', study_campaign: 'c1', study_also: ['c2'], study_ms: 65_000 },
      { employee_no: 'V2', study_campaign: null, study_also: null, study_ms: null },
    ]);
    const sha = await s.files.put(Buffer.from('photo'));
    expect((await s.files.get(sha))?.toString()).toBe('photo');
    expect(await s.files.list()).toEqual([sha]);
  });
});

describe('person summaries (what the officer views read)', () => {
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
  it('are written with the record, per campaign; a study-only change leaves them; a record from before them is summarized when first viewed', async () => {
    const s = open();
    await s.person('E1').update((f) => {
      appendEvent(f.events, 'study.session', session('c1', '2024-09-02', 30), { at: at(), by: 'E1' });
      appendEvent(f.events, 'study.session', session('c2', '2025-09-02', 45), { at: at(), by: 'E1' });
    });
    const rows = async (campaignId: string) => (await s.pool.query('SELECT employee_no, digest, figures FROM person_summaries WHERE campaign_id = $1', [campaignId])).rows;
    expect((await rows('c1')).map((r) => [r.employee_no, r.figures.selfMs, r.figures.sessions])).toEqual([['E1', 30 * 60_000, 1]]);
    expect((await rows('c2'))[0].figures.selfMs).toBe(45 * 60_000);
    const v1 = (await s.campaignSummaries('c1', ['E1', 'NOBODY'])).get('E1')!;
    expect(v1).toMatchObject({ campaign: { selfMs: 30 * 60_000 }, years: { '2024': 30 * 60_000, '2025': 45 * 60_000 }, study: null });
    expect((await s.campaignSummaries('c1', ['NOBODY'])).get('NOBODY')).toEqual({ campaign: null, years: {}, study: null });
    // another campaign's record changes only that campaign's row
    expect((await s.campaignSummaries('c2', ['E1'])).get('E1')!.campaign!.selfMs).toBe(45 * 60_000);
    const c1Before = await rows('c1');
    await s.person('E1').update((f) => void appendEvent(f.events, 'study.session', session('c2', '2025-09-03', 15), { at: at(), by: 'E1' }));
    expect(await rows('c1')).toEqual(c1Before);
    expect((await rows('c2'))[0].figures).toMatchObject({ selfMs: 60 * 60_000, sessions: 2 });
    // read again by this process (which had the older figures): the new ones, the unchanged ones from what it had
    expect((await s.campaignSummaries('c2', ['E1'])).get('E1')!.campaign).toMatchObject({ selfMs: 60 * 60_000, sessions: 2 });
    expect((await s.campaignSummaries('c1', ['E1'])).get('E1')!.campaign).toMatchObject({ selfMs: 30 * 60_000, sessions: 1 });
    // the open session is read as it stands, not summarized
    await s.person('E1').updateStudy((f) => {
      f.open.study = {
        campaignId: 'c1',
        docId: 'd',
        countedMs: 5 * 60_000,
        provisionalMs: 60_000,
        byDay: { '2024-09-04': 5 * 60_000 },
        provisionalByDay: { '2024-09-04': 60_000 },
      } as unknown as typeof f.open.study;
    });
    expect((await s.campaignSummaries('c1', ['E1'])).get('E1')!.study).toEqual({ campaignId: 'c1', countedMs: 6 * 60_000, byDay: { '2024-09-04': 6 * 60_000 } });
    // a record last written by a program from before the summaries: made when viewed, and kept
    await s.pool.query('UPDATE persons SET summary = NULL; DELETE FROM person_summaries');
    expect((await s.campaignSummaries('c2', ['E1'])).get('E1')!.campaign).toMatchObject({ selfMs: 60 * 60_000, sessions: 2 });
    expect((await s.pool.query("SELECT summary IS NOT NULL AS has FROM persons WHERE employee_no = 'E1'")).rows[0].has).toBe(true);
    expect((await rows('c1'))[0].figures.selfMs).toBe(30 * 60_000);
  });

  it('the year figures of many people in one read, with the open session; a record from before the summaries is summarized and kept', async () => {
    const s = open();
    await s.person('Y1').update((f) => {
      appendEvent(f.events, 'study.session', session('c1', '2024-09-02', 30), { at: at(), by: 'Y1' });
      appendEvent(f.events, 'study.session', { ...session('c2', '2025-09-02', 45), alsoFor: ['c3'] }, { at: at(), by: 'Y1' });
    });
    await s.person('Y2').update((f) => void appendEvent(f.events, 'study.session', session('c1', '2025-01-05', 10), { at: at(), by: 'Y2' }));
    await s.person('Y2').updateStudy((f) => {
      f.open.study = { campaignId: 'c1', docId: 'd', countedMs: 60_000, byDay: { '2025-03-01': 60_000 } } as unknown as typeof f.open.study;
    });
    const v = await s.yearSummaries(['Y1', 'Y2', 'NOBODY']);
    // the session that counts toward two campaigns is in its year once
    expect(v.get('Y1')).toEqual({ years: { '2024': 30 * 60_000, '2025': 45 * 60_000 }, study: null });
    expect(v.get('Y2')).toEqual({ years: { '2025': 10 * 60_000 }, study: { campaignId: 'c1', countedMs: 60_000, byDay: { '2025-03-01': 60_000 } } });
    expect(v.get('NOBODY')).toEqual({ years: {}, study: null });
    await s.pool.query("UPDATE persons SET summary = NULL WHERE employee_no = 'Y1'");
    expect((await s.yearSummaries(['Y1'])).get('Y1')!.years).toEqual({ '2024': 30 * 60_000, '2025': 45 * 60_000 });
    expect((await s.pool.query("SELECT summary -> 'years' AS y FROM persons WHERE employee_no = 'Y1'")).rows[0].y).toEqual({ '2024': 30 * 60_000, '2025': 45 * 60_000 });
  });
});

describe('what the database refuses', () => {
  it('a second event with the same id, a gap in the chain, a wrong previous hash', async () => {
    const s = open();
    await s.person('E001').update((f) => void appendEvent(f.events, 'quiz.graded', graded(1), { at: at(), by: 't' }));
    const first = (await s.person('E001').read()).events[0]!;
    const insert = (seq: number, id: string, prevHash: string) => {
      const base = { seq, id, type: 'quiz.graded' as const, at: first.at, by: 't', data: graded(2), prevHash };
      return s.pool.query('INSERT INTO person_events (employee_no, seq, id, type, at, by, data, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)', [
        'E001',
        seq,
        id,
        base.type,
        base.at,
        base.by,
        JSON.stringify(base.data),
        prevHash,
        eventHash(base),
      ]);
    };
    await expect(insert(2, first.id, first.hash)).rejects.toThrow(/duplicate key value violates unique constraint/);
    await expect(insert(3, randomUUID(), first.hash)).rejects.toThrow(/foreign key constraint/);
    await expect(insert(2, randomUUID(), 'f'.repeat(64))).rejects.toThrow(/foreign key constraint/);
    await expect(insert(1, randomUUID(), 'f'.repeat(64))).rejects.toThrow(/duplicate key|check constraint/);
    // an event for someone who has no record row
    await expect(
      s.pool.query("INSERT INTO person_events (employee_no, seq, id, type, at, by, data, prev_hash, hash) VALUES ('NOBODY', 1, $1, 'quiz.graded', '2024-09-06T00:00:00Z', 't', '{}', $2, $3)", [
        randomUUID(),
        GENESIS_HASH,
        'a'.repeat(64),
      ]),
    ).rejects.toThrow(/foreign key constraint/);
    expect(verifyChain((await s.person('E001').read()).events)).toEqual([]);
  });

  it('an update that changes an earlier event is refused and changes nothing', async () => {
    const s = open();
    await s.person('E002').update((f) => void appendEvent(f.events, 'quiz.graded', graded(1), { at: at(), by: 't' }));
    await expect(
      s.person('E002').update((f) => {
        f.events[0] = { ...f.events[0]!, hash: 'e'.repeat(64) };
        f.open.study = null;
      }),
    ).rejects.toThrow(/只能追加/);
    const other = open(schemaOf(s));
    expect((await other.person('E002').read()).events.map((e) => e.data)).toEqual([graded(1)]);
  });

  it('a study-only update that adds an event or changes anything else is refused; a kept event cannot be changed in memory', async () => {
    const s = open();
    await s.person('E003').update((f) => void appendEvent(f.events, 'quiz.graded', graded(1), { at: at(), by: 't' }));
    await expect(s.person('E003').updateStudy((f) => void appendEvent(f.events, 'quiz.graded', graded(2), { at: at(), by: 't' }))).rejects.toThrow();
    await expect(s.person('E003').updateStudy((f) => void (f.open.essayDrafts = { c: { parts: {} as never, savedAt: '' } }))).rejects.toThrow(/changed essayDrafts/);
    await expect(s.person('E003').update((f) => void ((f.events[0]!.data as { score: number }).score = 9))).rejects.toThrow(TypeError);
    const other = open(schemaOf(s));
    const f = await other.person('E003').read();
    expect(f.events.map((e) => e.data)).toEqual([graded(1)]);
    expect(f.open.essayDrafts).toEqual({});
  });

  it('a document that is not an object, or has no schemaVersion, is not stored', async () => {
    const s = open();
    await s.ready;
    await expect(s.pool.query("INSERT INTO docs (name, version, data) VALUES ('meta', 1, '[]')")).rejects.toThrow(/check constraint/);
    await expect(s.pool.query("INSERT INTO docs (name, version, data) VALUES ('meta', 1, '{\"a\":1}')")).rejects.toThrow(/check constraint/);
    await expect(s.pool.query("INSERT INTO persons (employee_no, version, schema_version, open) VALUES ('../x', 1, 2, '{}')")).rejects.toThrow(/check constraint/);
  });
});

describe('two processes on one database', () => {
  it('200 appends to one record through both at once: all 200 kept, one unbroken chain', async () => {
    const a = open();
    const b = open(schemaOf(a));
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).person('E003').update((f) => void appendEvent(f.events, 'quiz.graded', graded(i), { at: at(), by: i % 2 ? 'a' : 'b' }))));
    for (const s of [a, b]) {
      const events = (await s.person('E003').read()).events;
      expect(events).toHaveLength(200);
      expect(verifyChain(events)).toEqual([]);
      expect(new Set(events.map((e) => (e.data as { score: number }).score)).size).toBe(200);
    }
  });

  it('200 study-only changes (heartbeats) to one record through both at once: none lost', async () => {
    const a = open();
    const b = open(schemaOf(a));
    await a.person('E004').update((f) => void (f.open.study = { id: 's1', countedMs: 0 } as never));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? a : b).person('E004').updateStudy((f) => {
          f.open.study = { ...f.open.study!, countedMs: f.open.study!.countedMs + 1 };
        }),
      ),
    );
    for (const s of [a, b]) expect((await s.person('E004').read()).open.study!.countedMs).toBe(200);
  });

  it("a person's first study start through both at once: the record made once, with its summary head; the later start replaces the first, nothing lost", async () => {
    const a = open();
    const b = open(schemaOf(a));
    // the start as the study service makes it: an open session is closed into an event first
    const start = (id: string) => (f: PersonFile) => {
      if (f.open.study) appendEvent(f.events, 'quiz.graded', graded(f.events.length), { at: at(), by: f.open.study.id });
      f.open.study = { id, campaignId: 'c1', countedMs: 0 } as never;
    };
    await Promise.all([a.person('N001').updateMostlyStudy(start('sa')), b.person('N001').updateMostlyStudy(start('sb'))]);
    const row = (await a.pool.query("SELECT summary, study_campaign, study_ms FROM persons WHERE employee_no = 'N001'")).rows[0];
    expect(row).toMatchObject({ study_campaign: 'c1', study_ms: 0 });
    expect(row.summary).toMatchObject({ digests: {} });
    for (const s of [a, b]) {
      const f = await s.person('N001').read();
      // one start made the record, the other found it there and closed that session first
      expect(f.events.map((e) => e.by)).toEqual([f.open.study!.id === 'sa' ? 'sb' : 'sa']);
    }
  });

  it('a study-only update decided on an old copy is decided again on the row as the other process left it', async () => {
    const a = open();
    const b = open(schemaOf(a));
    await a.person('E005').update((f) => void (f.open.study = { id: 's1', countedMs: 5 } as never));
    await a.person('E005').read(); // a has s1 in memory
    await b.person('E005').update((f) => void (f.open.study = { id: 's2', countedMs: 0 } as never));
    // on a's copy the session is s1, so this would refuse; on the row it is s2, and it goes through
    const beat = (f: { open: { study: { id: string; countedMs: number } | null } }) => {
      if (f.open.study?.id !== 's2') throw new Error('本次学习已结束');
      f.open.study = { ...f.open.study, countedMs: f.open.study.countedMs + 15 };
      return f.open.study.countedMs;
    };
    expect(await a.person('E005').updateStudy(beat as never)).toBe(15);
    expect((await b.person('E005').read()).open.study).toMatchObject({ id: 's2', countedMs: 15 });
  });

  it('100 changes to one shared document through both at once: none lost', async () => {
    const a = open();
    const b = open(schemaOf(a));
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).loginGuard.update((f) => {
          f.entries[`no:P${i}`] = { failures: [i], lockedUntil: 0, locks: 0, lastLockAt: 0, lastTryAt: i };
        }),
      ),
    );
    expect(Object.keys((await a.loginGuard.read()).entries)).toHaveLength(100);
    expect(Object.keys((await b.loginGuard.read()).entries)).toHaveLength(100);
  });

  it('what one writes, the other reads next, though it had read before', async () => {
    const a = open();
    const b = open(schemaOf(a));
    expect((await b.meta.peek()).enterprise).toBeNull();
    expect((await b.person('E004').peek()).events).toHaveLength(0);
    await a.meta.update((m) => void (m.enterprise = '测试化工（虚构）'));
    await a.person('E004').update((f) => void appendEvent(f.events, 'quiz.graded', graded(7), { at: at(), by: 'a' }));
    expect((await b.meta.peek()).enterprise).toBe('测试化工（虚构）');
    expect((await b.person('E004').peek()).events.map((e) => e.data)).toEqual([graded(7)]);
    expect((await b.personStamps()).get('E004')).toBe((await a.personStamps()).get('E004'));
  });

  it("a person deleted by one and written anew is not read from the other's memory", async () => {
    const a = open();
    const b = open(schemaOf(a));
    await a.person('E005').update((f) => void appendEvent(f.events, 'quiz.graded', graded(1), { at: at(), by: 'a' }));
    expect((await b.person('E005').read()).events).toHaveLength(1);
    await a.removePerson('E005');
    expect((await b.person('E005').read()).events).toHaveLength(0);
    await a.person('E005').update((f) => void appendEvent(f.events, 'quiz.graded', graded(2), { at: at(), by: 'a' }));
    expect((await b.person('E005').read()).events.map((e) => e.data)).toEqual([graded(2)]);
  });

  it('a session made by one is resolved by the other, and ended by either; tokens are stored only as hashes', async () => {
    const a = open();
    const b = open(schemaOf(a));
    let t = Date.parse('2024-09-06T01:00:00Z');
    const sa = a.sessions(3600_000, () => t);
    const sb = b.sessions(3600_000, () => t);
    const one = await sa.create('E001');
    const two = await sa.create('E001');
    expect(await sb.resolve(one)).toBe('E001');
    const stored = (await a.pool.query<{ token_hash: string }>('SELECT token_hash FROM sessions')).rows.map((r) => r.token_hash);
    expect(stored).not.toContain(one);
    expect(await sb.dropAllFor('E001', two)).toBe(1);
    expect(await sa.resolve(one)).toBeNull();
    expect(await sa.resolve(two)).toBe('E001');
    t += 3600_001;
    expect(await sb.resolve(two)).toBeNull();
  });
});

describe('documents of an older schemaVersion', () => {
  it('are upgraded when read, and written back upgraded by the next change', async () => {
    const s = open();
    await s.ready;
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schemaOf(s)}` });
    await c.connect();
    try {
      await c.query("INSERT INTO docs (name, version, data) VALUES ('campaigns', nextval('anxue_versions'), $1)", [
        JSON.stringify({ schemaVersion: 1, campaigns: [{ id: 'c1', quiz: { passMark: 80 } }] }),
      ]);
      await c.query("INSERT INTO persons (employee_no, version, schema_version, open) VALUES ('E9', nextval('anxue_versions'), 1, $1)", [
        JSON.stringify({ study: { sessionId: 's', excludedMs: { idle: 5 } }, quiz: {}, essayDrafts: {} }),
      ]);
      const campaigns = await s.campaigns.read();
      expect(campaigns.schemaVersion).toBe(3);
      expect(campaigns.campaigns[0]!.quiz).toMatchObject({ mode: 'fixed', rules: [], passMark: 80 });
      // v3: a campaign from before kinds and participants is a warning month for everyone
      expect(campaigns.campaigns[0]).toMatchObject({ kind: 'warning', participants: { kind: 'all' } });
      const person = await s.person('E9').read();
      expect(person.schemaVersion).toBe(2);
      expect(person.open.study).toMatchObject({ provisionalMs: 0, excludedMs: { idle: 5, locked: 0, check_missed: 0, daily_cap: 0 } });
      await s.person('E9').update((f) => void (f.open.positions = {}));
      expect((await c.query('SELECT schema_version FROM persons WHERE employee_no = $1', ['E9'])).rows[0]).toEqual({ schema_version: 2 });
    } finally {
      await c.end();
    }
  });
});

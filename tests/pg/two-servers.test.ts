// Two `anxue serve` processes on one PostgreSQL database, as a plant runs them behind one name:
// a learner signed in on one is served by the other, and writes sent through both at once are
// all kept (no lost update), on a person's record and on a shared document.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postJson } from '../helpers/raw-http';
import { createDatabase } from '../helpers/pg';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { makeApp, removeDir, seeded, tempDir } from '../helpers/temp-app';

const base = inject('pgUrl');
const dbName = `anxue_two_${process.pid}`;
const db = base.replace(/\/postgres$/, `/${dbName}`);
const dir = tempDir();
let a: ServerProcess;
let b: ServerProcess;
let pw: (no: string) => string;
let campaignId: string;

beforeAll(async () => {
  await createDatabase(base, dbName);
  const app = makeApp(dir, { dataDir: dir, db });
  const s = await seeded(app);
  pw = s.pw;
  campaignId = s.campaign.id;
  await app.ports.store.close();
  [a, b] = await Promise.all([startServeProcess(['--data', dir, '--port', '0', '--db', db]), startServeProcess(['--data', dir, '--port', '0'], { ANXUE_DB: db })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  removeDir(dir);
});

const login = async (srv: ServerProcess, no: string, password = pw(no)) => (JSON.parse((await postJson(srv.url, 'auth.login', { employeeNo: no, password })).text) as { token: string }).token;
const ok = async (srv: ServerProcess, call: string, body: unknown, token: string) => {
  const r = await postJson(srv.url, call, body, { token });
  if (r.status !== 200) throw new Error(`${call} via ${srv.url}: ${r.status} ${r.text}`);
  return JSON.parse(r.text) as unknown;
};

describe('two server processes on one database', () => {
  it('say where the records are, and a session made by one is honoured by the other, and ended by either', async () => {
    expect(a.output()).toMatch(/记录保存在 PostgreSQL：postgres:\/\/anxue@127\.0\.0\.1:\d+\/anxue_two_/);
    const t = await login(a, 'E001');
    expect(((await ok(b, 'auth.me', {}, t)) as { employeeNo: string }).employeeNo).toBe('E001');
    await ok(b, 'auth.logout', {}, t);
    expect((await postJson(a.url, 'auth.me', {}, { token: t })).status).toBe(401);
  });

  it('100 reading positions of one person saved through both at once: all 100 kept', async () => {
    const ta = await login(a, 'E002');
    await Promise.all(Array.from({ length: 100 }, (_, i) => ok(i % 2 ? a : b, 'reader.savePosition', { docId: `doc-${i}`, key: 'notes', ratio: i / 100 }, ta)));
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    try {
      const r = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM persons, jsonb_object_keys(open -> 'positions') WHERE employee_no = 'E002'");
      expect(r.rows[0]!.n).toBe(100);
    } finally {
      await c.end();
    }
  });

  it('40 collective sessions recorded through both at once, and everyone checking in to one through either: nothing lost', async () => {
    const officerA = await login(a, 'admin', 'admin-pass-1');
    const officerB = await login(b, 'admin', 'admin-pass-1');
    const session = (i: number) => ({ campaignId, type: 'film' as const, topic: `警示片 ${i}`, date: '2024-09-06', start: '09:00', durationMinutes: 30, place: '会议室', host: '安全环保部' });
    const made = (await Promise.all(Array.from({ length: 40 }, (_, i) => ok(i % 2 ? a : b, 'collective.save', session(i), i % 2 ? officerA : officerB)))) as { id: string }[];
    const list = (await ok(a, 'collective.list', { campaignId }, officerA)) as { id: string }[];
    expect(new Set(list.map((x) => x.id))).toEqual(new Set(made.map((x) => x.id)));
    const opened = (await ok(b, 'collective.openCheckIn', { sessionId: made[0]!.id, minutes: 30 }, officerB)) as { checkIn: { code: string } };
    const people = ['E001', 'E002', 'E003', 'M001'];
    await Promise.all(people.map(async (no, i) => ok(i % 2 ? a : b, 'collective.checkIn', { code: opened.checkIn.code }, await login(i % 2 ? b : a, no))));
    const after = ((await ok(a, 'collective.list', { campaignId }, officerA)) as { id: string; attendees: { employeeNo: string }[] }[]).find((x) => x.id === made[0]!.id)!;
    expect(after.attendees.map((x) => x.employeeNo).sort()).toEqual(people);
  });

  it('two officers closing the same essay round through both at once: one succeeds, the other is told it was reviewed', async () => {
    const a1 = await login(a, 'admin', 'admin-pass-1');
    const b1 = await login(b, 'admin', 'admin-pass-1');
    const c = (await ok(a, 'campaign.get', { campaignId }, a1)) as { essay: object };
    await ok(a, 'campaign.save', { ...c, essay: { ...c.essay, minChars: 20 } }, a1);
    const parts = {
      awareness: '我是储运车间的装卸工，对危险化学品装卸的风险认识不足，曾在静电接地没有完成时就开始卸车。',
      responsibility: '作业前的检查表有时只打勾不检查，监护人不在场时也开始作业。',
      warning: '规程里的每一条都是用血的教训换来的，不能凭经验办事。',
      measures: '每次装卸前检查接地和防溢流装置，每季度复习一次装卸规程。',
      leadership: '',
    };
    await ok(b, 'essay.submit', { campaignId, parts, accidents: ['“9·7”事故'] }, await login(b, 'E003'));
    const review = (srv: ServerProcess, token: string, decision: 'accept' | 'return') =>
      postJson(srv.url, 'grading.reviewEssay', { campaignId, employeeNo: 'E003', version: 1, decision, comment: decision === 'return' ? '请写明时间' : '', partComments: [] }, { token });
    const [x, y] = await Promise.all([review(a, a1, 'accept'), review(b, b1, 'return')]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const rec = (await ok(a, 'essay.read', { campaignId, employeeNo: 'E003' }, a1)) as { reviews: unknown[] };
    expect(rec.reviews).toHaveLength(1);
  });
});

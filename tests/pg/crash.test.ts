// A server on PostgreSQL killed (SIGKILL) again and again in the middle of writes: everything it
// answered as saved is in the database afterwards, and the session outlives every restart.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postJson } from '../helpers/raw-http';
import { createDatabase } from '../helpers/pg';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { makeApp, removeDir, seeded, tempDir } from '../helpers/temp-app';

const base = inject('pgUrl');
const dbName = `anxue_crash_${process.pid}`;
const db = base.replace(/\/postgres$/, `/${dbName}`);
const dir = tempDir();
let pw: (no: string) => string;
let srv: ServerProcess | null = null;

beforeAll(async () => {
  await createDatabase(base, dbName);
  const app = makeApp(dir, { dataDir: dir, db });
  pw = (await seeded(app)).pw;
  await app.ports.store.close();
});
afterAll(async () => {
  await srv?.stop();
  removeDir(dir);
});

describe('SIGKILL while writing', () => {
  it('5 kills in the middle of 20 parallel writers: every write answered as saved is kept', async () => {
    const saved = new Set<string>();
    let token = '';
    let n = 0;
    for (let round = 0; round < 5; round++) {
      srv = await startServeProcess(['--data', dir, '--port', '0', '--db', db]);
      const url = srv.url;
      if (!token) token = (JSON.parse((await postJson(url, 'auth.login', { employeeNo: 'E001', password: pw('E001') })).text) as { token: string }).token;
      else expect((await postJson(url, 'auth.me', {}, { token })).status).toBe(200);
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const id = `doc-${++n}`;
          const r = await postJson(url, 'reader.savePosition', { docId: id, key: 'notes', ratio: 0.5 }, { token }).catch(() => null);
          if (r?.status === 200) saved.add(id);
        }
      };
      const writers = Array.from({ length: 20 }, writer);
      // killed once this round has had 25 writes answered (and 20 more are under way): by count,
      // not after a time, so a busy machine kills in the middle of writes all the same
      const target = saved.size + 25 + round * 3;
      while (saved.size < target) await new Promise((r) => setTimeout(r, 5));
      srv.child.kill('SIGKILL');
      await new Promise((r) => srv!.child.once('exit', r));
      stop = true;
      await Promise.all(writers);
    }
    srv = null;
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    try {
      const r = await c.query<{ k: string }>("SELECT split_part(jsonb_object_keys(open -> 'positions'), '/', 1) AS k FROM persons WHERE employee_no = 'E001'");
      const kept = new Set(r.rows.map((x) => x.k));
      const lost = [...saved].filter((id) => !kept.has(id));
      console.log(`[crash] ${saved.size} writes answered as saved across 5 kills; ${kept.size} kept; lost ${lost.length}`);
      expect(saved.size).toBeGreaterThan(100);
      expect(lost).toEqual([]);
    } finally {
      await c.end();
    }
  });
});

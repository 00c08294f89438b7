// The server's log keeps its limit for failures too: 300 requests that each end in a 500
// (a broken data file, as tests/main/http-hardening.test.ts makes one) against the server as its own
// process (`anxue serve`), whose standard error is the log. Before, each 500 wrote its stack: 300
// requests, 2,700 lines. Now at most 30 lines per 10 seconds, then one line counting the rest, and
// every reference a caller was given can be found in the log.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../helpers/raw-http';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { makeApp, removeDir, seeded } from '../helpers/temp-app';

const dirs: string[] = [];
let srv: ServerProcess;
let stderr = '';
let token: string;
let campaignId: string;

beforeAll(async () => {
  const app = makeApp();
  dirs.push(app.dir);
  const s = await seeded(app);
  campaignId = s.campaign.id;
  app.close();
  srv = await startServeProcess(['--data', app.dir, '--port', '0']);
  srv.child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  token = (JSON.parse((await postJson(srv.url, 'auth.login', { employeeNo: 'E003', password: s.pw('E003') })).text) as { token: string }).token;
  // E003's file is not in memory yet: overwrite it with something that is not JSON
  writeFileSync(path.join(app.dir, 'people', 'E003.json'), '{"schemaVersion": 2, "events": [');
}, 120_000);
afterAll(async () => {
  await srv?.stop();
  dirs.forEach(removeDir);
});

const COUNTED = /^\[anxue\] .*?(\d+) 次服务器内部错误未逐条记录（编号 ([0-9a-f ]+?)(?: …)?）/;

describe('the log limit covers failures', () => {
  it('300 requests ending in 500: the log stays within 30 lines per 10 s, says how many it left out, and holds every reference given', async () => {
    const from = stderr.length;
    const t0 = Date.now();
    const refs: string[] = [];
    // ten at a time, as a few browsers retrying would
    for (let i = 0; i < 300; i += 10) {
      const rs = await Promise.all(Array.from({ length: 10 }, () => postJson(srv.url, 'progress.mine', { campaignId }, { token })));
      for (const r of rs) {
        expect(r.status).toBe(500);
        refs.push(/编号 ([0-9a-f]{8})/.exec(r.text)![1]!);
      }
    }
    // the line counting what was left out comes when the window (10 s) ends
    for (
      let waited = 0;
      !COUNTED.test(
        stderr
          .slice(from)
          .split('\n')
          .find((l) => COUNTED.test(l)) ?? '',
      ) && waited < 300_000;
      waited += 200
    )
      await new Promise((r) => setTimeout(r, 200));
    const elapsed = Date.now() - t0;
    const lines = stderr
      .slice(from)
      .split('\n')
      .filter((l) => l !== '');
    const windows = Math.floor(elapsed / 10_000) + 2;
    console.log(`[server-log] 300 requests → 500: ${lines.length} log lines in ${(elapsed / 1000).toFixed(1)} s (limit ${windows} windows × 31)`);
    console.log(lines.slice(0, 3).join('\n'));
    console.log(lines.filter((l) => COUNTED.test(l)).join('\n'));
    expect(lines.length).toBeLessThanOrEqual(windows * 31);
    // written once with its stack, then counted: the counted ones and the written ones make 300
    const written = lines.filter((l) => / progress\.mine failed \(ref [0-9a-f]{8}\): /.test(l));
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => /^\s+at /.test(l))).toBe(true);
    const counted = lines.map((l) => COUNTED.exec(l)).filter((m) => m !== null);
    expect(counted.length).toBeGreaterThanOrEqual(1);
    expect(written.length + counted.reduce((n, m) => n + Number(m[1]), 0)).toBe(300);
    // a reference a user reads out is in the log
    const log = lines.join('\n');
    for (const ref of new Set(refs)) expect(log).toContain(ref);
    // and the server lives on
    expect((await postJson(srv.url, 'setup.status', {})).status).toBe(200);
  }, 180_000);
});

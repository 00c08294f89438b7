// `npm run bench -- server [LEARNERS…]`: the server as a plant runs it, over HTTP on 127.0.0.1.
// N learners sign in, open a document and send heartbeats at the app's real interval; some save
// their essay every 5 s (the autosave), some take the quiz; an officer refreshes the dashboard
// every 10 s. On lowdb (one process) and on PostgreSQL (two processes behind the learners, every
// other learner on each). Two campaigns are open at once (everyone's, and a second of three of the
// five departments): each learner studies in one of them, those of 车间2–4 take part in both (their
// time counts toward both), and an officer per campaign refreshes its dashboard (progress.table is
// everyone's 3,000, progress.table#2 the second's). Each run is bounded (LOAD_S seconds of load).
// Reported per call kind: p50/p99, errors, heartbeats lost (sent and not answered as counted), the
// servers' peak RSS.
// The learners are simulated by this one process, on the same machine as the servers.
// Yardstick: a bare Node HTTP server in a process of its own answering a fixed small JSON, asked
// once a second during the same load; its p99 is what the machine itself adds to any call at that
// moment, and each call's p99 is printed against it. The load generator's own event-loop delay is
// printed too (a late timer here is counted in every latency measured).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreOptions } from '../../electron/main/app';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';

const LOAD_S = Number(process.env.ANXUE_BENCH_LOAD_S ?? 60);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The two campaigns open at once: the first is everyone's, the second that of 车间2–4 (so 车间2–4 are in both). */
const SECOND_DEPTS = ['车间2', '车间3', '车间4'];
/**
 * The campaign learner i studies in: 车间0–1 in the first (theirs only), 车间3–4 in the second,
 * 车间2 half in each. A start in one that the other also has counts toward both (alsoFor).
 */
const campaignOf = (i: number) => (i % 5 < 2 || (i % 5 === 2 && i % 10 < 5) ? 0 : 1);

/**
 * Enterprise, N learners (one password hash for all: the bench measures the app, not scrypt at
 * set-up), two campaigns running today side by side (both with the same document and paper).
 */
async function seed(where: StoreOptions, learners: number): Promise<{ campaignIds: string[]; questionIds: string[] }> {
  const { openStore } = await import('../../electron/main/app');
  const { defaultContentDir, loadContent } = await import('../../electron/main/services/corpus/corpus');
  const { nodeFiles } = await import('../../electron/main/files');
  const { setupInit, hashPassword } = await import('../../electron/main/services/accounts/auth');
  const { campaignTemplate, saveCampaign } = await import('../../electron/main/services/campaign/campaign');
  const { store, sessions } = openStore(where);
  const { newRuntime } = await import('../../electron/main/services/runtime');
  const ports = { store, clock: { now: () => Date.now() }, files: nodeFiles, content: loadContent(nodeFiles, defaultContentDir()), sessions, clockSpeed: 1, random: () => 0.5, runtime: newRuntime() };
  try {
    await setupInit(ports, { enterprise: '基准测试（虚构）', adminNo: 'admin', adminName: 'a', password: 'bench-password' });
    const admin = (await store.accounts.read()).accounts[0]!;
    const t = await campaignTemplate(ports, { start: '2024-09-01', past: true });
    const running = {
      ...t,
      start: day(-3),
      end: day(30),
      studyStart: day(-1),
      studyEnd: day(6),
      phases: [],
      essay: { ...t.essay, deadline: day(20) },
      quiz: { ...t.quiz, shuffleQuestions: false, shuffleOptions: false, maxAttempts: 100 },
    };
    const campaign = await saveCampaign(ports, admin, running);
    const second = await saveCampaign(ports, admin, {
      ...running,
      name: `${running.name}（车间2–4 复训）`,
      kind: 'refresher',
      participants: { kind: 'some', depts: SECOND_DEPTS, teams: [], categories: [], employeeNos: [] },
      start: day(-10),
      end: day(60),
    });
    const hash = await hashPassword('x-password');
    await store.roster.update((f) => {
      for (let i = 0; i < learners; i++)
        f.people.push({ employeeNo: `L${i}`, name: `员工${i}`, dept: `车间${i % 5}`, team: `班组${i % 20}`, post: '操作工', category: '其他从业人员', leader: false, updatedAt: '' });
    });
    await store.accounts.update((f) => {
      for (let i = 0; i < learners; i++) f.accounts.push({ employeeNo: `L${i}`, name: `员工${i}`, roles: ['employee'], passwordHash: hash, createdAt: '' });
    });
    return { campaignIds: [campaign.id, second.id], questionIds: campaign.quiz.questionIds };
  } finally {
    await store.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function call(base: string, name: string, body: unknown, token?: string): Promise<{ status: number; body: unknown; ms: number }> {
  const u = new URL(base);
  const data = JSON.stringify(body);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: `/api/${name}`,
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - t0 });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: null, ms: performance.now() - t0 }));
    req.end(data);
  });
}

const peakMb = (pid: number) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

export interface ServerRun {
  backend: 'lowdb' | 'postgres';
  processes: number;
  learners: number;
  calls: Record<string, number>;
  p50_ms: Record<string, number>;
  p99_ms: Record<string, number>;
  errors: number;
  lost: number;
  server_peak_mb: number[];
  /** the bare server's p99 during the load, and each call's p99 divided by it */
  yardstick_p99_ms: number;
  ratio_p99: Record<string, number>;
  /** the load generator's own event-loop delay, p99 */
  client_lag_p99_ms: number;
}

/** The yardstick: `{"ok":true}` from a plain node:http server, no framework, no store. */
function startBareServer(): Promise<{ url: string; stop: () => void }> {
  const code = `require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(200, { 'Content-Type': 'application/json' }); r.end('{"ok":true}'); }); }).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve({ url: b.toString().trim(), stop: () => child.kill() }));
    child.once('error', reject);
  });
}

async function runLoad(servers: ServerProcess[], backend: ServerRun['backend'], learners: number, campaignIds: string[], questionIds: string[]): Promise<ServerRun> {
  const urls = servers.map((s) => s.url);
  const times: Record<string, number[]> = { beat: [], 'essay.save': [], 'quiz.submit': [], 'progress.table': [], 'progress.table#2': [], 'study.start': [], yardstick: [] };
  let errors = 0;
  const errorSamples: string[] = [];
  const fail = (what: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  let sent = 0;
  let counted = 0;
  // sign in (not measured: that is scrypt, by design slow), a few at a time
  const tokens: string[] = new Array(learners);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < learners) {
        const i = next++;
        const r = await call(urls[i % urls.length]!, 'auth.login', { employeeNo: `L${i}`, password: 'x-password' });
        if (r.status !== 200) throw new Error(`login L${i}: ${r.status} ${JSON.stringify(r.body)}`);
        tokens[i] = (r.body as { token: string }).token;
      }
    }),
  );
  const officer = ((await call(urls[0]!, 'auth.login', { employeeNo: 'admin', password: 'bench-password' })).body as { token: string }).token;
  const settings = (await call(urls[0]!, 'settings.get', {}, officer)).body as { heartbeatSeconds: number };
  const beatMs = settings.heartbeatSeconds * 1000;
  const end = Date.now() + LOAD_S * 1000;
  const bare = await startBareServer();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const record = (kind: string, r: { status: number; ms: number; body: unknown }) => {
    times[kind]!.push(r.ms);
    if (r.status !== 200) fail(`${kind} ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
  };
  const learner = async (i: number) => {
    const url = urls[i % urls.length]!;
    const t = tokens[i]!;
    const campaignId = campaignIds[campaignOf(i)]!;
    await sleep(Math.random() * beatMs);
    const st = await call(url, 'study.start', { campaignId, docId: 'gb-30871-2022' }, t);
    record('study.start', st);
    const sessionId = (st.body as { sessionId?: string } | null)?.sessionId;
    if (!sessionId) return;
    // 1 in 20 writes the essay (autosave every 5 s), 1 in 50 takes the quiz once
    const writer = i % 20 === 3;
    const quizzer = i % 50 === 7;
    let lastBeat = Date.now();
    while (Date.now() < end) {
      if (writer) {
        await sleep(5000);
        const r = await call(
          url,
          'essay.save',
          { campaignId, parts: { awareness: `第 ${i} 人的剖析：对动火作业前的气体分析不够重视，${Date.now()}。`, responsibility: '', warning: '', measures: '', leadership: '' }, accidents: [] },
          t,
        );
        record('essay.save', r);
      } else await sleep(Math.max(0, lastBeat + beatMs - Date.now()));
      if (quizzer && Date.now() > end - (LOAD_S * 1000) / 2) {
        const a = await call(url, 'quiz.start', { campaignId }, t);
        const attemptId = (a.body as { attemptId?: string } | null)?.attemptId;
        if (attemptId) record('quiz.submit', await call(url, 'quiz.submit', { attemptId, answers: Object.fromEntries(questionIds.map((q) => [q, ['A']])) }, t));
        else fail(`quiz.start ${a.status} ${JSON.stringify(a.body).slice(0, 160)}`);
      }
      if (Date.now() - lastBeat >= beatMs) {
        sent += 1;
        const r = await call(url, 'study.beat', { sessionId, visible: true, focused: true, interacted: true }, t);
        record('beat', r);
        if (r.status === 200) counted += 1;
        lastBeat = Date.now();
      }
    }
  };
  // one officer per campaign, each on a server of their own when there are two
  const dashboard = async (k: number) => {
    await sleep(k * 5_000);
    while (Date.now() < end) {
      record(k === 0 ? 'progress.table' : 'progress.table#2', await call(urls[k % urls.length]!, 'progress.table', { campaignId: campaignIds[k] }, officer));
      await sleep(10_000);
    }
  };
  const yardstick = async () => {
    while (Date.now() < end) {
      times.yardstick!.push((await call(bare.url, 'bare', {})).ms);
      await sleep(1000);
    }
  };
  await Promise.all([...Array.from({ length: learners }, (_, i) => learner(i)), ...campaignIds.map((_, k) => dashboard(k)), yardstick()]);
  lag.disable();
  bare.stop();
  const kinds = Object.keys(times).filter((k) => times[k]!.length > 0 && k !== 'yardstick');
  const stick = pct(times.yardstick!, 99);
  for (const e of errorSamples) console.log(`[bench] error: ${e}`);
  // few enough to show each one: which refresh was slow (the first, in the start burst, or later)
  for (const k of ['progress.table', 'progress.table#2']) console.log(`[bench] ${k} in order (ms): ${times[k]!.map((x) => round(x, 1)).join(', ')}`);
  return {
    backend,
    processes: servers.length,
    learners,
    calls: Object.fromEntries(kinds.map((k) => [k, times[k]!.length])),
    p50_ms: Object.fromEntries(kinds.map((k) => [k, round(pct(times[k]!, 50))])),
    p99_ms: Object.fromEntries(kinds.map((k) => [k, round(pct(times[k]!, 99))])),
    errors,
    lost: sent - counted,
    server_peak_mb: servers.map((s) => peakMb(s.child.pid!)),
    yardstick_p99_ms: round(stick),
    ratio_p99: Object.fromEntries(kinds.map((k) => [k, round(pct(times[k]!, 99) / stick, 1)])),
    client_lag_p99_ms: round(lag.percentile(99) / 1e6),
  };
}

export async function benchServer(sizes: number[], backends: readonly ServerRun['backend'][] = ['lowdb', 'postgres']): Promise<{ runs: ServerRun[] }> {
  const runs: ServerRun[] = [];
  const { createDatabase, pgBinDir, startPgCluster } = await import('../helpers/pg');
  const cluster = pgBinDir() ? await startPgCluster() : null;
  if (!cluster) console.log('[bench] PostgreSQL is not installed: the PostgreSQL runs are left out');
  try {
    for (const learners of sizes) {
      for (const backend of backends) {
        if (backend === 'postgres' && !cluster) continue;
        const dir = mkdtempSync(path.join(os.tmpdir(), 'anxue-bench-server-'));
        const db = backend === 'postgres' && cluster ? await createDatabase(cluster.url, `bench_${learners}_${process.pid}`) : undefined;
        const { campaignIds, questionIds } = await seed({ dataDir: dir, ...(db ? { db } : {}) }, learners);
        const n = backend === 'postgres' ? 2 : 1;
        const servers = await Promise.all(Array.from({ length: n }, () => startServeProcess(['--data', dir, '--port', '0', ...(db ? ['--db', db] : [])])));
        try {
          const run = await runLoad(servers, backend, learners, campaignIds, questionIds);
          console.log(
            `[bench] ${backend} × ${n} process(es), ${learners} learners, ${LOAD_S} s: calls ${JSON.stringify(run.calls)}; p50 ${JSON.stringify(run.p50_ms)}; p99 ${JSON.stringify(run.p99_ms)}; errors ${run.errors}; lost heartbeats ${run.lost}; server peak ${run.server_peak_mb.join(' + ')} MB; yardstick (bare node:http) p99 ${run.yardstick_p99_ms} ms, ratio p99 ${JSON.stringify(run.ratio_p99)}; load generator event-loop delay p99 ${run.client_lag_p99_ms} ms`,
          );
          runs.push(run);
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    cluster?.stop();
    agent.destroy();
  }
  return { runs };
}

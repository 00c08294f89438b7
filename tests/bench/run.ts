// Benchmarks: `npm run bench -- <name> [args]`. Each measures our code and a well-known yardstick in
// the same run and prints the ratio; the last line is one JSON object with the figures.
//   search  — our corpus index vs SQLite FTS5 (trigram) on ≥ 20 MB of Chinese text, 1,000 queries
//   pdf     — our PDF text extraction vs poppler's pdftotext, per file: pages/s, share of matching
//             characters, the reader's peak memory (tests/bench/pdf.ts; without FILE, real PDFs from
//             Debian's documentation; `pdf --long` one ~250-page Chinese PDF made from the corpus)
//   study   — heartbeat persistence and the officer dashboard with 3,000 people vs SQLite WAL; with
//             `--years 5`, 5 years of history (15 campaigns) and each officer view's first answer
//   essays  — the copy check of 3,000 essays of 2,000 characters vs naive pairwise Sets
//   archive — 一期一档 of a campaign with 3,000 people vs one Chromium page.pdf() per person
//   pdf-memory — the server's memory (anxue serve, from /proc) while it previews and imports a long PDF,
//             one and four at once (`pdf-memory [FILE]`; default a real ~250-page Chinese PDF)
//   upload  — 1 GB sent in chunks to anxue serve vs a Node fs stream copy of the same bytes; the server's peak RSS (`upload [MB]`)
//   server  — N learners over HTTP (heartbeats, essays, quizzes, dashboards of two campaigns open at once) on lowdb
//             and on PostgreSQL × 2 processes (`--backend lowdb|postgres`: only one of them)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { searchForm } from '../../electron/core/normalize';
import { queryTermsOf } from '../../electron/core/query';
import { CorpusIndex } from '../../electron/main/services/corpus/search-index';
import { markdownBlocks, type Block } from '../../electron/main/services/corpus/text-extract';
import { benchEssays } from './essays';
import { benchArchive } from './archive';
import { SWITCH_CALLS, switchCampaigns, type Switch } from './campaign-switch';
import { takesPart } from '../../electron/core/campaign-scope';
import type { Campaign } from '../../electron/core/model';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SHARED = path.resolve(ROOT, '../shared/corpus');

/** A small deterministic PRNG (mulberry32), so every run uses the same corpus and queries. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourceTexts(): { name: string; text: string }[] {
  if (existsSync(SHARED)) {
    return readdirSync(SHARED)
      .filter((f) => f.endsWith('.md') && !/^[A-Z]/.test(f))
      .map((f) => ({ name: f, text: readFileSync(path.join(SHARED, f), 'utf8') }));
  }
  console.log(`[bench] ${SHARED} is absent: using the bundled study notes as the source text`);
  const docs = path.join(ROOT, 'content/docs');
  return readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ name: f, text: readFileSync(path.join(docs, f), 'utf8') }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The part of better-sqlite3 the yardstick uses (it is an optional dependency, without types). */
type SqliteCtor = new (file: string) => {
  exec(sql: string): void;
  prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] };
  transaction(fn: () => void): () => void;
  close(): void;
};

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 20);
const mb = (b: number) => round(b / 1024 / 1024, 1);

async function benchSearch() {
  const rand = rng(42);
  const paragraphs = sourceTexts()
    .flatMap((s) => markdownBlocks(s.text).map((b) => b.text))
    .filter((t) => t.length >= 8);
  // ≥ 20 MB of text: documents of shuffled paragraphs, each lightly varied (numbers and a few characters)
  const docs: { id: string; blocks: Block[] }[] = [];
  let bytes = 0;
  const swaps = '安全生产企业管理人员应当责任制度培训教育检查事故危险化学品';
  for (let d = 0; bytes < 20 * 1024 * 1024; d++) {
    const blocks: Block[] = [];
    for (let i = 0; i < 200; i++) {
      let t = paragraphs[Math.floor(rand() * paragraphs.length)]!;
      t = t.replace(/\d+/g, (n) => String((Number(n) + d) % 1000));
      if (rand() < 0.5) {
        const at = Math.floor(rand() * t.length);
        t = t.slice(0, at) + swaps[Math.floor(rand() * swaps.length)] + t.slice(at + 1);
      }
      blocks.push({ loc: Math.floor(i / 20), text: t });
      bytes += Buffer.byteLength(t);
    }
    docs.push({ id: `doc-${d}`, blocks });
  }
  const allBlocks = docs.flatMap((d) => d.blocks);
  // 1,000 queries: phrases taken from the text (3–6 characters), some two-term, some absent
  const queries: string[] = [];
  const phrase = () => {
    for (;;) {
      const t = allBlocks[Math.floor(rand() * allBlocks.length)]!.text;
      const len = 3 + Math.floor(rand() * 4);
      const at = Math.floor(rand() * Math.max(1, t.length - len));
      const p = t.slice(at, at + len);
      if (/^[\u4e00-\u9fff]+$/.test(p)) return p;
    }
  };
  for (let i = 0; i < 1000; i++) queries.push(i % 10 === 9 ? `${phrase()} ${phrase()}` : i % 50 === 7 ? '硝酸铵罐区爆燃' : phrase());
  console.log(`[bench] corpus: ${docs.length} documents, ${allBlocks.length} paragraphs, ${mb(bytes)} MB; ${queries.length} queries`);

  // ours
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  peakRss = rss0;
  let t0 = performance.now();
  const ix = new CorpusIndex();
  for (const d of docs) {
    ix.setText(d.id, 'official', d.blocks);
    sample();
  }
  const buildS = (performance.now() - t0) / 1000;
  const ours: number[] = [];
  let ourHits = 0;
  for (const q of queries) {
    t0 = performance.now();
    ourHits += ix.search(q).length;
    ours.push(performance.now() - t0);
    sample();
  }
  const ourPeak = peakRss - rss0;
  ours.sort((a, b) => a - b);
  console.log(`[bench] ours: build ${round(buildS)} s, p50 ${round(ours[500]!)} ms, p95 ${round(percentile(ours, 95))} ms, ${ourHits} hits, +${mb(ourPeak)} MB`);

  // yardstick: SQLite FTS5 with the trigram tokenizer, same paragraphs, same queries, same top 40
  let fts: { buildS: number; p50: number; p95: number; hits: number } | null = null;
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteCtor;
    const db = new Database(':memory:');
    t0 = performance.now();
    db.exec("CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='trigram')");
    const ins = db.prepare('INSERT INTO fts(text) VALUES (?)');
    db.transaction(() => allBlocks.forEach((b) => ins.run(searchForm(b.text))))();
    const ftsBuild = (performance.now() - t0) / 1000;
    const stmt = db.prepare("SELECT rowid, snippet(fts, 0, '[', ']', '…', 30) AS s FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 40");
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const match = queryTermsOf(q)
        .map((t) => `"${t.replace(/"/g, '""')}"`)
        .join(' AND ');
      t0 = performance.now();
      hits += stmt.all(match).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    fts = { buildS: ftsBuild, p50: times[500]!, p95: percentile(times, 95), hits };
    console.log(`[bench] FTS5 trigram: build ${round(ftsBuild)} s, p50 ${round(fts.p50)} ms, p95 ${round(fts.p95)} ms, ${hits} hits`);
    db.close();
  } catch (e) {
    console.log(`[bench] SQLite FTS5 yardstick not available (${(e as Error).message.split('\n')[0]}): better-sqlite3 is an optional dependency`);
  }
  return {
    bench: 'search',
    corpus_mb: mb(bytes),
    paragraphs: allBlocks.length,
    queries: queries.length,
    build_s: round(buildS),
    p50_ms: round(ours[500]!),
    p95_ms: round(percentile(ours, 95)),
    fts5_build_s: fts ? round(fts.buildS) : null,
    fts5_p50_ms: fts ? round(fts.p50) : null,
    fts5_p95_ms: fts ? round(fts.p95) : null,
    ratio_p95: fts ? round(percentile(ours, 95) / fts.p95) : null,
    peak_mb: mb(ourPeak),
  };
}

/** One long Chinese PDF (~250 A4 pages): the source texts nine times over, printed by Chromium. */
async function longPdf(tmp: string): Promise<string> {
  const all = Array.from({ length: 9 }, () => sourceTexts().map((s) => s.text))
    .flat()
    .join('\n\n');
  const browser = await (await import('../helpers/browser')).launchChromium();
  const page = await browser.newPage();
  const html = all
    .split(/\n+/)
    .filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
  await page.setContent(`<html lang="zh-CN"><body style="font-family:'Noto Sans CJK SC';font-size:12px">${html}</body></html>`);
  const f = path.join(tmp, 'long.pdf');
  writeFileSync(f, await page.pdf({ format: 'A4' }));
  await browser.close();
  return f;
}

/**
 * 3,000 employees with a week of sessions on disk: heartbeat persistence through the real service
 * (settings, person file update with fsync, totals), the officer dashboard's backend time, peak
 * memory; yardstick: the same heartbeat workload as row updates in SQLite (WAL, synchronous=FULL).
 */
const BENCH_DEPTS = ['甲醇车间', '合成氨车间', '储运车间', '公用工程车间', '安全环保部'];
/** the departments of the history's all-year campaign (current beside the newest) */
const ALL_YEAR_DEPTS = BENCH_DEPTS.slice(0, 3);
/** the roster entry of B<i> as seedPeople writes it (what takesPart looks at) */
const benchPerson = (i: number) => ({ employeeNo: `B${i}`, dept: BENCH_DEPTS[i % 5]!, team: `班组${i % 20}`, category: '其他从业人员' as const });

/** B0 … B(n-1) in the roster, each with an employee's account. */
async function seedPeople(store: import('../../electron/main/storage/store').Store, n: number): Promise<void> {
  const { hashPassword } = await import('../../electron/main/services/accounts/auth');
  const depts = BENCH_DEPTS;
  const hash = await hashPassword('x-password');
  await store.roster.update((f) => {
    for (let i = 0; i < n; i++)
      f.people.push({ employeeNo: `B${i}`, name: `员工${i}`, dept: depts[i % 5]!, team: `班组${i % 20}`, post: '操作工', category: '其他从业人员', leader: false, updatedAt: '' });
  });
  await store.accounts.update((f) => {
    for (let i = 0; i < n; i++) f.accounts.push({ employeeNo: `B${i}`, name: `员工${i}`, roles: ['employee'], passwordHash: hash, createdAt: '' });
  });
}

/** Write the study bench's 3,000 people with a week of sessions each into `where`; returns the campaign. */
async function seedStudy(where: import('../../electron/main/app').StoreOptions): Promise<string> {
  const { openStore } = await import('../../electron/main/app');
  const { appendEvent } = await import('../../electron/records/events');
  const { defaultContentDir, loadContent } = await import('../../electron/main/services/corpus/corpus');
  const { setupInit } = await import('../../electron/main/services/accounts/auth');
  const { campaignTemplate, saveCampaign } = await import('../../electron/main/services/campaign/campaign');
  const PEOPLE = 3000;
  const t = Date.parse('2024-09-06T01:00:00Z');
  const { newRuntime } = await import('../../electron/main/services/runtime');
  const { nodeFiles } = await import('../../electron/main/files');
  const { store, sessions } = openStore(where);
  const ports = { store, clock: { now: () => t }, files: nodeFiles, content: loadContent(nodeFiles, defaultContentDir()), sessions, clockSpeed: 1, random: () => 0.5, runtime: newRuntime() };
  await setupInit(ports, { enterprise: '基准测试（虚构）', adminNo: 'admin', adminName: 'a', password: 'bench-password' });
  const adminAccount = (await ports.store.accounts.read()).accounts[0]!;
  const campaign = await saveCampaign(ports, adminAccount, await campaignTemplate(ports, { start: '2024-09-01', past: true }));
  await seedPeople(ports.store, PEOPLE);
  const t0 = performance.now();
  for (let i = 0; i < PEOPLE; i++) {
    await ports.store.person(`B${i}`).update((f) => {
      for (let d = 0; d < 7; d++) {
        for (let k = 0; k < 3; k++) {
          const day = `2024-09-0${d + 2}`;
          appendEvent(
            f.events,
            'study.session',
            {
              sessionId: `s${d}${k}`,
              campaignId: campaign.id,
              docId: 'gb-30871-2022',
              docTitle: '危险化学品企业特殊作业安全规范',
              textKey: 'notes',
              edition: null,
              startedAt: `${day}T0${k + 1}:00:00Z`,
              endedAt: `${day}T0${k + 1}:40:00Z`,
              countedMs: 30 * 60_000,
              excludedMs: { idle: 600_000, hidden: 0, unfocused: 0, locked: 0, gap: 0, check_missed: 0, daily_cap: 0 },
              byDay: { [day]: 30 * 60_000 },
              checks: { issued: 2, answered: 2, missed: 0 },
              closedBy: 'stop',
            },
            { at: `${day}T0${k + 1}:40:00Z`, by: `B${i}` },
          );
        }
      }
    });
    if (i % 100 === 0) sample();
  }
  console.log(`[bench] ${where.db ? 'PostgreSQL' : 'lowdb'}: ${PEOPLE} people × 21 sessions written in ${round((performance.now() - t0) / 1000)} s`);
  await ports.store.close();
  return campaign.id;
}

/** The first month of each campaign of the history: three a year. */
const HISTORY_MONTHS = ['03', '06', '09'];
/** the oldest campaigns of the history, closed by the officer */
const CLOSED_CAMPAIGNS = 3;

/**
 * Five years of history (`study --years 5`): 3,000 people × 15 campaigns, each campaign with a
 * week of sessions, a collective session, a quiz attempt (a short answer graded by hand, in the
 * newest campaign left for the grader for one person in ten) and an essay of ~1,200 characters
 * (accepted; in the newest campaign waiting for review). Written through the store as the app
 * writes records, in chunks of 250 people (a process that wrote them all would hold them all).
 * Two campaigns are current on the bench's day: the newest, and an all-year one of three departments
 * and a list (its people's self-study in the newest also counts toward it: alsoFor). The oldest
 * three are closed (campaign.close). Returns the newest campaign.
 */
async function seedHistory(where: import('../../electron/main/app').StoreOptions, years: number): Promise<string> {
  const { openStore } = await import('../../electron/main/app');
  const { appendEvent } = await import('../../electron/records/events');
  const { defaultContentDir, loadContent } = await import('../../electron/main/services/corpus/corpus');
  const { setupInit } = await import('../../electron/main/services/accounts/auth');
  const { bankQuestions, campaignTemplate, saveCampaign } = await import('../../electron/main/services/campaign/campaign');
  const { refOf } = await import('../../electron/main/services/bank/question-versions');
  const { gradeItem } = await import('../../electron/core/grading');
  const { dispatch } = await import('../../electron/main/transport/dispatch');
  const { newRuntime } = await import('../../electron/main/services/runtime');
  const { nodeFiles } = await import('../../electron/main/files');
  const PEOPLE = 3000;
  const content = loadContent(nodeFiles, defaultContentDir());
  const firstYear = 2027 - years;
  const open = () => {
    const { store, sessions } = openStore(where);
    return { store, sessions, clock: { now: () => Date.parse('2026-09-12T10:00:00Z') }, files: nodeFiles, content, clockSpeed: 1, random: () => 0.5, runtime: newRuntime() };
  };
  let ports = open();
  await setupInit(ports, { enterprise: '基准测试（虚构）', adminNo: 'admin', adminName: 'a', password: 'bench-password' });
  const admin = (await ports.store.accounts.read()).accounts[0]!;
  const template = await campaignTemplate(ports, { start: '2024-09-01', past: true });
  const campaigns: { id: string; year: number; month: string; participants: Campaign['participants']; end: string }[] = [];
  for (let y = firstYear; y < 2027; y++) {
    for (const m of HISTORY_MONTHS) {
      const next = String(Number(m) + 1).padStart(2, '0');
      const input = JSON.parse(JSON.stringify(template).replaceAll('2024-', `${y}-`).replaceAll(`${y}-09-`, `${y}-${m}-`).replaceAll(`${y}-10-`, `${y}-${next}-`));
      input.name = `${y} 年第 ${HISTORY_MONTHS.indexOf(m) + 1} 期安全培训`;
      // the last year's second campaign runs to the year's end, for three departments and a list of
      // new hires: on the bench's day it is current beside the newest, and self-study of the newest
      // counts toward it too (alsoFor)
      if (y === 2026 && m === '06') {
        input.name = `${y} 年车间全年培训`;
        input.kind = 'refresher';
        input.end = `${y}-12-31`;
        input.participants = { kind: 'some', depts: ALL_YEAR_DEPTS, teams: [], categories: [], employeeNos: Array.from({ length: 200 }, (_, i) => `B${i * 15 + 1}`) };
      }
      campaigns.push({ id: (await saveCampaign(ports, admin, input)).id, year: y, month: m, participants: input.participants ?? { kind: 'all' }, end: input.end });
    }
  }
  const allYear = campaigns.find((c) => c.year === 2026 && c.month === '06')!;
  const bank = await bankQuestions(ports);
  const paper = template.quiz.questionIds.map((id) => bank.find((q) => q.id === id)!).filter(Boolean);
  await seedPeople(ports.store, PEOPLE);
  const sentences = sourceTexts()
    .flatMap((s) => s.text.replace(/[#>*|\-\s]+/g, '').split(/(?<=[。；！？])/))
    .filter((x) => x.length >= 8);
  const rand = rng(15);
  const essayOf = () => {
    const part = () => {
      let t = '';
      while (t.length < 300) t += sentences[Math.floor(rand() * sentences.length)];
      return t;
    };
    return { awareness: part(), responsibility: part(), warning: part(), measures: part(), leadership: '' };
  };
  const excluded = { idle: 600_000, hidden: 0, unfocused: 0, locked: 0, gap: 0, check_missed: 0, daily_cap: 0 };
  const t0 = performance.now();
  for (let i = 0; i < PEOPLE; i++) {
    if (i > 0 && i % 250 === 0) {
      await ports.store.close();
      ports = open();
      sample();
    }
    const no = `B${i}`;
    const mine = campaigns.filter((c) => takesPart(c, benchPerson(i)));
    // the newest campaign's self-study counts toward the other current one the person takes part in
    const alsoFor = mine.some((c) => c.id === allYear.id) ? [allYear.id] : [];
    await ports.store.person(no).update((f) => {
      mine.forEach((c) => {
        const k = campaigns.indexOf(c);
        const newest = k === campaigns.length - 1;
        for (let d = 0; d < 7; d++) {
          const day = `${c.year}-${c.month}-0${d + 2}`;
          for (let h = 0; h < 3; h++) {
            appendEvent(
              f.events,
              'study.session',
              {
                sessionId: `s${k}-${d}${h}`,
                campaignId: c.id,
                ...(newest && alsoFor.length ? { alsoFor } : {}),
                docId: 'gb-30871-2022',
                docTitle: '危险化学品企业特殊作业安全规范',
                textKey: 'notes',
                edition: null,
                startedAt: `${day}T0${h + 1}:00:00Z`,
                endedAt: `${day}T0${h + 1}:40:00Z`,
                countedMs: 30 * 60_000,
                excludedMs: excluded,
                byDay: { [day]: 30 * 60_000 },
                checks: { issued: 2, answered: 2, missed: 0 },
                closedBy: 'stop',
              },
              { at: `${day}T0${h + 1}:40:00Z`, by: no },
            );
          }
        }
        const day = `${c.year}-${c.month}-10`;
        appendEvent(
          f.events,
          'collective.attended',
          { sessionId: `col-${k}`, campaignId: c.id, type: 'film', topic: '事故警示教育', date: day, start: '09:00', durationMinutes: 90, place: '会议室', host: '安全环保部', via: 'roster' },
          { at: `${day}T03:00:00Z`, by: 'admin' },
        );
        const answers: Record<string, string[]> = {};
        for (const q of paper) answers[q.id] = rand() < 0.85 ? [...q.answer] : ['A'];
        const items = paper.map((q) => gradeItem(q, answers[q.id]));
        const attemptId = `a-${no}-${k}`;
        appendEvent(
          f.events,
          'quiz.submitted',
          { attemptId, campaignId: c.id, startedAt: `${day}T06:00:00Z`, submittedAt: `${day}T06:25:00Z`, paper: paper.map(refOf), answers, items, timedOut: false, passMark: 60, leaves: 0 },
          { at: `${day}T06:25:00Z`, by: no },
        );
        if (!newest || i % 10 !== 0) {
          for (const it of items)
            if (it.status === 'pending')
              appendEvent(f.events, 'quiz.graded', { attemptId, questionId: it.questionId, score: Math.round(it.max * 0.8), comment: '' }, { at: `${day}T08:00:00Z`, by: 'admin' });
        }
        const parts = essayOf();
        const total = Object.values(parts).join('').length;
        appendEvent(f.events, 'essay.submitted', { campaignId: c.id, version: 1, parts, total, accidents: [] }, { at: `${day}T09:00:00Z`, by: no });
        if (!newest) appendEvent(f.events, 'essay.reviewed', { campaignId: c.id, version: 1, decision: 'accept', comment: '', similarity: 0 }, { at: `${day}T10:00:00Z`, by: 'admin' });
      });
    });
    if (i % 100 === 0) sample();
  }
  const bytes = where.db ? 0 : readdirSync(path.join(where.dataDir, 'people')).reduce((n, f) => n + statSync(path.join(where.dataDir, 'people', f)).size, 0);
  console.log(
    `[bench] ${where.db ? 'PostgreSQL' : 'lowdb'}: ${PEOPLE} people × ${campaigns.length} campaigns written in ${round((performance.now() - t0) / 1000)} s${where.db ? '' : ` (person files ${mb(bytes)} MB)`}`,
  );
  // the officer looked at the essays during the week: the copy check was made then (and kept)
  const token = await ports.sessions.create('admin');
  // the oldest campaigns were closed (frozen) as the officer does when their archive is done
  for (const c of campaigns.slice(0, CLOSED_CAMPAIGNS)) {
    const r = await dispatch(ports, 'campaign.close', { campaignId: c.id }, token);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const t1 = performance.now();
  const r = await dispatch(ports, 'essay.overview', { campaignId: campaigns[campaigns.length - 1]!.id }, token);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  console.log(`[bench] the copy check of ${PEOPLE} essays made during the week: ${round((performance.now() - t1) / 1000)} s`);
  await ports.store.close();
  return campaigns[campaigns.length - 1]!.id;
}

/**
 * Heartbeats and the dashboard measured in a fresh process on the seeded records, as after a
 * restart: memory then holds what the app needs, not what writing the test data left behind.
 */
interface StudyRun {
  beats: number[];
  dash: number[];
  peak: number;
  /** with history: the first answer of each officer view after the restart, and RSS after them */
  first: Record<string, number> | null;
  /** with history: the officer's campaign switches after those first views */
  switches: Switch[] | null;
  afterFirstMb: number | null;
}
function runStudyChild(dir: string, campaignId: string, db: string | null, history = false): StudyRun {
  const child = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, 'study-run', dir, campaignId, db ?? '', history ? 'history' : ''], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(
    child
      .split('\n')
      .filter((l) => l.startsWith('[bench]'))
      .map((l) => `${l}\n`)
      .join(''),
  );
  return JSON.parse(child.trim().split('\n').pop()!) as StudyRun;
}

async function benchStudy(args: string[]) {
  const { mkdtempSync: mk } = await import('node:fs');
  const PEOPLE = 3000;
  const yearsAt = args.indexOf('--years');
  const years = yearsAt >= 0 ? Number(args[yearsAt + 1]) : 0;
  if (yearsAt >= 0 && !(Number.isInteger(years) && years >= 1 && years <= 10)) throw new Error('--years takes a whole number of years, 1 to 10');
  const dir = mk(path.join(os.tmpdir(), 'anxue-bench-study-'));
  const campaignId = years > 0 ? await seedHistory({ dataDir: dir }, years) : await seedStudy({ dataDir: dir });
  const run = runStudyChild(dir, campaignId, null, years > 0);
  const beats = run.beats;
  const dash = run.dash;
  const lowdbPeak = run.peak;
  // the same on PostgreSQL (a throwaway cluster, durability on), when it is installed
  let pgRun: StudyRun | null = null;
  const { pgBinDir, startPgCluster } = await import('../helpers/pg');
  if (pgBinDir()) {
    const cluster = await startPgCluster();
    try {
      const pgDir = mk(path.join(os.tmpdir(), 'anxue-bench-study-pg-'));
      const pgCampaign = years > 0 ? await seedHistory({ dataDir: pgDir, db: cluster.url }, years) : await seedStudy({ dataDir: pgDir, db: cluster.url });
      pgRun = runStudyChild(pgDir, pgCampaign, cluster.url, years > 0);
      rmSync(pgDir, { recursive: true, force: true });
    } finally {
      cluster.stop();
    }
  } else console.log('[bench] PostgreSQL is not installed: its figures are left out');
  let t0 = 0;
  // yardstick: the same 3,000 heartbeats as row updates in SQLite WAL with fsync on commit
  let sqliteP99: number | null = null;
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteCtor;
    const db = new Database(path.join(dir, 'bench.sqlite'));
    db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE open_study(person TEXT PRIMARY KEY, state TEXT)');
    const upsert = db.prepare('INSERT INTO open_study(person, state) VALUES (?, ?) ON CONFLICT(person) DO UPDATE SET state = excluded.state');
    const state = JSON.stringify({ countedMs: 0, excludedMs: {}, byDay: {}, checks: {} });
    const times: number[] = [];
    for (let n = 0; n < 3000; n++) {
      t0 = performance.now();
      upsert.run(`B${n % 300}`, state);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    sqliteP99 = percentile(times, 99);
    console.log(`[bench] SQLite WAL (synchronous=FULL): p50 ${round(times[1500]!)} ms, p99 ${round(sqliteP99)} ms`);
    db.close();
  } catch (e) {
    console.log(`[bench] SQLite yardstick not available (${(e as Error).message.split('\n')[0]})`);
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    bench: 'study',
    people: PEOPLE,
    heartbeat_p50_ms: round(beats[1500]!),
    heartbeat_p99_ms: round(percentile(beats, 99)),
    sqlite_p99_ms: sqliteP99 === null ? null : round(sqliteP99),
    ratio_p99: sqliteP99 === null ? null : round(percentile(beats, 99) / sqliteP99),
    dashboard_ms: round(Math.min(...dash.slice(1))),
    dashboard_first_ms: round(dash[0]!),
    peak_mb: mb(lowdbPeak),
    pg_heartbeat_p50_ms: pgRun ? round(pgRun.beats[1500]!) : null,
    pg_heartbeat_p99_ms: pgRun ? round(percentile(pgRun.beats, 99)) : null,
    pg_ratio_p99: pgRun && sqliteP99 !== null ? round(percentile(pgRun.beats, 99) / sqliteP99) : null,
    pg_dashboard_ms: pgRun ? round(Math.min(...pgRun.dash.slice(1))) : null,
    pg_dashboard_first_ms: pgRun ? round(pgRun.dash[0]!) : null,
    pg_peak_mb: pgRun ? mb(pgRun.peak) : null,
    ...(years > 0 ? historyFigures(years, run, pgRun) : {}),
  };
}

/** The officer views whose first answer after a restart `--years` measures; the year's view first, so that it pays the opening's checks (target ≤ 300 ms). */
const FIRST_VIEWS = ['year.view', 'progress.table', 'quiz.stats', 'essay.overview', 'grading.queue'] as const;

/** The figures of `--years`: each officer view's first answer after the restart (target ≤ 2 s) and memory (≤ 500 MB). */
function historyFigures(years: number, run: StudyRun, pgRun: StudyRun | null) {
  const f = run.first!;
  const views = FIRST_VIEWS;
  const out: Record<string, number | boolean | null> = { years, campaigns: years * HISTORY_MONTHS.length };
  for (const v of views) out[`first_${v.replace('.', '_')}_ms`] = round(f[v]!);
  out.first_max_ms = round(Math.max(...views.map((v) => f[v]!)));
  out.rss_after_first_mb = run.afterFirstMb;
  out.within_targets = out.first_max_ms <= 2000 && run.peak / 1024 / 1024 <= 500 && f['year.view']! <= 300;
  // campaign switching: each call's first answer after the switch (target ≤ 300 ms each)
  const switchFigures = (prefix: string, ss: Switch[]) => {
    for (const sw of ss) for (const c of SWITCH_CALLS) out[`${prefix}switch_${sw.to}_${c.replace('.', '_')}_ms`] = round(sw.ms[c]);
    out[`${prefix}switch_max_ms`] = round(Math.max(...ss.flatMap((sw) => SWITCH_CALLS.map((c) => sw.ms[c]))));
  };
  switchFigures('', run.switches!);
  if (pgRun?.first) {
    for (const v of views) out[`pg_first_${v.replace('.', '_')}_ms`] = round(pgRun.first[v]!);
    out.pg_rss_after_first_mb = pgRun.afterFirstMb;
    switchFigures('pg_', pgRun.switches!);
  }
  out.switch_within_target = (out.switch_max_ms as number) <= 300 && (out.pg_switch_max_ms === undefined || (out.pg_switch_max_ms as number) <= 300);
  return out;
}

/** Phase 2 of the study bench, in its own process: heartbeats of 300 people, then the dashboard. */
async function benchStudyRun(dir: string, campaignId: string, db?: string, history = false) {
  const { openApp } = await import('../../electron/main/app');
  const { dispatch } = await import('../../electron/main/transport/dispatch');
  const app = openApp({ dataDir: dir, ...(db ? { db } : {}) });
  let t = Date.parse(history ? '2026-09-12T01:00:00Z' : '2024-09-06T01:00:00Z');
  const ports = { ...app, clock: { now: () => t }, random: () => 0.5 };
  peakRss = process.memoryUsage().rss;
  console.log(`[bench] after start-up: RSS ${mb(process.memoryUsage().rss)} MB, heap ${mb(process.memoryUsage().heapUsed)} MB`);
  // with history: an officer's first look after the restart, before anyone studies
  let first: Record<string, number> | null = null;
  let switches: Switch[] | null = null;
  let afterFirstMb: number | null = null;
  if (history) {
    first = {};
    const officer = await ports.sessions.create('admin');
    for (const view of FIRST_VIEWS) {
      const t0 = performance.now();
      // the year's view is of the newest campaign's year, over all 15 campaigns
      const r = await dispatch(ports, view, view === 'year.view' ? { year: '2026' } : { campaignId }, officer);
      first[view] = performance.now() - t0;
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      sample();
      console.log(`[bench] first ${view}: ${round(first[view]!)} ms; RSS ${mb(process.memoryUsage().rss)} MB, heap ${mb(process.memoryUsage().heapUsed)} MB`);
    }
    switches = await switchCampaigns(ports, officer, campaignId, sample);
    afterFirstMb = mb(process.memoryUsage().rss);
  }
  const tokens: string[] = [];
  const sessions: string[] = [];
  for (let i = 0; i < 300; i++) {
    const token = await ports.sessions.create(`B${i}`);
    const r = await dispatch(ports, 'study.start', { campaignId, docId: 'gb-30871-2022' }, token);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    tokens.push(token);
    sessions.push((r.value as { sessionId: string }).sessionId);
  }
  const beats: number[] = [];
  for (let n = 0; n < 3000; n++) {
    const i = n % 300;
    if (i === 0) t += 15_000;
    const t0 = performance.now();
    const r = await dispatch(ports, 'study.beat', { sessionId: sessions[i], visible: true, focused: true, interacted: true }, tokens[i]!);
    beats.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    if (n % 50 === 0) sample();
  }
  beats.sort((a, b) => a - b);
  console.log(`[bench] after heartbeats: RSS ${mb(process.memoryUsage().rss)} MB, heap ${mb(process.memoryUsage().heapUsed)} MB`);
  const officer = await ports.sessions.create('admin');
  const dash: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const r = await dispatch(ports, 'progress.table', { campaignId }, officer);
    if (k === 0) console.log(`[bench] after the first dashboard: RSS ${mb(process.memoryUsage().rss)} MB, heap ${mb(process.memoryUsage().heapUsed)} MB`);
    dash.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    sample();
  }
  console.log(
    `[bench] ${db ? 'PostgreSQL' : 'lowdb'} heartbeats p50 ${round(beats[1500]!)} ms, p99 ${round(percentile(beats, 99))} ms; dashboard first ${round(dash[0]!)} ms, then ${round(Math.min(...dash.slice(1)))} ms; peak RSS ${mb(peakRss)} MB`,
  );
  await ports.store.close();
  return { beats, dash, peak: peakRss, first, switches, afterFirstMb };
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  let result: object;
  if (name === 'search') result = await benchSearch();
  else if (name === 'study') result = await benchStudy(args);
  else if (name === 'study-run') result = await benchStudyRun(args[0]!, args[1]!, args[2] || undefined, args[3] === 'history');
  else if (name === 'pdf') result = await (await import('./pdf')).benchPdf(args, longPdf);
  else if (name === 'essays') {
    const sentences = sourceTexts()
      .flatMap((s) => s.text.replace(/[#>*|\-\s]+/g, '').split(/(?<=[。；！？])/))
      .filter((s) => s.length >= 8);
    const rss0 = process.memoryUsage().rss;
    peakRss = rss0;
    const r = benchEssays(sentences, rng(6), sample);
    result = {
      bench: 'essays',
      essays: 3000,
      seconds: round(r.seconds),
      worst_case_s: round(r.worstSeconds),
      flagged: r.flagged,
      naive_300_s: round(r.naiveSeconds),
      naive_3000_est_s: round(r.naiveEstimate, 0),
      ratio: round(r.seconds / r.naiveEstimate, 4),
      agree: r.agree,
      base_mb: mb(r.base),
      peak_mb: mb(r.peak),
    };
  } else if (name === 'archive') {
    const r = await benchArchive(sample, args[0] ? Number(args[0]) : 3000);
    result = {
      bench: 'archive',
      people: r.people,
      seconds: round(r.seconds, 1),
      people_per_s: round(r.perS, 1),
      chromium_people_per_s: round(r.chromiumPerS, 1),
      ratio: round(r.perS / r.chromiumPerS),
      base_mb: mb(r.base),
      peak_mb: mb(r.peak),
    };
  } else if (name === 'pdf-memory') {
    const { benchPdfMemory } = await import('./pdf-memory');
    result = await benchPdfMemory(args);
  } else if (name === 'upload') {
    result = await (await import('./upload')).benchUpload(args);
  } else if (name === 'server') {
    const { benchServer } = await import('./server');
    // `--backend lowdb|postgres`: only that one
    const at = args.indexOf('--backend');
    const backends = at >= 0 ? ([args[at + 1]] as ('lowdb' | 'postgres')[]) : undefined;
    if (backends && !['lowdb', 'postgres'].includes(backends[0]!)) throw new Error('--backend takes lowdb or postgres');
    const sizes = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1)).map(Number);
    const { runs } = await benchServer(sizes.length ? sizes : [200, 1000, 3000], backends);
    // the headline: 1,000 learners on PostgreSQL with two processes, when that ran
    const head = runs.find((r) => r.backend === 'postgres' && r.learners === 1000) ?? runs[runs.length - 1]!;
    result = { bench: 'server', ...head, runs };
  } else {
    console.error(
      'usage: npm run bench -- search | pdf [FILE… | --long] [--engine pdfium|pdfjs|both] [--runs N] | pdf-memory [FILE] | study [--years N] | essays | archive [PEOPLE] | server [LEARNERS…] [--backend lowdb|postgres] | upload [MB]',
    );
    process.exit(2);
  }
  clearInterval(sampler);
  console.log(JSON.stringify(result));
}
void main();

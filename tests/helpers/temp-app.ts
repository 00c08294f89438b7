// A real app on a temporary data folder (real lowdb files), with a clock the test moves by hand.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { inject } from 'vitest';
import { openStore, type StoreOptions } from '../../electron/main/app';
import type { Store } from '../../electron/main/storage/store';
import type { PersonFile } from '../../electron/records/person';
import { applyLine } from '../../electron/main/storage/lowdb/person-doc';
import { journalFiles, readJournals } from '../../electron/main/storage/lowdb/study-journal';
import { defaultContentDir, loadContent } from '../../electron/main/services/corpus/corpus';
import type { Clock, Ports } from '../../electron/main/services/ports';
import { newRuntime } from '../../electron/main/services/runtime';
import { nodeFiles } from '../../electron/main/files';
import { dispatch } from '../../electron/main/transport/dispatch';
import type { CallName, Input, Output } from '../../electron/shared/api';

export class ManualClock implements Clock {
  constructor(public t = Date.parse('2024-09-06T01:00:00Z')) {}
  now() {
    return this.t;
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export interface TempApp {
  dir: string;
  ports: Ports;
  clock: ManualClock;
  call<K extends CallName>(name: K, input: Input<K>, token?: string | null): Promise<Output<K>>;
  /** the raw outcome, for tests of refusals */
  raw(name: string, input: unknown, token?: string | null): ReturnType<typeof dispatch>;
  close(): void;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** the throwaway PostgreSQL cluster of the "pg" project; '' in the others */
    pgUrl: string;
  }
}

export function tempDir(prefix = 'anxue-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Which backend these tests run on: the vitest project "pg" runs the service suites on PostgreSQL
 * (a throwaway cluster its global set-up started), the others on lowdb files.
 */
export const onPostgres = Boolean(inject('pgUrl'));

/** For a describe.skipIf: true on PostgreSQL, saying once why (a test of lowdb files themselves). */
export function lowdbFilesOnly(what: string): boolean {
  if (onPostgres) console.log(`[pg] not on PostgreSQL: ${what} — a test of lowdb files; the PostgreSQL rows have their own in tests/pg`);
  return onPostgres;
}

/** The records of a test app: lowdb files in `dir`, or on PostgreSQL a schema of its own named after `dir` (so reopening `dir` finds them again). */
export function storeOptions(dir: string): StoreOptions {
  if (!onPostgres) return { dataDir: dir };
  // end-to-end on PostgreSQL: the database of this file, which the `anxue` processes use too
  if (process.env.ANXUE_DB) return { dataDir: dir, db: process.env.ANXUE_DB };
  return { dataDir: dir, db: inject('pgUrl'), schema: `t_${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 20)}` };
}

export function testStore(dir: string) {
  return openStore(storeOptions(dir));
}

/**
 * What is kept, as another process would find it: the file on disk (lowdb), or the rows read
 * through a new connection (PostgreSQL) — never this app's memory. As loose as JSON.parse: the
 * tests look into what was kept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function stored(dir: string, file: string, read: (s: Store) => Promise<unknown>): Promise<any> {
  if (!onPostgres) {
    const kept = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as PersonFile & { $seal?: string };
    // the seal is not data (storage/lowdb/seal.ts)
    delete kept.$seal;
    // a person file with the study journal's newer lines applied, as the next opening would
    const line = file.startsWith('people/') ? readJournals(journalFiles(dir)).lines.get(kept.employeeNo) : undefined;
    return line ? applyLine(kept, line) : kept;
  }
  const { store } = testStore(dir);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}
export const storedPerson = (dir: string, no: string) => stored(dir, `people/${no}.json`, (s) => s.person(no).read());
export const storedDrafts = (dir: string, no: string) => stored(dir, `essays/${no}.json`, (s) => s.essayDrafts(no).read());

export function makeApp(dir = tempDir(), where: StoreOptions = storeOptions(dir)): TempApp {
  const clock = new ManualClock();
  const { store, sessions } = openStore(where);
  // attention checks fall due after exactly the minimum interval: tests stay deterministic
  const ports: Ports = { store, clock, files: nodeFiles, content: loadContent(nodeFiles, defaultContentDir()), sessions, clockSpeed: 1, random: () => 0, runtime: newRuntime() };
  return {
    dir,
    ports,
    clock,
    async call(name, input, token = null) {
      const r = await dispatch(ports, name, input, token);
      if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code}: ${r.error.message}`), { body: r.error });
      return r.value as never;
    },
    raw: (name, input, token = null) => dispatch(ports, name, input, token),
    close() {
      // as an app made by openApp closes: its timers first, then its store
      ports.runtime.stopTimers();
      void store.close();
    },
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

export const ROSTER_CSV = [
  '工号,姓名,部门/车间,班组,岗位,人员类别,班子成员',
  'E001,测试甲,甲醇车间,合成一班,操作工,其他从业人员,否',
  'E002,测试乙,甲醇车间,合成二班,班长,特种作业人员,否',
  'E003,测试丙,储运车间,罐区班,操作工,其他从业人员,否',
  'M001,测试经理,公司领导,,总经理,主要负责人,是',
].join('\n');

export function b64(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64');
}

/**
 * Set up an enterprise with an admin (also officer and archivist), a roster and a campaign.
 * Attention checks and shuffling are off unless asked for: the tests of other rules then need not
 * answer checks, and can answer by letter.
 */
export async function seeded(app: TempApp, opts: { attentionChecks?: boolean; shuffle?: boolean } = {}) {
  await app.call('setup.init', { enterprise: '测试化工（虚构）', adminNo: 'admin', adminName: '管理员', password: 'admin-pass-1' });
  const admin = (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
  const settings = await app.call('settings.get', {}, admin);
  await app.call('settings.save', { ...settings, attentionChecks: opts.attentionChecks ?? false }, admin);
  const imported = await app.call('roster.commit', { fileName: 'roster.csv', base64: b64(ROSTER_CSV) }, admin);
  const pw = (no: string) => imported.initialPasswords.find((p) => p.employeeNo === no)!.password;
  // the warning month as the 2024 notice dates it (the tests' clock is 2024-09-06): every test's records fall in it
  const template = await app.call('campaign.template', { kind: 'warning', start: '2024-09-01', past: true }, admin);
  // the template shuffles questions and options; tests that answer by letter turn that off
  const shuffle = opts.shuffle ?? false;
  // the paper the record tests were written against: the seven questions of the warning-month notes
  // (wm-01…wm-07, 100 points), fixed; the template's own paper drawn from every document is tested in content tests
  const paper = { mode: 'fixed' as const, questionIds: ['wm-01', 'wm-02', 'wm-03', 'wm-04', 'wm-05', 'wm-06', 'wm-07'], rules: [] };
  const campaign = await app.call('campaign.save', { ...template, quiz: { ...template.quiz, ...paper, shuffleQuestions: shuffle, shuffleOptions: shuffle } }, admin);
  const login = async (no: string) => (await app.call('auth.login', { employeeNo: no, password: pw(no) })).token;
  return { admin, campaign, pw, login, imported };
}

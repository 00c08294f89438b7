import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { pgBinDir } from './tests/helpers/pg';

/**
 * The service, role-matrix and end-to-end suites that run a second time on PostgreSQL (the
 * project "pg"). Without PostgreSQL installed they are left out with one line each saying so;
 * under CI=true a missing PostgreSQL is a failure.
 */
const ON_POSTGRES = [
  'tests/pg/**/*.test.ts',
  'tests/main/training-loop.test.ts',
  'tests/main/role-matrix.test.ts',
  'tests/main/upload-http.test.ts',
  'tests/main/login-guard.test.ts',
  'tests/main/collective.test.ts',
  'tests/main/discussion.test.ts',
  'tests/main/essays.test.ts',
  'tests/main/quiz-papers.test.ts',
  'tests/main/quiz-stats.test.ts',
  'tests/main/progress.test.ts',
  'tests/main/study-rules.test.ts',
  'tests/main/backup.test.ts',
  'tests/main/merge.test.ts',
  'tests/main/plan.test.ts',
  'tests/main/report.test.ts',
  'tests/main/inspection.test.ts',
  'tests/main/summary.test.ts',
  'tests/main/practice.test.ts',
  'tests/main/import-formats.test.ts',
  'tests/main/campaigns-side-by-side.test.ts',
  'tests/main/induction.test.ts',
  'tests/main/year-view.test.ts',
  'tests/main/hired-on.test.ts',
  'tests/main/on-roster.test.ts',
];
/**
 * The seal keys of the test's data folders (electron/main/storage/lowdb/seal.ts) in a key store of this
 * run, not the user's own config folder; every test process and every `anxue` process a test
 * starts inherits it.
 */
if (!process.env.ANXUE_KEYSTORE) {
  const keys = mkdtempSync(path.join(os.tmpdir(), 'anxue-test-keys-'));
  process.env.ANXUE_KEYSTORE = keys;
  process.once('exit', () => rmSync(keys, { recursive: true, force: true }));
}

/**
 * Timeouts are a safety net against a hang, never a speed limit: a test's verdict must not depend
 * on how busy the machine is (CI shares its two cores; .ci/run is checked with both kept busy).
 */
const TEST_TIMEOUT = 600_000;
const E2E_TIMEOUT = 900_000;
/** expect.poll waits for the page (1 s by default): as long as a busy machine may need */
const POLL = { poll: { timeout: 120_000 } };

const havePg = pgBinDir() !== null;
if (!havePg) {
  if (process.env.CI === 'true') throw new Error('CI=true but PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): the PostgreSQL suites cannot run');
  for (const f of [...ON_POSTGRES, 'tests/e2e/**/*.test.ts']) console.log(`[pg] skipped ${f} on PostgreSQL: PostgreSQL is not installed here (apt-get install postgresql)`);
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/content/**/*.test.ts', 'tests/structure/**/*.test.ts'],
          testTimeout: TEST_TIMEOUT,
          hookTimeout: TEST_TIMEOUT,
          expect: POLL,
        },
      },
      ...(havePg ? [{ test: { name: 'pg', environment: 'node', include: ON_POSTGRES, globalSetup: ['tests/helpers/pg-global-setup.ts'], testTimeout: TEST_TIMEOUT, hookTimeout: TEST_TIMEOUT } }] : []),
      {
        plugins: [react()],
        test: { name: 'renderer', environment: 'jsdom', include: ['tests/renderer/**/*.test.{ts,tsx}'], testTimeout: TEST_TIMEOUT, hookTimeout: TEST_TIMEOUT },
      },
      {
        test: { name: 'e2e', environment: 'node', include: ['tests/e2e/**/*.test.ts'], testTimeout: E2E_TIMEOUT, hookTimeout: E2E_TIMEOUT, expect: POLL, fileParallelism: false },
      },
      ...(havePg
        ? [
            {
              test: {
                name: 'e2e-pg',
                environment: 'node',
                include: ['tests/e2e/**/*.test.ts'],
                globalSetup: ['tests/helpers/pg-global-setup.ts'],
                setupFiles: ['tests/helpers/pg-e2e-setup.ts'],
                testTimeout: E2E_TIMEOUT,
                hookTimeout: E2E_TIMEOUT,
                expect: POLL,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});

// The layer zones of eslint.config.js bite: an import across a layer's edge is reported, one inside
// it is not. Each case lints a line of code as if it were the given file (ESLint's lintText; the
// file need not exist). The lint tools live in tools/lint, installed by `npm ci --prefix tools/lint`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Message = { ruleId: string | null; message: string; fatal?: boolean; severity: number };
type ESLintLike = { lintText(code: string, options: { filePath: string }): Promise<{ messages: Message[] }[]> };
type ESLintModule = { ESLint: new (options: { cwd: string }) => ESLintLike };

const ROOT = process.cwd();
let eslint: ESLintLike | undefined;

/** Loaded by each test, so that without tools/lint installed every one of them fails saying so (none is skipped). */
function getESLint(): ESLintLike {
  if (eslint) return eslint;
  const requireLint = createRequire(path.join(ROOT, 'tools/lint/package.json'));
  let mod: ESLintModule;
  try {
    mod = requireLint('eslint') as ESLintModule;
  } catch (e) {
    throw new Error(`the lint tools are not installed in tools/lint: run \`npm ci --prefix tools/lint\` (${String(e).split('\n')[0]})`);
  }
  return (eslint = new mod.ESLint({ cwd: ROOT }));
}

async function lint(code: string, filePath: string): Promise<Message[]> {
  const [result] = await getESLint().lintText(code, { filePath: path.join(ROOT, filePath) });
  const messages = result!.messages;
  // a parse error or an ignored file would read as "nothing reported": neither is allowed here
  expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
  return messages;
}

const rules = (messages: Message[]) => messages.map((m) => m.ruleId);

const REPORTED: [string, string, string][] = [
  // [what, file, code]
  ['electron in a service', 'electron/main/services/x.ts', "import { app } from 'electron';"],
  ['the lowdb store in a service', 'electron/main/services/x.ts', "import { DataStore } from '../storage/lowdb/data-store';"],
  ['the seal internals in a service', 'electron/main/services/x.ts', "export { SealError } from '../storage/lowdb/seal';"],
  ['the PostgreSQL store in a service', 'electron/main/services/x.ts', "import { PgStore } from '../storage/postgres';"],
  ['pg in a service', 'electron/main/services/x.ts', "import pg from 'pg';"],
  ['node:fs in a service', 'electron/main/services/archive/x.ts', "import { readFileSync } from 'node:fs';"],
  ['fs/promises in a service', 'electron/main/services/x.ts', "import { readFile } from 'fs/promises';"],
  ["storage's atomic writer in a service", 'electron/main/services/corpus/x.ts', "import { writeFileAtomic } from '../../storage/durable-json-file';"],
  ['electron in a service that may use node:fs', 'electron/main/services/render/pdf.ts', "import { app } from 'electron';"],
  ['main/ from the renderer', 'renderer/x.tsx', "import '../../electron/main/services/auth';"],
  ['records/ from the renderer', 'renderer/features/x/Y.tsx', "import type { AuditEntry } from '../../../electron/records/shared-docs';"],
  ['node: from the renderer', 'renderer/x.tsx', "import { readFileSync } from 'node:fs';"],
  ['electron from the renderer', 'renderer/x.tsx', "import { ipcRenderer } from 'electron';"],
  ['main/ from core', 'electron/core/x.ts', "import { log } from '../main/log';"],
  ['shared/ from core', 'electron/core/x.ts', "import type { Api } from '../shared/api';"],
  ['records/ from core', 'electron/core/x.ts', "import { x } from '../records/events';"],
  ['react in core', 'electron/core/x.ts', "import { useState } from 'react';"],
  ['a node: built-in in core', 'electron/core/x.ts', "import { createHash } from 'node:crypto';"],
  ['main/ from records', 'electron/records/x.ts', "import { x } from '../main/services/auth';"],
  ['shared/ from records', 'electron/records/x.ts', "import type { Api } from '../shared/api';"],
  ['node:fs in records', 'electron/records/x.ts', "import { readFile } from 'node:fs/promises';"],
  ['lowdb in records', 'electron/records/x.ts', "import { Low } from 'lowdb';"],
  ['main/ from shared', 'electron/shared/calls/x.ts', "import { x } from '../../main/services/auth';"],
  ['records/ from shared', 'electron/shared/x.ts', "import { x } from '../records/events';"],
  ['a node: built-in in shared', 'electron/shared/x.ts', "import path from 'node:path';"],
  ['a bare built-in in shared', 'electron/shared/x.ts', "import path from 'path';"],
  ['services from storage', 'electron/main/storage/x.ts', "import { x } from '../services/auth';"],
  ['shared from storage', 'electron/main/storage/lowdb/x.ts', "import type { Api } from '../../../shared/api';"],
  ['transport from storage', 'electron/main/storage/x.ts', "import { x } from '../transport/http';"],
  ['electron in storage', 'electron/main/storage/x.ts', "import { safeStorage } from 'electron';"],
  ['electron in transport', 'electron/main/transport/x.ts', "import { app } from 'electron';"],
  ['electron in the CLI', 'electron/main/cli/x.ts', "import { app } from 'electron';"],
  ['electron in a test', 'tests/main/x.test.ts', "import { app } from 'electron';"],
];

const ALLOWED: [string, string, string][] = [
  ['electron in main/index.ts', 'electron/main/index.ts', "import { app } from 'electron';"],
  ['electron in platform/', 'electron/main/platform/x.ts', "import { app } from 'electron';"],
  ['electron in the preload', 'electron/preload/index.ts', "import { contextBridge } from 'electron';"],
  ['zod in core', 'electron/core/x.ts', "import { z } from 'zod';"],
  ['a ./ file in core', 'electron/core/x.ts', "import type { Question } from './model';"],
  ['core from records', 'electron/records/x.ts', "import type { Question } from '../core/model';"],
  ['node:crypto in records', 'electron/records/x.ts', "import { createHash } from 'node:crypto';"],
  ['core from shared', 'electron/shared/views/x.ts', "import type { Question } from '../../core/model';"],
  ['storage/store in a service', 'electron/main/services/x.ts', "import { openStore } from '../storage/store';"],
  ['records/ in a service', 'electron/main/services/x.ts', "import { x } from '../../records/events';"],
  ['the files port in a service', 'electron/main/services/x.ts', "import type { Files } from './ports';"],
  ['node:fs for the fonts in render/pdf.ts', 'electron/main/services/render/pdf.ts', "import { readFileSync } from 'node:fs';"],
  ['node:fs for /proc in corpus/pdf-reader.ts', 'electron/main/services/corpus/pdf-reader.ts', "import { readFileSync } from 'node:fs';"],
  ['node:fs in the files port of Node', 'electron/main/files.ts', "import { readFileSync } from 'node:fs';"],
  ['shared/ from the renderer', 'renderer/features/x/Y.tsx', "import type { Api } from '../../../electron/shared/api';"],
  ['core from the renderer', 'renderer/lib/x.ts', "import type { Question } from '../../electron/core/model';"],
  ['records/ from storage', 'electron/main/storage/x.ts', "import { x } from '../../records/events';"],
];

// import('…').T types and dynamic import('…') slip past no-restricted-imports: no-restricted-syntax catches them
const REPORTED_SYNTAX: [string, string, string][] = [
  ['an import() type of the data store in a service', 'electron/main/services/x.ts', "export type S = import('../storage/lowdb/data-store').DataStore;"],
  ['a typeof import() of electron in a service', 'electron/main/services/x.ts', "export type E = typeof import('electron');"],
  ['a dynamic import of the PostgreSQL store in a service', 'electron/main/services/x.ts', "export const load = () => import('../storage/postgres');"],
  ['a dynamic import of node:fs in a service', 'electron/main/services/x.ts', "export const load = () => import('node:fs');"],
  ['an import() type of main/ in the renderer', 'renderer/x.tsx', "export type A = import('../electron/main/services/auth').Auth;"],
  ['an import() type of main/ in core', 'electron/core/x.ts', "export type L = import('../main/log').Log;"],
];
const ALLOWED_SYNTAX: [string, string, string][] = [
  ['an import() type of storage/store in a service', 'electron/main/services/x.ts', "export type S = import('../storage/store').Store;"],
  ['a dynamic import of a package in a service', 'electron/main/services/x.ts', "export const load = () => import('exceljs');"],
  ['an import() type of ./ in core', 'electron/core/x.ts', "export type Q = import('./model').Question;"],
];

/** The cases whose rules found are not `want`, each named: one failure lists every case that is wrong. */
async function wrong(cases: [string, string, string][], want: (found: (string | null)[]) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const [what, file, code] of cases) {
    const found = rules(await lint(code, file));
    if (!want(found)) out.push(`${what} (${file}): ${JSON.stringify(found)}`);
  }
  return out;
}

describe('layer zones (eslint.config.js)', () => {
  it('reports every import that crosses a layer, each under its zone', async () => {
    expect(await wrong(REPORTED, (f) => f.includes('no-restricted-imports'))).toEqual([]);
    expect(await wrong(REPORTED_SYNTAX, (f) => f.length === 1 && f[0] === 'no-restricted-syntax')).toEqual([]);
    const [m] = await lint("import { app } from 'electron';", 'electron/main/services/x.ts');
    expect(m!.message).toContain('[zone electron/main/services]');
  });

  it('allows the imports each layer may make', async () => {
    expect(await wrong([...ALLOWED, ...ALLOWED_SYNTAX], (f) => f.length === 0)).toEqual([]);
  });
});

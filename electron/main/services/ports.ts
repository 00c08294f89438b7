import { randomInt } from 'node:crypto';
// What every service is given. Nothing here imports electron.
import type { Account } from '../../records/shared-docs';
import type { SessionTable, Store } from '../storage/store';
import type { ContentCatalog } from './corpus/content-catalog';
import type { Files } from './files-port';
import type { Runtime } from './runtime';
import type { UploadPurpose } from '../../shared/calls/upload';

export type { Files } from './files-port';

export interface Clock {
  /** monotonic milliseconds, anchored to the epoch at start: never jumps when the wall clock is changed */
  now(): number;
}

export interface Ports {
  store: Store;
  clock: Clock;
  /** the disk (files-port.ts) */
  files: Files;
  content: ContentCatalog;
  sessions: SessionTable;
  /** how much faster than real time the clock runs: 1 in production; only tests start it otherwise */
  clockSpeed: number;
  /** a number in [0, 1) for the timing of attention checks (crypto-random; tests pass their own) */
  random: () => number;
  /**
   * The one-time code a LAN server prints at start while it is not set up: first-run setup from
   * another PC must give it (from the server PC itself it is not needed). Null when not serving.
   */
  setupCode?: string | null;
  /** the desktop app's open dialog (main/platform/file-dialog.ts): a file on this PC, or null when the person closed it; absent on a server */
  desktop?: { chooseFile(purpose: UploadPurpose): Promise<string | null> };
  /** what this app keeps in memory while it runs (caches, imports being read, the unlocked signing key, timers): its own, never another app's */
  runtime: Runtime;
}

/** Where a call comes from: the desktop app (IPC), or a browser's address as the server saw it. */
export interface ClientInfo {
  /** 'local' for the desktop app; otherwise the remote IP address (IPv4-mapped IPv6 unwrapped) */
  address: string;
  /** the server PC itself: the desktop app, or 127.0.0.0/8 and ::1 */
  loopback: boolean;
  /** the language the caller's screen is in: working files made for them (学时台账, 成绩单, 问题台账) are in it */
  lang?: Lang;
}
export const LOCAL_CLIENT: ClientInfo = { address: 'local', loopback: true };

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
/** A language named by a caller: one of ours, else Chinese (the default). */
export function langOf(v: unknown): Lang {
  return v === 'en-US' ? 'en-US' : 'zh-CN';
}

export function cryptoRandom(): number {
  return randomInt(1_000_000_000) / 1_000_000_000;
}

export interface Caller {
  account: Account | null;
  token: string | null;
  client: ClientInfo;
}

/** Who is signed in: in this process's memory (desktop, one lowdb server) or in the database (PostgreSQL, shared by every server process). */

/** Production clock: wall time at start + performance.now() since, so system-time changes do not move it. */
export function monotonicClock(speed = 1): Clock {
  const t0 = Date.now();
  const p0 = performance.now();
  return { now: () => Math.round(t0 + (performance.now() - p0) * speed) };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

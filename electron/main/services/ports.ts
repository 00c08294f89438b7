import { randomInt } from 'node:crypto';
// What every service is given. Nothing here imports electron.
import type { DataStore, Account } from '../storage/data-store';
import type { ContentCatalog } from './corpus';

export interface Clock {
  /** monotonic milliseconds, anchored to the epoch at start: never jumps when the wall clock is changed */
  now(): number;
}

export interface Ports {
  store: DataStore;
  clock: Clock;
  content: ContentCatalog;
  sessions: SessionTable;
  /** how much faster than real time the clock runs: 1 in production; only tests start it otherwise */
  clockSpeed: number;
  /** a number in [0, 1) for the timing of attention checks (crypto-random; tests pass their own) */
  random: () => number;
}

export function cryptoRandom(): number {
  return randomInt(1_000_000_000) / 1_000_000_000;
}

export interface Caller {
  account: Account | null;
  token: string | null;
}

export interface SessionTable {
  create(employeeNo: string): string;
  resolve(token: string | null): string | null;
  drop(token: string): void;
  dropAllFor(employeeNo: string): void;
}

/** Production clock: wall time at start + performance.now() since, so system-time changes do not move it. */
export function monotonicClock(speed = 1): Clock {
  const t0 = Date.now();
  const p0 = performance.now();
  return { now: () => Math.round(t0 + (performance.now() - p0) * speed) };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

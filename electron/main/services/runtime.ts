// What one app keeps in memory while it runs, beside its records: caches, the imports being read,
// the unlocked signing key, and its timers. openApp (main/app.ts) makes one per app and services
// reach it as ports.runtime, so two apps in one process (the tests, two servers on one database)
// never share any of it, and closing an app stops its timers.
import type { Hash, KeyObject } from 'node:crypto';
import type { Question } from '../../core/model';
import type { SimilarityResult } from '../../core/similarity';
import type { ImportJobView, ImportPreview } from '../../shared/api';
import type { CorpusIndex } from './corpus/search-index';
import type { Extracted } from './corpus/text-extract';

/** A file read and checked for import (corpus-import.ts), not yet written. */
export interface ExaminedFile {
  fileName: string;
  bytes: Uint8Array;
  x: Extracted;
  sha256: string;
  preview: ImportPreview;
}

/** An import being read (corpus-import.ts): its progress, then the checked file until it is committed. */
export interface ImportJob {
  id: string;
  state: ImportJobView['state'];
  done: number;
  total: number;
  queued: number | null;
  controller: AbortController;
  result?: ExaminedFile;
  error?: string;
  createdAt: number;
}

/**
 * An upload's sha256 as far as its bytes on disk go (upload/upload.ts). Node's hash state cannot be
 * saved, so it lives here; after a restart (or on another server of the same database) it is made
 * again from the partial file, once.
 */
export interface UploadHash {
  hash: Hash;
  /** the bytes hashed: the upload's `received` when this is current */
  at: number;
  /** a chunk or the finish is at work on the file */
  busy: boolean;
  /** cancelled while busy: the chunk at work writes nothing more */
  cancelled: boolean;
}

/** A campaign's copy check (essay-review.ts), kept until an essay's latest version or a source changes. */
export interface CopyCheck {
  key: string;
  results: Map<string, SimilarityResult>;
  labels: Map<string, string>;
}

export interface Runtime {
  /** the search index of this app's documents (corpus-import.ts): loaded or built once; null until asked for, or after its making failed */
  searchIndex: Promise<CorpusIndex> | null;
  /** imports being read or waiting to be committed, by job id (corpus-import.ts) */
  importJobs: Map<string, ImportJob>;
  /** the uploads being received, by upload id (upload/upload.ts) */
  uploads: Map<string, UploadHash>;
  /** each campaign's last copy check, by campaign id (essay-review.ts) */
  copyChecks: Map<string, CopyCheck>;
  /** the bank's versions by digest, per state of the bank: the questions file as read (question-versions.ts) */
  questionVersions: WeakMap<object, Map<string, Question>>;
  /** the enterprise's private key once an admin's sign-in unlocked it; null until then (signing.ts) */
  signingKey: KeyObject | null;
  /** how many password checks this app ran (auth.ts; the login-limit tests count them) */
  passwordChecks: number;
  /** Run `fn` once, `ms` from now; another call with the same key before then starts the wait again. */
  soon(key: string, ms: number, fn: () => void): void;
  /** Run `fn` every `ms`, until the stop returned is called or the app is closed. */
  every(ms: number, fn: () => void): () => void;
  /** Stop every timer, and start none from now on: the app is closing. */
  stopTimers(): void;
}

/** A runtime of its own, for each app openApp makes and each test that builds its ports by hand. */
export function newRuntime(): Runtime {
  const waiting = new Map<string, NodeJS.Timeout>();
  const repeating = new Set<NodeJS.Timeout>();
  let stopped = false;
  return {
    searchIndex: null,
    importJobs: new Map(),
    uploads: new Map(),
    copyChecks: new Map(),
    questionVersions: new WeakMap(),
    signingKey: null,
    passwordChecks: 0,
    soon(key, ms, fn) {
      clearTimeout(waiting.get(key));
      waiting.delete(key);
      if (stopped) return;
      const t = setTimeout(() => {
        waiting.delete(key);
        fn();
      }, ms);
      // never what keeps the process alive: a server ends with its requests, a command with its work
      t.unref();
      waiting.set(key, t);
    },
    every(ms, fn) {
      if (stopped) return () => undefined;
      const t = setInterval(fn, ms);
      t.unref();
      repeating.add(t);
      return () => {
        clearInterval(t);
        repeating.delete(t);
      };
    },
    stopTimers() {
      stopped = true;
      for (const t of waiting.values()) clearTimeout(t);
      waiting.clear();
      for (const t of repeating) clearInterval(t);
      repeating.clear();
    },
  };
}

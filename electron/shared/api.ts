// THE contract. Every call the renderer can make: its input schema, its output type, and the roles
// that may make it. Transports (IPC, HTTP) and the preload are derived from this object; channel
// names appear nowhere else. The calls are written by area in calls/, the views they answer with
// in views/; this file joins them and is what everything else imports.
import type { MessageKey, MessageParams } from './messages';
import type { z } from 'zod';
import type { Role } from '../core/model';
import { DEFAULT_MAX_BODY, type Access } from './calls/common';
import { accountCalls } from './calls/accounts';
import { corpusCalls } from './calls/corpus';
import { bankCalls, quizCalls } from './calls/quiz';
import { bankDraftCalls } from './calls/drafts';
import { campaignCalls } from './calls/campaign';
import { collectiveCalls, studyCalls } from './calls/study';
import { practiceCalls } from './calls/practice';
import { essayCalls } from './calls/essay';
import { gradingCalls } from './calls/grading';
import { progressCalls } from './calls/progress';
import { archiveCalls, archiveJobCalls } from './calls/archive';
import { planCalls } from './calls/plan';
import { reportCalls } from './calls/report';
import { inspectionCalls } from './calls/inspection';
import { summaryCalls } from './calls/summary';
import { mergeCalls } from './calls/merge';
import { inductionCalls } from './calls/induction';
import { yearCalls } from './calls/year';
import { uploadCalls } from './calls/upload';

export { DEFAULT_MAX_BODY, type Access };
export type * from './views/accounts';
export type * from './views/archive';
export type * from './views/campaign';
export type * from './views/corpus';
export type * from './views/essay';
export type * from './views/grading';
export type * from './views/induction';
export type * from './views/inspection';
export type * from './views/merge';
export type * from './views/plan';
export type * from './views/practice';
export type * from './views/progress';
export type * from './views/quiz';
export type * from './views/drafts';
export type * from './views/report';
export type * from './views/study';
export type * from './views/summary';
export type * from './views/year';
export type * from './views/upload';

// The order of the calls is the order of the parts: keep it (a part that named a call another part
// names too would silently replace it; tests/structure/contract-parts.test.ts refuses that).
export const api = {
  ...accountCalls,
  ...corpusCalls,
  ...bankCalls,
  ...bankDraftCalls,
  ...campaignCalls,
  ...studyCalls,
  ...practiceCalls,
  ...collectiveCalls,
  ...quizCalls,
  ...essayCalls,
  ...gradingCalls,
  ...progressCalls,
  ...archiveCalls,
  ...planCalls,
  ...reportCalls,
  ...inspectionCalls,
  ...summaryCalls,
  ...mergeCalls,
  ...yearCalls,
  ...archiveJobCalls,
  ...inductionCalls,
  ...uploadCalls,
} as const;

export type Api = typeof api;
export type CallName = keyof Api;
export type Input<K extends CallName> = z.infer<Api[K]['input']>;
export type Output<K extends CallName> = NonNullable<Api[K]['output']>;
export const CALL_NAMES = Object.keys(api) as CallName[];

/** The typed client both transports give the renderer: one method per call. */
export type AnxueClient = { [K in CallName]: (input: Input<K>) => Promise<Output<K>> };

/**
 * Errors cross every transport in this one shape. `code` is stable (what kind of refusal); `key`
 * and `params` say what happened, in the message catalog (shared/messages), which the screen shows
 * in its language; `message` is the same in Chinese, for logs and older clients.
 */
export interface ApiErrorBody {
  /** disk_full: the server's disk (or database) has no room: nothing was changed, reads go on */
  code: 'bad_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'disk_full' | 'internal';
  key: MessageKey;
  params?: MessageParams;
  message: string;
  /** for bad_input: which field */
  field?: string;
  /** for rate_limited: when to try again */
  retryAfterSeconds?: number;
}

/** The largest body a call takes (public calls: see the HTTP transport's own, smaller limit). */
export function maxBodyOf(name: CallName): number {
  return (api[name] as { maxBytes?: number }).maxBytes ?? DEFAULT_MAX_BODY;
}

export function mayCall(access: Access, roles: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  return access.some((r) => roles.includes(r));
}

/** The HTTP path of a call; the only place that derives one. */
export function httpPath(name: CallName): string {
  return `/api/${name}`;
}
export function ipcChannel(name: CallName): string {
  return `anxue:${name}`;
}

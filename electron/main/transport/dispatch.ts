// The one path every call takes, whatever the transport: resolve the caller's session, check the
// role, validate input with the contract's schema, call the service. Admission (who may call
// this?) is a step of its own, so the HTTP transport can refuse a caller before it reads a body.
import { api, mayCall, type ApiErrorBody, type CallName } from '../../shared/api';
import { ruleOf, said } from '../../core/message';
import { cliLang, sayIn } from '../messages';
import { resolveCaller } from '../services/accounts/auth';
import { ApiError, SealError } from '../services/errors';
import type { MessageKey } from '../../shared/messages';
import { handlers } from '../services/index';
import { serverLog } from '../log';
import { LOCAL_CLIENT, type Caller, type ClientInfo, type Ports } from '../services/ports';

export type Failure = { ok: false; status: number; error: ApiErrorBody };
export type DispatchResult = { ok: true; value: unknown } | Failure;
export type Admitted = { ok: true; name: CallName; caller: Caller };

export const STATUS: Record<ApiErrorBody['code'], number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  // 507 Insufficient Storage (RFC 4918): the one answer that names the cause
  disk_full: 507,
  internal: 500,
};

/** The storage has no room: ENOSPC/EDQUOT from the file system, 53100 (disk_full) from PostgreSQL, anywhere in the cause chain. */
export function isDiskFull(e: unknown): boolean {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
  }
  return false;
}

/** One log line for a full disk, then at most one a minute counting the refusals meanwhile: a full disk must not fill the log too. */
const diskFullLog = { at: -Infinity, since: 0 };
function logDiskFull(context: string, e: unknown): void {
  const now = Date.now();
  if (now - diskFullLog.at < 60_000) {
    diskFullLog.since += 1;
    return;
  }
  const more = diskFullLog.since > 0 ? said('log.diskFullMore', { count: diskFullLog.since }) : '';
  serverLog.line(`[anxue] ${sayIn(cliLang(), said('log.diskFull', { context, why: e instanceof Error ? e.message : String(e), more }))}`);
  diskFullLog.at = now;
  diskFullLog.since = 0;
}

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/**
 * An error as the caller sees it. Anything but an ApiError is a fault of ours: logged in full with
 * a reference (the same error again is counted under the reference it was logged with, see ../log);
 * a caller on the server PC itself also gets the detail, anyone else the reference only.
 */
export function toFailure(e: unknown, context: string, reveal = false): Failure {
  if (e instanceof ApiError) return { ok: false, status: STATUS[e.code], error: e.toBody() };
  // the records' seals (storage/lowdb/seal.ts): a file changed outside the app, or the key not here yet — its own message
  if (e instanceof SealError) return { ok: false, status: STATUS.conflict, error: new ApiError('conflict', e.said.key as MessageKey, e.said.params).toBody() };
  if (isDiskFull(e)) {
    logDiskFull(context, e);
    return {
      ok: false,
      status: STATUS.disk_full,
      error: new ApiError('disk_full', 'transport.diskFull').toBody(),
    };
  }
  const ref = serverLog.error(context, e);
  const error = reveal ? new ApiError('internal', 'transport.internalDetail', { ref, detail: e instanceof Error ? e.message : String(e) }) : new ApiError('internal', 'transport.internal', { ref });
  return { ok: false, status: 500, error: error.toBody() };
}

/** What an account whose password an admin reset may call before it chooses its own. */
const UNTIL_CHANGED: ReadonlySet<CallName> = new Set(['auth.me', 'auth.logout', 'auth.changePassword', 'settings.get', 'setup.status']);

/** Is this a call, and may this caller make it? Nothing about the input is looked at yet. */
export async function admit(ports: Ports, name: string, token: string | null, client: ClientInfo = LOCAL_CLIENT): Promise<Admitted | Failure> {
  try {
    if (!isCallName(name)) throw new ApiError('not_found', 'transport.noCall', { name: name.slice(0, 80) });
    const spec = api[name];
    const caller = await resolveCaller(ports, token, client);
    if (spec.roles !== 'public') {
      if (!caller.account) throw new ApiError('unauthenticated', 'common.pleaseSignFirst');
      if (!mayCall(spec.roles, caller.account.roles)) throw new ApiError('forbidden', 'common.forbidden');
      // after an admin's reset: only choosing a new password (and who am I, sign out) until then
      if (caller.account.mustChangePassword && !UNTIL_CHANGED.has(name)) throw new ApiError('forbidden', 'transport.changeYourPasswordFirst');
    }
    return { ok: true, name, caller };
  } catch (e) {
    return toFailure(e, 'admission', client.loopback);
  }
}

/** Validate the input of an admitted call and run it. */
export async function run(ports: Ports, admitted: Admitted, raw: unknown): Promise<DispatchResult> {
  const { name, caller } = admitted;
  try {
    const parsed = api[name].input.safeParse(raw ?? {});
    // from here on only the validated input (an upload is not held twice while the call runs)
    raw = undefined;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // the rule's own words are ours (a key of the catalog) or zod's (English)
      const rule = ruleOf(issue);
      throw new ApiError('bad_input', issue.path.length > 0 ? 'transport.badField' : 'transport.badInput', { field: issue.path.join('.'), rule }, issue.path.join('.'));
    }
    const h = handlers[name] as (p: Ports, c: Caller, i: unknown) => Promise<unknown>;
    return { ok: true, value: await h(ports, caller, parsed.data) };
  } catch (e) {
    return toFailure(e, name, caller.client.loopback);
  }
}

/** Run fn as one call of the store (see Store.call). */
export function inCall<R>(ports: Ports, fn: () => Promise<R>): Promise<R> {
  return ports.store.call ? ports.store.call(fn) : fn();
}

export function dispatch(ports: Ports, name: string, raw: unknown, token: string | null, client: ClientInfo = LOCAL_CLIENT): Promise<DispatchResult> {
  return inCall(ports, async () => {
    const a = await admit(ports, name, token, client);
    return a.ok ? run(ports, a, raw) : a;
  });
}

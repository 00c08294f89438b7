// The one path every call takes, whatever the transport: validate input with the contract's
// schema, resolve the caller's session, check the role, call the service.
import { api, mayCall, type ApiErrorBody, type CallName } from '../../shared/api';
import { resolveCaller } from '../services/auth';
import { ApiError } from '../services/errors';
import { handlers } from '../services/index';
import type { Ports } from '../services/ports';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; status: number; error: ApiErrorBody };

const STATUS: Record<ApiErrorBody['code'], number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export async function dispatch(ports: Ports, name: string, raw: unknown, token: string | null): Promise<DispatchResult> {
  try {
    if (!isCallName(name)) throw new ApiError('not_found', `没有这个接口：${name}`);
    const spec = api[name];
    const caller = await resolveCaller(ports, token);
    if (spec.roles !== 'public') {
      if (!caller.account) throw new ApiError('unauthenticated', '请先登录');
      if (!mayCall(spec.roles, caller.account.roles)) throw new ApiError('forbidden', '没有权限执行此操作');
    }
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('bad_input', `${issue.path.join('.') || '输入'}：${issue.message}`, issue.path.join('.'));
    }
    const h = handlers[name] as (p: Ports, c: typeof caller, i: unknown) => Promise<unknown>;
    return { ok: true, value: await h(ports, caller, parsed.data) };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, status: STATUS[e.code], error: e.toBody() };
    console.error(`[anxue] ${name} failed:`, e);
    return { ok: false, status: 500, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}

// The shape of a handler, and what every area's slice of the handler map is typed against. A leaf:
// the areas import it, and index.ts joins their slices, so it must not import either.
import type { CallName, Input, Output } from '../../shared/api';
import type { Account } from '../../records/shared-docs';
import { ApiError } from './errors';
import type { Caller, Ports } from './ports';

export type Handler<K extends CallName> = (ports: Ports, caller: Caller, input: Input<K>) => Promise<Output<K>>;
export type Handlers = { [K in CallName]: Handler<K> };

/** The signed-in caller's account; the dispatcher has checked the roles, this only refuses no session. */
export function who(c: Caller): Account {
  if (!c.account) throw new ApiError('unauthenticated', 'common.pleaseSignFirst');
  return c.account;
}

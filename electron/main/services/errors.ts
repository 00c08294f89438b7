import type { ApiErrorBody } from '../../shared/api';
import type { Message, MessageKey, MessageParams } from '../../shared/messages';
import { sayIn } from '../messages';

/** An error the caller is told: a key of the message catalog and its values; `message` is its Chinese text (logs, older clients). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(sayIn('zh-CN', { key, params }));
  }
  toBody(): ApiErrorBody {
    return {
      code: this.code,
      key: this.key,
      ...(Object.keys(this.params).length > 0 ? { params: this.params } : {}),
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

export const badInput = (key: MessageKey, params?: MessageParams, field?: string) => new ApiError('bad_input', key, params, field);
export const notFound = (key: MessageKey, params?: MessageParams) => new ApiError('not_found', key, params);
export const forbidden = (key: MessageKey = 'common.forbidden', params?: MessageParams) => new ApiError('forbidden', key, params);
export const conflict = (key: MessageKey, params?: MessageParams) => new ApiError('conflict', key, params);
/** bad_input with a message core wrote (core cannot name the catalog's key type; the keys core names are checked by a test) */
export const badInputSaid = (m: Message, field?: string) => new ApiError('bad_input', m.key as MessageKey, m.params, field);

/** A record's seal that does not hold, or the seal key not here yet (storage/lowdb/seal.ts): answered as a conflict, in its own words. */
export { SealError } from '../storage/store';

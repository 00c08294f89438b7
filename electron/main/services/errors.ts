import type { ApiErrorBody } from '../../shared/api';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

export const badInput = (message: string, field?: string) => new ApiError('bad_input', message, field);
export const notFound = (message: string) => new ApiError('not_found', message);
export const forbidden = (message = '没有权限执行此操作 / you may not do this') => new ApiError('forbidden', message);
export const conflict = (message: string) => new ApiError('conflict', message);

/** A record's seal that does not hold, or the seal key not here yet (storage/lowdb/seal.ts): answered as a conflict, in its own words. */
export { SealError } from '../storage/store';

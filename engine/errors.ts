/**
 * The error taxonomy shared by the engine, the store and the API (n8n-style): user errors carry a
 * code the HTTP edge maps to a status (api/errors.ts); anything else is a bug and answers 500.
 *
 * @example
 * throw new AppError('conflict', 'Task already completed', [{ path: '/taskId', message: 'completed' }]);
 */
export type ErrorCode =
  | 'bad_request' // 400 malformed input
  | 'unauthorized' // 401 not logged in
  | 'forbidden' // 403 not allowed
  | 'not_found' // 404 unknown id
  | 'conflict' // 409 already done, stale version, taken
  | 'invalid' // 422 invalid data, with field paths
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415 a file type or body format we do not take
  | 'too_many_requests' // 429 slow down (with Retry-After)
  | 'unavailable'; // 503 transient (database down)

export interface ErrorDetail {
  path: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  /** Sent as `Retry-After` (seconds) with a 429 or 503. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    details?: ErrorDetail[],
    options?: { retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (what: string, id: string) => new AppError('not_found', `${what} ${id} not found`);
export const forbidden = (message = 'Not allowed') => new AppError('forbidden', message);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new AppError('conflict', message, details);
export const invalid = (message: string, details?: ErrorDetail[]) =>
  new AppError('invalid', message, details);

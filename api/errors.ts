/**
 * The HTTP edge of the error taxonomy (engine/errors.ts): one status table, one `onError`, one
 * not-found handler and the validation hook every route uses. Bodies are always
 * `{ error: { code, message, details? } }`.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, type ErrorCode, type ErrorDetail } from '../engine/errors.ts';
import { databaseUnavailable, mapDbError, sqlState } from '../engine/store/db-errors.ts';
import { toPointer } from '../forms/schema-utils.ts';
import type { AppEnv } from './context.ts';

/** HTTP status for each error code. */
export const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  too_many_requests: 429,
  unavailable: 503,
};

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = Object.fromEntries(
  Object.entries(STATUS_BY_CODE).map(([code, status]) => [status, code as ErrorCode]),
);

/** The JSON error body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

/** Builds the JSON error body. */
export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/**
 * Zod issues as `[{ path, message }]` with JSON-pointer paths (`/input/customer/mobile`, `''` for
 * the whole body), the one path syntax of every 422.
 *
 * @example
 * issuesToDetails(result.error.issues); // [{ path: '/pageSize', message: 'Too big: ...' }]
 */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: toPointer(issue.path.map((s) => (typeof s === 'number' ? s : String(s)))),
    message: issue.message,
  }));
}

/**
 * The validation hook for every OpenAPI route: a malformed path parameter means the resource
 * cannot exist (404); anything else invalid is 422 with JSON-pointer field paths.
 */
export function validationHook(
  result:
    | { target: string; success: true; data: unknown }
    | { target: string; success: false; error: z.ZodError },
): void {
  if (result.success) return;
  if (result.target === 'param') throw new AppError('not_found', 'Not found');
  throw new AppError('invalid', 'Invalid request', issuesToDetails(result.error.issues));
}

/** SQLSTATEs of bad input that engine/store/db-errors.ts leaves unmapped. */
const INPUT_SQLSTATES = new Set(['22P02', '22001', '22003']);
/** Node and postgres.js codes of a lost or refused connection (a restarting PostgreSQL). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** Whether a connection code is on the error, its causes or, for an AggregateError (every address refused), its errors. */
function hasConnectionCode(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (err instanceof AggregateError && err.errors.some((e) => hasConnectionCode(e, depth + 1))) return true;
  return hasConnectionCode(err.cause, depth + 1);
}

/** A database error as an `AppError` when it is the client's fault or an outage; else undefined (a bug). */
function fromDatabase(err: unknown): AppError | undefined {
  const mapped = mapDbError(err);
  if (mapped instanceof AppError) return mapped;
  const state = sqlState(err);
  if (state && INPUT_SQLSTATES.has(state)) return new AppError('invalid', 'Invalid data');
  if (hasConnectionCode(err)) return databaseUnavailable();
  return undefined;
}

/** A known error's answer: status, body and, for 429 / 503, the seconds to send as `Retry-After`. */
export interface ErrorResponse {
  status: ContentfulStatusCode;
  body: ErrorBody;
  retryAfterSeconds?: number;
}

/** Converts a thrown value into a status and body; undefined for unknown errors (a bug: 500). */
export function toErrorResponse(err: unknown): ErrorResponse | undefined {
  if (err instanceof AppError) {
    const response = {
      status: STATUS_BY_CODE[err.code],
      body: errorBody(err.code, err.message, err.details),
    };
    return err.retryAfterSeconds === undefined
      ? response
      : { ...response, retryAfterSeconds: err.retryAfterSeconds };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = CODE_BY_STATUS[status] ?? (status < 500 ? 'bad_request' : 'internal');
    return { status, body: errorBody(code, err.message || 'Request failed') };
  }
  const fromDb = fromDatabase(err);
  return fromDb ? toErrorResponse(fromDb) : undefined;
}

/** Chinese for the messages the server words in English, exact first, then one per code. */
const ZH_MESSAGES: Record<string, string> = {
  'The submitted data is invalid': '提交的数据有误，请检查标出的项',
  'Invalid request': '请求有误，请检查标出的项',
  'Invalid data': '数据有误',
  'Internal error': '服务器出错，请稍后再试',
};
const ZH_BY_CODE: Record<string, string> = {
  bad_request: '请求有误',
  unauthorized: '请先登录',
  forbidden: '没有权限执行此操作',
  not_found: '未找到',
  conflict: '数据已被他人修改或状态已变化，请刷新后重试',
  payload_too_large: '内容过大',
  unsupported_media_type: '不支持的内容类型',
  invalid: '提交的数据有误，请检查标出的项',
  too_many_requests: '请求过于频繁，请稍后再试',
  unavailable: '服务暂时不可用，请稍后再试',
  internal: '服务器出错，请稍后再试',
};
const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * The body in the language the request asked for (`Accept-Language`): a caller asking for Chinese gets
 * no English sentence (a message without Chinese is replaced by its Chinese wording or its code's). Callers that ask for no language get the server's wording as it is.
 */
export function localizeErrorBody(body: ErrorBody, acceptLanguage: string | undefined): ErrorBody {
  if (!acceptLanguage?.trim().toLowerCase().startsWith('zh')) return body;
  const zh = (message: string, code: string) =>
    HAS_CHINESE.test(message) ? message : (ZH_MESSAGES[message] ?? ZH_BY_CODE[code] ?? '操作失败');
  const { code, message, details } = body.error;
  // Field messages stay as they are: validation words them in the asked language already, and a
  // definition problem's `code` lets the designer word it.
  return errorBody(code, zh(message, code), details);
}

/** `app.onError`: known errors as JSON with their status; the rest logged and answered 500. */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  const known = toErrorResponse(err);
  if (known) {
    if (known.status >= 500) c.get('logger')?.warn({ err }, 'request failed');
    if (known.retryAfterSeconds !== undefined) c.header('Retry-After', String(known.retryAfterSeconds));
    return c.json(localizeErrorBody(known.body, c.req.header('accept-language')), known.status);
  }
  const logger = c.get('logger');
  if (logger) logger.error({ err, requestId: c.get('requestId') }, 'unhandled error');
  return c.json(errorBody('internal', 'Internal error'), 500);
};

/** `app.notFound`: JSON for /api paths. */
export const handleNotFound: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) =>
  c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);

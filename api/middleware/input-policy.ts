/**
 * One input policy at the edge, before any route sees a request: characters PostgreSQL refuses in
 * `text` and `jsonb` (`\u0000`), JSON nested past a depth limit, and over-long strings or arrays are
 * answered with 422 and the JSON pointer of the offending value, so they never reach SQL.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../engine/errors.ts';
import type { AppEnv } from '../context.ts';

export interface InputPolicy {
  /** Deepest nesting of objects and arrays in a JSON body (default 32). */
  maxDepth: number;
  /** Longest string anywhere in a JSON body, in UTF-16 units (default 200 000: a drawn signature as a data URL fits). */
  maxString: number;
  /** Most items in one JSON array (default 5 000). */
  maxArray: number;
}

export const DEFAULT_INPUT_POLICY: InputPolicy = { maxDepth: 32, maxString: 200_000, maxArray: 5_000 };

/** A whole string that is an ISO date or date-time (`2026-12-05`, `2026-12-05T08:00:00Z`, `+012345-01-01`). */
const ISO_DATE =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Why a date-looking string is out of range (years 1000–9999, a real month and day), or null. */
export function dateProblem(value: string): string | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  if (year!.length !== 4 || Number(year) < 1000) return 'a date before the year 1000 or after 9999';
  const m = Number(month);
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth) return 'not a calendar date';
  return null;
}

/** Escapes one key as a JSON-pointer segment (RFC 6901). */
const segment = (key: string | number) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** Why `value` breaks the policy, with the JSON pointer of the first offending value; null when it holds. */
export function inputProblem(
  value: unknown,
  policy: InputPolicy = DEFAULT_INPUT_POLICY,
): { path: string; message: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path: item.path, message: 'contains a NUL character (\\u0000)' };
      if (v.length > policy.maxString)
        return { path: item.path, message: `longer than ${policy.maxString} characters` };
      const date = dateProblem(v);
      if (date) return { path: item.path, message: date };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (item.depth >= policy.maxDepth)
      return { path: item.path, message: `nested deeper than ${policy.maxDepth} levels` };
    if (Array.isArray(v)) {
      if (v.length > policy.maxArray)
        return { path: item.path, message: `more than ${policy.maxArray} items` };
      for (const [i, child] of v.entries())
        stack.push({ value: child, path: `${item.path}/${i}`, depth: item.depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      const path = `${item.path}/${segment(key)}`;
      if (key.includes('\u0000')) return { path, message: 'a key contains a NUL character (\\u0000)' };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

const refuse = (path: string, message: string) =>
  new AppError('invalid', `Refused input at ${path || '/'}: ${message}`, [{ path, message }]);

/**
 * Checks the query string and JSON bodies of `/api` requests against the policy. The body is read
 * as text once; Hono caches it, so the route's own `c.req.json()` parses the same text again.
 */
export function inputPolicy(policy: InputPolicy = DEFAULT_INPUT_POLICY): MiddlewareHandler<AppEnv> {
  return async function checkInput(c, next) {
    // A path with a NUL names nothing; it must not reach SQL either (the idempotency record keeps it).
    if (c.req.path.includes('\u0000')) throw new AppError('not_found', 'Not found');
    const url = c.req.url;
    const query = url.indexOf('?');
    const params = query === -1 ? [] : new URLSearchParams(url.slice(query + 1).split('#')[0]);
    for (const [name, value] of params) {
      if (name.includes('\u0000') || value.includes('\u0000')) {
        throw refuse(
          `/query/${segment(name.replaceAll('\u0000', ''))}`,
          'contains a NUL character (\\u0000)',
        );
      }
      if (value.length > policy.maxString)
        throw refuse(`/query/${segment(name)}`, `longer than ${policy.maxString} characters`);
      const date = dateProblem(value);
      if (date) throw refuse(`/query/${segment(name)}`, date);
    }
    const type = c.req.header('content-type') ?? '';
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && type.includes('json')) {
      const text = await c.req.text();
      if (text.trim() !== '') {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          // Malformed JSON is the route validator's to answer (400); nothing to check here.
          return next();
        }
        const problem = inputProblem(body, policy);
        if (problem) throw refuse(problem.path, problem.message);
      }
    }
    return next();
  };
}

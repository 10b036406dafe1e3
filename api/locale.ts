/**
 * The language a request is answered in: the first language of `Accept-Language` (the designer sends
 * the user's choice). English when it asks for English first, else Chinese (zh-CN, the default).
 */
import type { Context } from 'hono';
import type { Locale } from '../forms/index.ts';

/**
 * The answer's language for an `Accept-Language` header.
 *
 * @example
 * localeFromHeader('en-US,en;q=0.9'); // 'en'
 * localeFromHeader(undefined); // 'zh-CN'
 */
export function localeFromHeader(header: string | undefined | null): Locale {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The language of the request in `c` (its `Accept-Language`). */
export function requestLocale(c: Context): Locale {
  return localeFromHeader(c.req.header('accept-language'));
}

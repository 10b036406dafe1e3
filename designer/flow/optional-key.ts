/**
 * Editing optional keys of a definition object: a cleared value removes its key, so no empty strings
 * or lists linger in the saved JSON.
 */

/**
 * `obj` with `key` set to `value`, or without `key` when `value` is undefined, `''` or an empty list.
 *
 * @example withOptional({ a: 1, b: 'x' }, 'b', ''); // { a: 1 }
 */
export function withOptional<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  value: T[K] | undefined | '',
): T {
  const next = { ...obj };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value as T[K];
  return next;
}

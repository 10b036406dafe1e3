/**
 * The one rule for the keys of flows and forms (`order-approval`, `te-jia-che-shen-qing`): the engine's
 * definition schema, the repositories, the API's schemas and the designer's create dialog all take it
 * from here, with its message in both languages.
 */
import type { Locale } from './types.ts';

/** Longest key, in characters. */
export const DEFINITION_KEY_MAX_LENGTH = 64;

/** The key rule as a JSON Schema / regular-expression source. */
export const DEFINITION_KEY_SOURCE = `^[a-z][a-z0-9-]{0,${DEFINITION_KEY_MAX_LENGTH - 1}}$`;

/**
 * A lower-case letter, then lower-case letters, digits and `-`; at most 64 characters.
 *
 * @example DEFINITION_KEY_PATTERN.test('order-approval'); // true
 */
export const DEFINITION_KEY_PATTERN = new RegExp(DEFINITION_KEY_SOURCE);

/** What a broken key is told, per locale. */
export const DEFINITION_KEY_MESSAGE: Record<Locale, string> = {
  'zh-CN': '标识须以小写字母开头，只含小写字母、数字和 -，最多 64 个字符',
  en: 'The key must start with a lower-case letter and hold only lower-case letters, digits and - (at most 64 characters)',
};

/** Whether `value` is a well-formed flow or form key. */
export function isDefinitionKey(value: unknown): value is string {
  return typeof value === 'string' && DEFINITION_KEY_PATTERN.test(value);
}

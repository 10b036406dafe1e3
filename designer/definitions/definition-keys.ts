/**
 * Keys of new flows and forms: readable, proposed from the name, editable by the admin. The rule is
 * the server's own (forms/keys.ts); Chinese names are spelled in pinyin (`特价车申请` →
 * `te-jia-che-shen-qing`).
 */
import { pinyin } from 'pinyin-pro';
import { DEFINITION_KEY_MAX_LENGTH, DEFINITION_KEY_PATTERN } from '../../forms/keys.ts';

/** What a new flow or form key must look like (the server's rule). */
export const NEW_KEY_PATTERN = DEFINITION_KEY_PATTERN;

/** The name's words: Chinese characters as their toneless pinyin, everything else as typed. */
function wordsOf(name: string): string[] {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join(' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Joins `words` with `-`, cut at a word boundary to fit the key length. */
function joinWithin(words: readonly string[], max: number): string {
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > max) break;
    slug = next;
  }
  // A single word longer than the limit: cut it.
  return slug === '' ? (words[0] ?? '').slice(0, max) : slug;
}

/** The first of `base`, `base-2`, `base-3`… that is not taken (always within the key length). */
function firstFree(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, DEFINITION_KEY_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A key proposed for a new document named `name`: its words (Chinese in pinyin) in lower case joined
 * by `-`, starting with a letter (else `<prefix>-` in front), numbered `-2`, `-3`… when taken.
 *
 * @example
 * proposeKey('Leave Request', 'flow', new Set()); // 'leave-request'
 * proposeKey('特价车申请', 'flow', new Set(['te-jia-che-shen-qing'])); // 'te-jia-che-shen-qing-2'
 */
export function proposeKey(name: string, prefix: string, taken: ReadonlySet<string>): string {
  let words = wordsOf(name);
  if (words.length === 0 || !/^[a-z]/.test(words[0] ?? '')) words = [prefix, ...words];
  return firstFree(joinWithin(words, DEFINITION_KEY_MAX_LENGTH), taken);
}

/**
 * The XState machine id of a flow keyed `key`: its words in camelCase.
 *
 * @example machineIdOf('te-jia-che-shen-qing'); // 'teJiaCheShenQing'
 */
export function machineIdOf(key: string): string {
  return key.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

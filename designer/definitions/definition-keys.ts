/**
 * Keys of new flows and forms: readable, proposed from the name, editable by the admin. The server
 * takes `^[a-z][a-z0-9-]{1,63}$` for new documents.
 */

/** What a new flow or form key must look like. */
export const NEW_KEY_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** `20261205` for a date (local time: the day the admin sees). */
function dayStamp(day: Date): string {
  return `${day.getFullYear()}${pad(day.getMonth() + 1)}${pad(day.getDate())}`;
}

/** The first of `base`, `base-2`, `base-3`… that is not taken (always within 64 characters). */
function firstFree(base: string, taken: ReadonlySet<string>, startAt: number): string {
  if (startAt === 1 && !taken.has(base)) return base;
  for (let n = Math.max(startAt, 2); ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A key proposed for a new document named `name`. Latin names become their lower-case words joined
 * by `-`; names with Chinese (or other non-Latin) characters get `<prefix>-<yyyymmdd>-<n>`, the
 * first `n` not taken.
 *
 * @example
 * proposeKey('Leave Request', 'flow', new Set(), day); // 'leave-request'
 * proposeKey('特价车申请', 'flow', new Set(['flow-20261205-1']), day); // 'flow-20261205-2'
 */
export function proposeKey(name: string, prefix: string, taken: ReadonlySet<string>, day: Date): string {
  const trimmed = name.trim();
  // Any character outside printable ASCII: no transliteration here, a dated key instead.
  if (trimmed === '' || /[^\x20-\x7e]/.test(trimmed)) {
    const base = `${prefix}-${dayStamp(day)}`;
    for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
  let slug = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(slug)) slug = slug === '' ? prefix : `${prefix}-${slug}`;
  if (slug.length < 2) slug = `${prefix}-${slug}`;
  slug = slug.slice(0, 64).replace(/-+$/, '');
  return firstFree(slug, taken, 1);
}

/**
 * The XState machine id of a flow keyed `key`: its words in camelCase.
 *
 * @example machineIdOf('flow-20261205-1'); // 'flow202612051'
 */
export function machineIdOf(key: string): string {
  return key.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

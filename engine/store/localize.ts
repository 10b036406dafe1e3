/**
 * Definitions' texts in the reader's language (forms/i18n.ts): task names, flow names and state labels
 * through the flow version's `i18n`, forms through their own. What has no translation is shown as written.
 */
import { type Locale, type Translations, translate } from '../../forms/index.ts';
import type { StoreContext } from './context.ts';
import type { Executor } from './db.ts';
import { loadVersion } from './engine-runner.ts';

/** The `i18n` of a published flow version; undefined when there is none (or no such version). */
export async function workflowTranslations(
  ctx: StoreContext,
  db: Executor,
  key: string,
  version: number,
): Promise<Translations | undefined> {
  try {
    return (await loadVersion(ctx, db, key, version)).i18n;
  } catch {
    return undefined;
  }
}

/** A translator for texts of many flow versions, loading each version's `i18n` once. */
export function flowTranslator(ctx: StoreContext, db: Executor, locale: Locale) {
  const loaded = new Map<string, Promise<Translations | undefined>>();
  const of = (key: string, version: number) => {
    const id = `${key}@${version}`;
    let found = loaded.get(id);
    if (!found) {
      found = workflowTranslations(ctx, db, key, version);
      loaded.set(id, found);
    }
    return found;
  };
  return async (key: string, version: number, text: string): Promise<string> =>
    translate(text, await of(key, version), locale);
}

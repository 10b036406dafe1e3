/**
 * Translations carried by a definition (a form's or a flow's `i18n`): per language, a map from the
 * text as written in the document (its own language, usually zh-CN) to the text in that language.
 *
 * @example
 * { "en": { "订单审核": "Order review", "审批意见": "Review comment" } }
 *
 * Keyed by the written text rather than by a path, so one entry serves every place that says the same
 * thing (a task name used by three states, an enum label shared by two fields), and a text with no
 * entry is shown as written. Pure: used by the server to answer in the caller's language.
 */
import type { FormDefinition, JSONSchema, Locale, Translations, UISchema } from './types.ts';

export type { Translations };

/** The languages a definition's `i18n` may hold. */
export const TRANSLATION_LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Schema keywords whose string value is shown to people. */
const SCHEMA_TEXT_KEYS = ['title', 'description'] as const;
/** uiSchema keys whose string value is shown to people. */
const UI_TEXT_KEYS = ['ui:title', 'ui:description', 'ui:help', 'ui:placeholder'] as const;

/**
 * `text` in `locale`: the translation when `translations` has one, else `text` itself.
 *
 * @example
 * translate('审批意见', { en: { 审批意见: 'Review comment' } }, 'en'); // 'Review comment'
 */
export function translate(text: string, translations: Translations | undefined, locale: Locale): string {
  return translations?.[locale]?.[text] ?? text;
}

/**
 * Problems with an `i18n` value's shape (JSON-pointer paths under `path`), for definition validation.
 *
 * @example
 * translationProblems({ en: { 标题: 1 } }, '/i18n'); // [{ path: '/i18n/en/标题', message: 'must be a string' }]
 */
export function translationProblems(value: unknown, path: string): { path: string; message: string }[] {
  if (value === undefined) return [];
  if (!isPlainObject(value)) return [{ path, message: 'must be an object of languages' }];
  const problems: { path: string; message: string }[] = [];
  for (const [locale, entries] of Object.entries(value)) {
    const at = `${path}/${escapePointer(locale)}`;
    if (!(TRANSLATION_LOCALES as readonly string[]).includes(locale)) {
      problems.push({ path: at, message: `unknown language (use ${TRANSLATION_LOCALES.join(', ')})` });
      continue;
    }
    if (!isPlainObject(entries)) {
      problems.push({ path: at, message: 'must be an object of text → translation' });
      continue;
    }
    for (const [text, translated] of Object.entries(entries)) {
      if (typeof translated !== 'string' || translated === '')
        problems.push({ path: `${at}/${escapePointer(text)}`, message: 'must be a non-empty string' });
    }
  }
  return problems;
}

/**
 * The form as people reading `locale` see it: titles, descriptions, option labels (`ui:enumNames`,
 * `oneOf` titles), help and placeholders translated through the form's `i18n`. Keys, enum values and
 * everything else are unchanged; the input is not modified.
 */
export function localizeForm<F extends FormDefinition>(form: F, locale: Locale): F {
  const translations = form.i18n;
  if (!translations?.[locale]) return form;
  const tr = (text: string) => translate(text, translations, locale);
  return {
    ...form,
    title: tr(form.title),
    ...(form.description === undefined ? {} : { description: tr(form.description) }),
    schema: localizeSchema(form.schema, tr),
    ...(form.uiSchema === undefined ? {} : { uiSchema: localizeUiSchema(form.uiSchema, tr) }),
  };
}

/** Every text of a form that people see (for checking that a translation covers them all). */
export function formTexts(form: FormDefinition): string[] {
  const texts = new Set<string>([form.title]);
  if (form.description) texts.add(form.description);
  localizeSchema(form.schema, (t) => {
    texts.add(t);
    return t;
  });
  if (form.uiSchema)
    localizeUiSchema(form.uiSchema, (t) => {
      texts.add(t);
      return t;
    });
  return [...texts];
}

/** A schema with its shown texts mapped through `tr`, recursively (properties, items, branches, defs). */
export function localizeSchema(schema: JSONSchema, tr: (text: string) => string): JSONSchema {
  return mapSchema(schema, tr) as JSONSchema;
}

function mapSchema(node: unknown, tr: (text: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => mapSchema(item, tr));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((SCHEMA_TEXT_KEYS as readonly string[]).includes(key) && typeof value === 'string')
      out[key] = tr(value);
    else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') out[key] = value;
    else if (key === 'properties' || key === 'definitions' || key === '$defs' || key === 'dependencies')
      out[key] = isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSchema(v, tr)]))
        : value;
    else if (typeof value === 'object' && value !== null) out[key] = mapSchema(value, tr);
    else out[key] = value;
  }
  return out;
}

function localizeUiSchema(ui: UISchema, tr: (text: string) => string): UISchema {
  return mapUi(ui, tr) as UISchema;
}

function mapUi(node: unknown, tr: (text: string) => string): unknown {
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((UI_TEXT_KEYS as readonly string[]).includes(key) && typeof value === 'string') out[key] = tr(value);
    else if (key === 'ui:enumNames' && Array.isArray(value))
      out[key] = value.map((v) => (typeof v === 'string' ? tr(v) : v));
    else if (key === 'ui:options' && isPlainObject(value)) out[key] = mapUi(value, tr);
    else if (key.startsWith('ui:')) out[key] = value;
    else if (isPlainObject(value)) out[key] = mapUi(value, tr);
    else if (key === 'title' || key === 'description' || key === 'help' || key === 'placeholder')
      out[key] = typeof value === 'string' ? tr(value) : value;
    else out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

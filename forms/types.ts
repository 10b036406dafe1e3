/**
 * The form model (docs/flows.md "A form by hand"): a JSON Schema draft-07 document plus an rjsf UI schema, versioned
 * like workflows. Pure: used by the engine, the API and the designer alike.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema documents are open-ended
export type JSONSchema = { [key: string]: any };
// biome-ignore lint/suspicious/noExplicitAny: rjsf UI schemas are open-ended
export type UISchema = { [key: string]: any };

/** A form document as the designer edits it and `PUT /api/forms/:key/draft` takes it. */
export interface FormDefinition {
  key: string;
  title: string;
  description?: string;
  /** The catalogue's grouping (`销售`, `财务`) and antd icon name, like a flow's. */
  category?: string;
  icon?: string;
  schema: JSONSchema;
  uiSchema?: UISchema;
  /** Show/hide rules in the designer's simple form; compiled into `schema` by `compileRules`. */
  rules?: VisibilityRule[];
  /** Texts in other languages, by the text as written (forms/i18n.ts): `{ "en": { "客户姓名": "Customer" } }`. */
  i18n?: Translations;
}

/** Per language, written text → translated text (a definition's `i18n`, forms/i18n.ts). */
export type Translations = Partial<Record<Locale, Record<string, string>>>;

/** An immutable published version. */
export interface FormVersion extends FormDefinition {
  version: number;
}

/** "Show `loanBank` when `paymentMethod` is `loan`." */
export interface VisibilityRule {
  field: string;
  when: { field: string; op: 'eq' | 'neq' | 'in' | 'notEmpty'; value?: unknown };
}

export type FieldPermission = 'editable' | 'readonly' | 'hidden' | 'required';

/** A validation problem on submitted data: field path (`/accessories/0/price`, `''` for the root) and message. */
export interface FieldError {
  path: string;
  message: string;
  keyword?: string;
}

export type Locale = 'zh-CN' | 'en';

/** A JSON value as form data holds it (the same shape as the engine's `Json`). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Form data: field name -> JSON value (the same shape as the engine's `JsonObject`). */
export type FormValues = { [key: string]: JsonValue };

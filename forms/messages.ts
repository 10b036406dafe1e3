/**
 * Validation messages people can act on, in Chinese and English, as a person would write them
 * (`请填写优惠金额`, `Discount is required`); what has no wording of ours falls back to ajv-i18n's
 * localisation. The server's 422s and the browser's forms use the same words.
 */
import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import type { Locale } from './types.ts';
import { type VinProblem, vinProblem } from './vin.ts';

/** Messages for problems found outside JSON Schema (permissions, unknown fields). */
export const SUBMISSION_MESSAGES: Record<
  Locale,
  Record<'hidden' | 'readonly' | 'unknown' | 'notObject', string>
> = {
  'zh-CN': {
    hidden: '为隐藏字段，不可提交',
    readonly: '为只读字段，不可修改',
    unknown: '不是表单中的字段',
    notObject: '表单数据应为对象',
  },
  en: {
    hidden: 'is hidden and must not be submitted',
    readonly: 'is read-only and cannot be changed',
    unknown: 'is not a field of this form',
    notObject: 'form data must be an object',
  },
};

/** Messages for a referenced record that does not exist or may not be used (forms/references.ts). */
export const REFERENCE_MESSAGES: Record<Locale, Record<'file' | 'user' | 'customer' | 'vehicle', string>> = {
  'zh-CN': {
    file: '不是可用的附件（文件不存在或无权访问）',
    user: '不是可用的人员（不存在或已停用）',
    customer: '不是本门店的客户',
    vehicle: '不是本门店库存中的车辆',
  },
  en: {
    file: 'is not a file you may attach (unknown or not readable by you)',
    user: 'is not an active user',
    customer: 'is not a customer of this store',
    vehicle: 'is not a vehicle in this store’s inventory',
  },
};

/** The message for a reference that failed its check, prefixed with the field's label. */
export function describeReferenceProblem(
  kind: keyof (typeof REFERENCE_MESSAGES)['en'],
  label: string | undefined,
  locale: Locale,
): string {
  const message = REFERENCE_MESSAGES[locale][kind];
  return label ? `${label} ${message}` : message;
}

const FORMAT_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    mobile: '应为有效的手机号码',
    'cn-id': '应为有效的身份证号码',
    vin: '应为有效的车架号（VIN）',
    email: '应为有效的电子邮箱地址',
    date: '应为有效的日期（YYYY-MM-DD）',
    'date-time': '应为有效的日期时间',
    money: '应为不小于 0 的整数金额（分）',
    uuid: '应为有效的编号',
  },
  en: {
    mobile: 'must be a valid mobile number',
    'cn-id': 'must be a valid resident ID number',
    vin: 'must be a valid VIN',
    email: 'must be a valid email address',
    date: 'must be a valid date (YYYY-MM-DD)',
    'date-time': 'must be a valid date and time',
    money: 'must be a whole amount of fen, 0 or more',
    uuid: 'must be a valid id',
  },
};

const VIN_MESSAGES: Record<Locale, Record<VinProblem, string>> = {
  'zh-CN': {
    length: '应为 17 位车架号',
    'forbidden-letter': '不能包含字母 I、O、Q',
    'invalid-character': '只能包含字母和数字',
    'check-digit': '校验位（第 9 位）不正确',
  },
  en: {
    length: 'must have 17 characters',
    'forbidden-letter': 'must not contain the letters I, O or Q',
    'invalid-character': 'may contain only letters and digits',
    'check-digit': 'has a wrong check digit (position 9)',
  },
};

const TYPE_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    integer: '整数',
    number: '数字',
    string: '文本',
    boolean: '是/否',
    array: '列表',
    object: '对象',
  },
  en: {
    integer: 'an integer',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
  },
};

/** `请填写合同编号` / `Contract no. is required`; without a label, `请填写此项` / `This field is required`. */
function required(label: string | undefined, locale: Locale): string {
  if (locale === 'zh-CN') return `请填写${label ?? '此项'}`;
  return label ? `${label} is required` : 'This field is required';
}

/** Our own wording for `error`, or undefined to fall back to ajv-i18n. `value` is the offending value. */
function ownMessage(error: ErrorObject, value: unknown, locale: Locale): string | undefined {
  switch (error.keyword) {
    case 'required':
    case 'dependencies':
      return required(undefined, locale);
    case 'additionalProperties':
      return SUBMISSION_MESSAGES[locale].unknown;
    case 'money':
      return FORMAT_MESSAGES[locale].money;
    case 'type': {
      const name = TYPE_NAMES[locale][String(error.params.type)];
      if (!name) return undefined;
      return locale === 'zh-CN' ? `应为${name}` : `must be ${name}`;
    }
    case 'format': {
      const format = String(error.params.format);
      const problem = format === 'vin' && typeof value === 'string' ? vinProblem(value) : undefined;
      return problem ? VIN_MESSAGES[locale][problem] : FORMAT_MESSAGES[locale][format];
    }
    default:
      return undefined;
  }
}

/** ajv-i18n's message for `error` in `locale` (without touching the caller's error object). */
function localizedMessage(error: ErrorObject, locale: Locale): string {
  const copy = [{ ...error }];
  (locale === 'zh-CN' ? localizeZh : localizeEn)(copy);
  return copy[0]?.message ?? error.message ?? 'invalid';
}

/**
 * The message for one ajv error, prefixed with the field's label when there is one:
 * `优惠金额 为必填项`, `Discount is required`.
 */
export function describeError(
  error: ErrorObject,
  label: string | undefined,
  value: unknown,
  locale: Locale,
): string {
  if (error.keyword === 'required' || error.keyword === 'dependencies') return required(label, locale);
  const message = ownMessage(error, value, locale) ?? localizedMessage(error, locale);
  return label ? `${label} ${message}` : message;
}

/**
 * Rewrites ajv's messages in place with the same wording the server uses (for rjsf's
 * `customizeValidator`, which shows each message under its field, so no label is added).
 */
export function localizeErrors(errors: ErrorObject[] | null | undefined, locale: Locale): void {
  for (const error of errors ?? []) {
    error.message = ownMessage(error, undefined, locale) ?? localizedMessage(error, locale);
  }
}

/** A submission message (`hidden`, `readonly`, ...) for the field labelled `label`. */
export function describeSubmissionProblem(
  problem: keyof (typeof SUBMISSION_MESSAGES)['en'],
  label: string | undefined,
  locale: Locale,
): string {
  const message = SUBMISSION_MESSAGES[locale][problem];
  return label ? `${label} ${message}` : message;
}

/** The message for data submitted to a form whose schema cannot be used (stored before checks existed). */
export function describeBrokenSchema(locale: Locale): string {
  return locale === 'zh-CN'
    ? '表单定义有误，无法校验，请联系管理员修正表单'
    : 'The form definition is broken; ask an admin to fix the form';
}

/** rjsf validators (ajv 8) whose messages follow the UI language, as the server's do. */
import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';
import type { UiLocale } from '../i18n/i18n.ts';

const VALIDATORS = {
  'zh-CN': customizeValidator({}, localizeZh),
  en: customizeValidator({}, localizeEn),
};

/** The form validator for a UI language. */
export function validatorFor(locale: UiLocale) {
  return VALIDATORS[locale];
}

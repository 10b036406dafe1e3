/** rjsf validators (ajv 8) whose messages follow the UI language, in the server's own words. */
import { customizeValidator } from '@rjsf/validator-ajv8';
import { localizeErrors } from '../../forms/messages.ts';
import type { UiLocale } from '../i18n/i18n.ts';

const VALIDATORS = {
  'zh-CN': customizeValidator({}, (errors) => localizeErrors(errors, 'zh-CN')),
  en: customizeValidator({}, (errors) => localizeErrors(errors, 'en')),
};

/** The form validator for a UI language. */
export function validatorFor(locale: UiLocale) {
  return VALIDATORS[locale];
}

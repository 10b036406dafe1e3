/**
 * The forms module's public API (docs/flows.md "A form by hand"): the form model, validation, per-step projection,
 * show/hide rules, computed fields, field formats and the builder's field palette. Pure: imports
 * nothing of ours and no I/O.
 */

export {
  CUSTOM_WIDGETS,
  createField,
  FIELD_TYPES,
  type FieldGroup,
  type FieldType,
  type FieldTypeId,
  fieldNames,
  findFieldType,
} from './catalogue.ts';
export { checkForm } from './check-form.ts';
export { applyComputed, checkFormulas, computedFields, formulaVariables } from './computed.ts';
export {
  addDealerflowFormats,
  CUSTOM_FORMATS,
  cnIdCheckChar,
  isValidCnId,
  isValidMobile,
  isValidMoney,
  normalizeMobile,
} from './formats.ts';
export {
  formTexts,
  localizeForm,
  localizeSchema,
  TRANSLATION_LOCALES,
  translate,
  translationProblems,
} from './i18n.ts';
export {
  DEFINITION_KEY_MAX_LENGTH,
  DEFINITION_KEY_MESSAGE,
  DEFINITION_KEY_PATTERN,
  DEFINITION_KEY_SOURCE,
  isDefinitionKey,
} from './keys.ts';
export { type ProjectedForm, projectForm } from './project.ts';
export {
  collectReferences,
  REFERENCE_KINDS,
  type ReferenceField,
  type ReferenceKind,
  type ReferenceValue,
  referenceFields,
} from './references.ts';
export { compileRules, isRuleSatisfied, ruleHiddenFields, visibleFields } from './rules.ts';
export type {
  FieldError,
  FieldPermission,
  FormDefinition,
  FormValues,
  FormVersion,
  JSONSchema,
  JsonValue,
  Locale,
  Translations,
  UISchema,
  VisibilityRule,
} from './types.ts';
export {
  checkSchema,
  fieldLabel,
  isKnownFormat,
  type SubmissionResult,
  type ValidateDataOptions,
  validateData,
  validateSubmission,
} from './validate.ts';
export { isValidVin, type VinProblem, vinCheckDigit, vinProblem } from './vin.ts';

/**
 * Checks a form document before it is saved or published, with errors an admin can act on: a bad
 * schema, unknown formats, rules about unknown fields, broken formulas, a `ui:order` naming fields
 * that do not exist. Paths point into the document (`/schema/properties/vin/format`, `/rules/0/field`).
 */
import { checkFormulas } from './computed.ts';
import { isRecord, propertiesOf, splitField, toPointer } from './schema-utils.ts';
import type { FieldError, FormDefinition, JSONSchema } from './types.ts';
import { checkSchema, isKnownFormat } from './validate-data.ts';

const OPS = ['eq', 'neq', 'in', 'notEmpty'];

/** Every `format` in a schema with its path, however deep. */
function formatsIn(node: unknown, path: string[], found: { path: string[]; format: string }[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      formatsIn(item, [...path, String(i)], found);
    });
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string') found.push({ path: [...path, key], format: value });
    else if (key !== 'enum' && key !== 'const' && key !== 'default') formatsIn(value, [...path, key], found);
  }
}

function schemaProblems(schema: JSONSchema): FieldError[] {
  if (!isRecord(schema) || schema.type !== 'object' || !isRecord(schema.properties)) {
    return [
      { path: '/schema', message: 'the schema must be an object schema with properties', keyword: 'type' },
    ];
  }
  const errors = checkSchema(schema).map((e) => ({ ...e, path: `/schema${e.path}` }));
  const found: { path: string[]; format: string }[] = [];
  formatsIn(schema, [], found);
  for (const { path, format } of found) {
    if (!isKnownFormat(format)) {
      errors.push({
        path: toPointer(['schema', ...path]),
        message: `unknown format "${format}"`,
        keyword: 'format',
      });
    }
  }
  return errors;
}

function ruleProblems(form: FormDefinition): FieldError[] {
  const fields = propertiesOf(form.schema);
  const errors: FieldError[] = [];
  (form.rules ?? []).forEach((rule, i) => {
    const at = (key: string, message: string): void => {
      errors.push({ path: toPointer(['rules', i, ...key.split('.')]), message, keyword: 'rule' });
    };
    if (!(rule.field in fields)) at('field', `unknown field "${rule.field}"`);
    const watched = splitField(rule.when.field)[0] ?? '';
    if (!(watched in fields)) at('when.field', `unknown field "${rule.when.field}"`);
    if (watched === rule.field) at('when.field', 'a field cannot depend on itself');
    if (!OPS.includes(rule.when.op)) at('when.op', `unknown operator "${rule.when.op}"`);
    if (rule.when.op === 'in' && !Array.isArray(rule.when.value))
      at('when.value', '"in" needs a list of values');
  });
  return errors;
}

function orderProblems(form: FormDefinition): FieldError[] {
  const order: unknown = form.uiSchema?.['ui:order'];
  if (!Array.isArray(order)) return [];
  const fields = propertiesOf(form.schema);
  return order.flatMap((name, i) =>
    name === '*' || (typeof name === 'string' && name in fields)
      ? []
      : [
          {
            path: toPointer(['uiSchema', 'ui:order', i]),
            message: `unknown field "${String(name)}"`,
            keyword: 'ui:order',
          },
        ],
  );
}

/**
 * Every problem with a form document; empty when it can be saved and published.
 *
 * @example checkForm({ key: 'f', title: 'F', schema: { type: 'object', properties: { m: { type: 'string', format: 'moblie' } } } })
 * // [{ path: '/schema/properties/m/format', message: 'unknown format "moblie"', keyword: 'format' }]
 */
export function checkForm(form: FormDefinition): FieldError[] {
  const schemaErrors = schemaProblems(form.schema);
  if (schemaErrors.some((e) => e.keyword === 'type')) return schemaErrors;
  const formulaErrors = checkFormulas(form).map((e) => ({ ...e, path: `/uiSchema${e.path}` }));
  return [...schemaErrors, ...ruleProblems(form), ...formulaErrors, ...orderProblems(form)];
}

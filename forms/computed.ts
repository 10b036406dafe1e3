/**
 * Read-only computed fields: a top-level field whose uiSchema carries `ui:options.formula`, a CEL
 * expression over the form data (`price - discount + accessoriesTotal`). The server recomputes them
 * with `applyComputed` and never trusts a value the browser sends.
 *
 * What a formula sees:
 * - every top-level field by name; absent number/integer fields count as 0, absent arrays as `[]`;
 * - `<array>Total` for each array-of-objects field whose rows have a numeric `price` (else `amount`)
 *   property — `accessoriesTotal` sums `accessories[].price` — unless the form has a field of that name;
 * - `sum(list, 'key')`, the sum of a numeric property over rows: `sum(accessories, 'price')`.
 * Numbers are CEL doubles; mixing them with integer literals (`price * 2`, `price + 100`) works.
 * Results for `type: integer` fields (money in fen) are rounded to the nearest integer. A formula that
 * fails to evaluate leaves its field unset.
 */
import { Environment } from '@marcbachmann/cel-js';
import { isRecord, propertiesOf, toPointer } from './schema-utils.ts';
import type { FieldError, FormDefinition } from './types.ts';

type ComputedForm = Pick<FormDefinition, 'schema' | 'uiSchema'>;

const ARITHMETIC: Record<'+' | '-' | '*' | '/', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

/** Numeric value of a row property, whatever number representation CEL handed over. */
function numeric(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

/** Sum of `key` over the object rows of `list` (non-objects and non-numbers count as 0). */
function sumRows(list: unknown, key: string): number {
  if (!Array.isArray(list)) return 0;
  return list.reduce<number>((total, row) => total + (isRecord(row) ? numeric(row[key]) : 0), 0);
}

function createEnvironment(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  // CEL keeps int and double apart; form authors write `price + 100`, so mixed arithmetic must work.
  for (const [op, apply] of Object.entries(ARITHMETIC)) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
  }
  env.registerFunction('sum(list, string): double', sumRows);
  return env;
}

const FORMULA_ENV = createEnvironment();

/**
 * The computed fields of a form: top-level field name -> CEL formula, from `ui:options.formula`.
 *
 * @example computedFields({ schema, uiSchema: { total: { 'ui:options': { formula: 'price - discount' } } } })
 * // { total: 'price - discount' }
 */
export function computedFields(form: ComputedForm): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, ui] of Object.entries(form.uiSchema ?? {})) {
    const options: unknown = isRecord(ui) ? ui['ui:options'] : undefined;
    const formula = isRecord(options) ? options.formula : undefined;
    if (typeof formula === 'string' && formula.trim() !== '') result[name] = formula;
  }
  return result;
}

/** The row property an array field's total sums: `price` if its rows have one, else `amount`. */
function totalKey(fieldSchema: FormDefinition['schema']): string | undefined {
  if (fieldSchema.type !== 'array' || !isRecord(fieldSchema.items)) return undefined;
  const rowProperties = propertiesOf(fieldSchema.items);
  return ['price', 'amount'].find((key) => ['number', 'integer'].includes(rowProperties[key]?.type));
}

/** The variables a formula sees for `data` (see the module comment). */
export function formulaVariables(form: ComputedForm, data: Record<string, unknown>): Record<string, unknown> {
  const properties = propertiesOf(form.schema);
  const variables: Record<string, unknown> = {};
  for (const [name, fieldSchema] of Object.entries(properties)) {
    const key = totalKey(fieldSchema);
    if (key && !(`${name}Total` in properties)) variables[`${name}Total`] = sumRows(data[name], key);
    if (fieldSchema.type === 'number' || fieldSchema.type === 'integer') variables[name] = 0;
    if (fieldSchema.type === 'array') variables[name] = [];
  }
  for (const [name, value] of Object.entries(data))
    if (value !== undefined && value !== null) variables[name] = value;
  return variables;
}

/** A formula's result as a field value; undefined when it is not a usable JSON value. */
function toFieldValue(result: unknown, integer: boolean): unknown {
  const value = typeof result === 'bigint' ? Number(result) : result;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return integer ? Math.round(value) : value;
  }
  return typeof value === 'string' || typeof value === 'boolean' ? value : undefined;
}

const MAX_PARSED = 512;
const parsed = new Map<string, ReturnType<Environment['parse']>>();

/** Evaluates `formula`, parsing each distinct formula once (bounded, oldest dropped first). */
function evaluate(formula: string, variables: Record<string, unknown>): unknown {
  try {
    let program = parsed.get(formula);
    if (!program) {
      program = FORMULA_ENV.parse(formula);
      parsed.set(formula, program);
      const oldest = parsed.keys().next();
      if (parsed.size > MAX_PARSED && !oldest.done) parsed.delete(oldest.value);
    }
    return program(variables);
  } catch {
    return undefined;
  }
}

/**
 * `data` with every computed field (re)computed from the other fields; any value the client sent for
 * a computed field is replaced. Formulas may use other computed fields, in any order.
 *
 * @example applyComputed(form, { price: 100, discount: 5 }) // { price: 100, discount: 5, total: 95 }
 */
export function applyComputed(form: ComputedForm, data: Record<string, unknown>): Record<string, unknown> {
  const formulas = Object.entries(computedFields(form));
  const properties = propertiesOf(form.schema);
  const result: Record<string, unknown> = { ...data };
  for (const [name] of formulas) delete result[name];
  // Each pass settles at least one more link of a chain of formulas; stop once nothing changes.
  for (let pass = 0; pass <= formulas.length; pass++) {
    let changed = false;
    const variables = formulaVariables(form, result);
    for (const [name, formula] of formulas) {
      const value = toFieldValue(evaluate(formula, variables), properties[name]?.type === 'integer');
      if (value === result[name]) continue;
      changed = true;
      if (value === undefined) delete result[name];
      else result[name] = value;
    }
    if (!changed) break;
  }
  return result;
}

/** Declares a variable for checking; a field name CEL cannot use as a variable is simply not declared. */
function declare(env: Environment, name: string, type: 'dyn' | 'double'): void {
  try {
    env.registerVariable(name, type);
  } catch {
    // Such a field cannot appear in a formula; a formula naming it is reported as unknown.
  }
}

/**
 * Problems with a form's formulas, found without data: syntax errors and names that are neither a
 * field, an `<array>Total` nor a known function. For the form validator before saving or publishing.
 */
export function checkFormulas(form: ComputedForm): FieldError[] {
  const env = FORMULA_ENV.clone({ unlistedVariablesAreDyn: false });
  const properties = propertiesOf(form.schema);
  for (const [name, fieldSchema] of Object.entries(properties)) {
    declare(env, name, 'dyn');
    if (totalKey(fieldSchema) && !(`${name}Total` in properties)) declare(env, `${name}Total`, 'double');
  }
  const errors: FieldError[] = [];
  for (const [name, formula] of Object.entries(computedFields(form))) {
    const checked = env.check(formula);
    if (!checked.valid) {
      const message = (checked.error?.message ?? 'invalid formula').split('\n')[0] ?? 'invalid formula';
      errors.push({ path: toPointer([name]), message, keyword: 'formula' });
    }
  }
  return errors;
}

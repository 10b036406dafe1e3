/**
 * The forms an instance's data was filled in (its start form and its steps' forms), each shown
 * read-only over the data the server sent: fields the server left out (hidden from the reader by a
 * step's permissions) or never filled are not shown, the rest read-only.
 */
import type { Json, JsonObject, StateConfig, WorkflowDefinition } from '../../engine/types.ts';
import { fieldNames } from '../../forms/catalogue.ts';
import { projectForm } from '../../forms/project.ts';
import type { FieldPermission, FormDefinition } from '../../forms/types.ts';

/** A step form of the instance: which form version, where its data lives, which steps filled it. */
export interface RecordFormRef {
  key: string;
  version: number;
  /** Dotted context path the step's data was merged into; `''`: the top level. */
  bind: string;
  /** Names of the steps that used it, in task order. */
  steps: string[];
}

/** A task as far as finding its form needs. */
export interface RecordTask {
  name: string;
  state: string;
  formKey: string | null;
  formVersion: number | null;
}

/** A form shown read-only: its schema and UI schema projected over the data shown. */
export interface ReadonlyForm {
  schema: FormDefinition['schema'];
  uiSchema: NonNullable<FormDefinition['uiSchema']>;
  data: JsonObject;
  fields: Record<string, FieldPermission>;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The state config named by a task's `state` (`review`, `flow.review`, `outer.inner`): its last segment found anywhere. */
function findState(states: Record<string, StateConfig> | undefined, name: string): StateConfig | undefined {
  for (const [key, cfg] of Object.entries(states ?? {})) {
    if (key === name) return cfg;
    const inner = findState(cfg.states, name);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Where the data of the task in `state` was merged (`meta.task.bind`), `''` for the top level.
 *
 * @example bindOf(def, 'discountApproval.managerReview'); // 'review' when that step binds there
 */
export function bindOf(definition: Pick<WorkflowDefinition, 'machine'> | undefined, state: string): string {
  const name = state.split('.').at(-1) ?? state;
  return findState(definition?.machine.states, name)?.meta?.task?.bind ?? '';
}

/** The step forms of `tasks`, each form version and bind once, without the start form at the top level. */
export function stepFormRefs(
  tasks: readonly RecordTask[],
  definition: Pick<WorkflowDefinition, 'machine'> | undefined,
  startFormKey: string | undefined,
): RecordFormRef[] {
  const refs: RecordFormRef[] = [];
  for (const task of tasks) {
    if (!task.formKey || task.formVersion === null) continue;
    const bind = bindOf(definition, task.state);
    if (task.formKey === startFormKey && bind === '') continue;
    const same = refs.find(
      (r) => r.key === task.formKey && r.version === task.formVersion && r.bind === bind,
    );
    if (same) {
      if (!same.steps.includes(task.name)) same.steps.push(task.name);
    } else refs.push({ key: task.formKey, version: task.formVersion, bind, steps: [task.name] });
  }
  return refs;
}

/** The object at dotted `path` of `context` (the context itself for `''`); empty when there is none. */
export function dataAt(context: JsonObject, path: string): JsonObject {
  let value: Json | undefined = context;
  for (const segment of path ? path.split('.') : []) value = isObject(value) ? value[segment] : undefined;
  return isObject(value) ? value : {};
}

const filled = (value: Json | undefined) =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * `form` projected read-only over `data`: fields without a value are hidden, the others read-only.
 * Undefined when no field of the form has a value (nothing to show).
 */
export function readonlyForm(
  form: Pick<FormDefinition, 'schema' | 'uiSchema'>,
  data: JsonObject,
): ReadonlyForm | undefined {
  const names = fieldNames(form.schema);
  const fields: Record<string, FieldPermission> = Object.fromEntries(
    names.map((name) => [name, filled(data[name]) ? 'readonly' : 'hidden']),
  );
  if (!Object.values(fields).includes('readonly')) return undefined;
  const projected = projectForm({ key: 'record', title: '', ...form }, fields, data);
  const shown = Object.fromEntries(Object.entries(fields).filter(([, p]) => p === 'readonly'));
  // A record is read, not filled: no "required" marks.
  const { required: _required, ...schema } = projected.schema;
  return {
    schema,
    uiSchema: projected.uiSchema,
    data: projected.data as JsonObject,
    fields: shown,
  };
}

/** The top-level context fields the record's forms show (their fields, or their bind's first segment). */
export function fieldsShownByForms(
  forms: readonly { bind: string; schema: FormDefinition['schema'] }[],
): Set<string> {
  const shown = new Set<string>();
  for (const form of forms) {
    if (form.bind) shown.add(form.bind.split('.')[0] ?? form.bind);
    else for (const name of fieldNames(form.schema)) shown.add(name);
  }
  return shown;
}

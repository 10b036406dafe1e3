/**
 * Large documents for the designer bench: a workflow of `n` states that does not fit the simple
 * (tree) mode, so the designer opens it as a graph, and a flat form of `n` fields of mixed types.
 */
import type { MachineConfig, StateConfig, WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition, JSONSchema, UISchema } from '../../forms/types.ts';

const pad = (i: number) => String(i).padStart(3, '0');
/** The state name of step `i`. */
export const stateName = (i: number) => `s${pad(i)}`;
/** The label shown for step `i` (plain steps; task steps show their task name). */
export const stateLabel = (i: number) => `步骤${pad(i)}`;

/**
 * A chain of `n` states ending in a final one: every third state a manager task (approve onwards,
 * return to the step three back, which makes the graph loop and so keeps it out of simple mode),
 * every tenth a guarded choice that may skip a step, the rest plain steps moving on with `NEXT`.
 */
export function bigWorkflow(key: string, n: number): WorkflowDefinition {
  const states: Record<string, StateConfig> = {};
  const last = n - 1;
  for (let i = 0; i < last; i++) {
    const next = stateName(i + 1);
    if (i % 10 === 5 && i + 2 < last) {
      states[stateName(i)] = {
        meta: { label: stateLabel(i) },
        always: [
          { guard: { type: 'expr', params: { expr: 'amount > 100' } }, target: stateName(i + 2) },
          { target: next },
        ],
      };
    } else if (i % 3 === 1 && i >= 3) {
      states[stateName(i)] = {
        meta: {
          label: stateLabel(i),
          task: {
            name: `审批${pad(i)}`,
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve', 'return'],
          },
        },
        on: { APPROVE: { target: next }, RETURN: { target: stateName(i - 3) } },
      };
    } else {
      states[stateName(i)] = { meta: { label: stateLabel(i) }, on: { NEXT: { target: next } } };
    }
  }
  states[stateName(last)] = { type: 'final', meta: { label: stateLabel(last) } };
  const machine: MachineConfig = { id: 'bench', initial: stateName(0), context: { amount: 0 }, states };
  return { key, name: `基准流程 ${n} 个状态`, machine };
}

const FIELD_KINDS: [JSONSchema, UISchema | undefined][] = [
  [{ type: 'string' }, undefined],
  [{ type: 'number' }, undefined],
  [{ type: 'integer', minimum: 0 }, { 'ui:widget': 'money' }],
  [{ type: 'string', enum: ['a', 'b', 'c'] }, { 'ui:enumNames': ['甲', '乙', '丙'] }],
  [{ type: 'string', format: 'date' }, undefined],
  [{ type: 'string' }, { 'ui:widget': 'textarea' }],
];

/** The field name and title of field `i`. */
export const fieldName = (i: number) => `f${pad(i)}`;
export const fieldTitle = (i: number) => `字段${pad(i)}`;

/** A flat form of `n` fields cycling through text, number, money, select, date and text area. */
export function bigForm(key: string, n: number): FormDefinition {
  const properties: Record<string, JSONSchema> = {};
  const uiSchema: UISchema = { 'ui:order': [] };
  const required: string[] = [];
  for (let i = 0; i < n; i++) {
    const [schema, ui] = FIELD_KINDS[i % FIELD_KINDS.length] as [JSONSchema, UISchema | undefined];
    properties[fieldName(i)] = { ...schema, title: fieldTitle(i) };
    if (ui) uiSchema[fieldName(i)] = ui;
    (uiSchema['ui:order'] as string[]).push(fieldName(i));
    if (i % 7 === 0) required.push(fieldName(i));
  }
  return {
    key,
    title: `基准表单 ${n} 个字段`,
    schema: { type: 'object', properties, required },
    uiSchema,
  };
}

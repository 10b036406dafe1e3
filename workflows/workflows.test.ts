import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type StateConfig, validateDefinition, type WorkflowDefinition } from '../engine/index.ts';
import { checkForm, fieldNames, validateData } from '../forms/index.ts';
import { FORMS, SHIPPED_EFFECTS, WORKFLOWS } from './index.ts';
import { ROLES } from './test-directory.ts';

/** Effects every server has (engine/store/effects.ts). */
const BUILTIN_EFFECTS = ['notify', 'webhook', 'workflow.start'];

const formFields = Object.fromEntries(FORMS.map((f) => [f.key, { fields: fieldNames(f.schema) }]));
const options = {
  forms: formFields,
  effects: [...new Set([...SHIPPED_EFFECTS, ...BUILTIN_EFFECTS])],
  roles: ROLES,
};

/** Every state node with its dotted path. */
function statesOf(node: StateConfig, path: string[] = []): [string, StateConfig][] {
  return Object.entries(node.states ?? {}).flatMap(([key, child]) => [
    [[...path, key].join('.'), child] as [string, StateConfig],
    ...statesOf(child, [...path, key]),
  ]);
}

/** Every action of a definition (entry, exit and on transitions). */
function actionsOf(def: WorkflowDefinition): { type: string; params?: Record<string, unknown> }[] {
  const nodes = [def.machine, ...statesOf(def.machine).map(([, s]) => s)];
  const transitions = nodes.flatMap((n) =>
    [...Object.values(n.on ?? {}), ...Object.values(n.after ?? {}), n.always ?? []].flat(),
  );
  return [
    ...nodes.flatMap((n) => [n.entry ?? [], n.exit ?? []].flat()),
    ...transitions.flatMap((t) => (typeof t === 'string' ? [] : [t.actions ?? []].flat())),
  ];
}

describe('shipped workflows and forms', () => {
  it('ships the five dealership flows, every form file of the folder once, and only forms a task uses', () => {
    expect(WORKFLOWS.map((w) => w.key)).toEqual([
      'order-approval',
      'payment',
      'delivery',
      'after-sales',
      'complaint',
    ]);
    const files = readdirSync(fileURLToPath(new URL('.', import.meta.url))).filter((f) =>
      f.endsWith('.form.json'),
    );
    const keys = FORMS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(files.map((f) => f.replace('.form.json', '')).sort());
    const used = new Set(
      WORKFLOWS.flatMap((w) => statesOf(w.machine).flatMap(([, st]) => st.meta?.task?.form ?? [])),
    );
    expect([...keys].sort()).toEqual([...used].sort());
  });

  it.each(WORKFLOWS.map((w) => [w.key, w] as const))(
    'validates %s with forms, effects and roles checked',
    (_, def) => {
      expect(validateDefinition(def, options)).toEqual([]);
    },
  );

  it('finds problems when a form is unknown, so the check above is not vacuous', () => {
    const { 'order-review': _, ...withoutReview } = formFields;
    const problems = validateDefinition(WORKFLOWS[0], { ...options, forms: withoutReview });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('lists exactly the effects the flows emit in SHIPPED_EFFECTS', () => {
    const used = new Set(
      WORKFLOWS.flatMap(actionsOf)
        .filter((a) => a.type === 'effect')
        .map((a) => String(a.params?.name)),
    );
    expect([...used].sort()).toEqual([...SHIPPED_EFFECTS].sort());
  });

  it('names every task in Chinese, with assignees, and forms that ship', () => {
    const tasks = WORKFLOWS.flatMap((w) =>
      statesOf(w.machine).flatMap(([, s]) => (s.meta?.task ? [s.meta.task] : [])),
    );
    expect(tasks.length).toBeGreaterThan(30);
    for (const task of tasks) {
      expect(task.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(Object.keys(task.assignee).length).toBeGreaterThan(0);
      if (task.form) expect(formFields[task.form], task.form).toBeDefined();
    }
  });

  it('uses camelCase state names and SCREAMING_SNAKE event types', () => {
    for (const def of WORKFLOWS) {
      for (const [path, state] of statesOf(def.machine)) {
        expect(path.split('.').at(-1)).toMatch(/^[a-z][A-Za-z0-9]*$/);
        for (const type of Object.keys(state.on ?? {})) expect(type).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }
    }
  });

  it.each(FORMS.map((f) => [f.key, f] as const))(
    'gives form %s a Chinese title, a draft-07 schema and an order',
    (_, form) => {
      expect(form.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(form.schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      const fields = fieldNames(form.schema);
      expect(form.uiSchema?.['ui:order']).toEqual(fields);
      for (const field of fields) expect(form.schema.properties[field].title).toMatch(/[\u4e00-\u9fa5]/);
      for (const field of form.schema.required ?? []) expect(fields).toContain(field);
      expect(checkForm(form)).toEqual([]);
      // The schema itself compiles and rejects a non-object.
      expect(validateData(form.schema, 'x', 'zh-CN').length).toBeGreaterThan(0);
    },
  );

  it('stores every money field as a non-negative integer of fen shown with the money widget', () => {
    const money = FORMS.flatMap((f) =>
      fieldNames(f.schema)
        .filter((name) => f.uiSchema?.[name]?.['ui:widget'] === 'money')
        .map((name) => ({ form: f.key, name, schema: f.schema.properties[name] })),
    );
    expect(money.length).toBeGreaterThan(15);
    // Signed amounts are facts shown to reviewers, never typed in: a concession or a loss.
    const signed = ['concession', 'grossProfit'];
    for (const { form, name, schema } of money) {
      expect(schema.type, `${form}.${name}`).toBe('integer');
      if (!signed.includes(name)) expect(schema.minimum, `${form}.${name}`).toBe(0);
    }
  });
});

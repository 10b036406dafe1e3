/**
 * The documents 新建流程 / 新建表单 create: blank, from a template (flows: small approval shapes the
 * admin then edits in the flow designer) or a copy, each given its new key, name and labels.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition } from '../../forms/types.ts';
import { machineIdOf } from './definition-keys.ts';
import approvalCc from './templates/approval-cc.workflow.json' with { type: 'json' };
import oneLevel from './templates/one-level.workflow.json' with { type: 'json' };
import twoLevel from './templates/two-level.workflow.json' with { type: 'json' };

/** The templates, in the order the create dialog offers them. */
export const FLOW_TEMPLATES: readonly WorkflowDefinition[] = [oneLevel, twoLevel, approvalCc].map(
  (json) => json as unknown as WorkflowDefinition,
);

/** A blank flow: the start leads straight to the end; the admin adds the steps in the designer. */
export const BLANK_FLOW: WorkflowDefinition = {
  key: 'blank',
  name: '空白流程',
  machine: {
    id: 'blank',
    initial: 'done',
    context: {},
    states: { done: { type: 'final', meta: { label: '结束' } } },
  },
};

/** What the create dialog lets the admin set on any new document. */
export interface NewDefinitionFields {
  key: string;
  name: string;
  description?: string;
  category?: string;
  icon?: string;
}

/**
 * `source` (a template or a flow being copied) as a new flow: its own key, name, description,
 * category and icon, and a machine id from the key. Everything else (steps, starters, start form,
 * events) is kept.
 */
export function asNewFlow(source: WorkflowDefinition, fields: NewDefinitionFields): WorkflowDefinition {
  const copy = structuredClone(source);
  const { description, category, icon, ...rest } = copy;
  void description;
  void category;
  void icon;
  return {
    ...rest,
    key: fields.key,
    name: fields.name,
    ...(fields.description ? { description: fields.description } : {}),
    ...(fields.category ? { category: fields.category } : {}),
    ...(fields.icon ? { icon: fields.icon } : {}),
    machine: { ...copy.machine, id: machineIdOf(fields.key) },
  };
}

/** A blank form: no fields yet (the admin adds them in the form builder). */
export const BLANK_FORM: FormDefinition = {
  key: 'blank',
  title: '空白表单',
  schema: { type: 'object', properties: {} },
  uiSchema: {},
};

/** `source` (blank or a form being copied) as a new form: its key, title and labels; fields kept. */
export function asNewForm(source: FormDefinition, fields: NewDefinitionFields): FormDefinition {
  const { description, category, icon, version, ...rest } = structuredClone(source) as FormDefinition & {
    category?: string;
    icon?: string;
    version?: number;
  };
  void description;
  void category;
  void icon;
  void version;
  return {
    ...rest,
    key: fields.key,
    title: fields.name,
    ...(fields.description ? { description: fields.description } : {}),
    ...(fields.category ? { category: fields.category } : {}),
    ...(fields.icon ? { icon: fields.icon } : {}),
  };
}

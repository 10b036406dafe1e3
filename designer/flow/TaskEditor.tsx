/**
 * Edits a human task (`meta.task`): name, assignees (roles, users, CEL expression, the submitter's
 * manager, a person picked in a form), mode 或签/会签/依次/票签, outcomes, form with per-field
 * permissions, deadline, and the approval rules (TaskRulesEditor.tsx).
 */
import { Form, Input, Segmented, Select, Table } from 'antd';
import type { FieldPermission, TaskMode, TaskSpec } from '../../engine/types.ts';
import { DeadlineEditor } from './DeadlineEditor.tsx';
import { useDesignerOptions } from './designer-options.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import { withOptional } from './optional-key.ts';
import { fmt } from './strings.ts';
import { ManagerApprovers, TaskRules } from './TaskRulesEditor.tsx';
import { useFormFieldLabels } from './use-flow-fields.ts';

export interface TaskEditorProps {
  task: TaskSpec;
  onChange: (task: TaskSpec) => void;
  /** Whether outcomes are edited here (approval nodes derive them from their switches). */
  editOutcomes?: boolean;
  idPrefix?: string;
  /** Whether the approval rules are edited (not for the submitter's own step). */
  rules?: boolean;
}

const MODES: TaskMode[] = ['any', 'all', 'sequential', 'vote'];
const PERMISSIONS: FieldPermission[] = ['hidden', 'readonly', 'editable', 'required'];

/** The task form of the property panel. */
export function TaskEditor({
  task,
  onChange,
  editOutcomes = true,
  idPrefix = 'task',
  rules = true,
}: TaskEditorProps) {
  const { roles, users, forms, contextNames } = useDesignerOptions();
  const id = (name: string) => `${idPrefix}-${name}`;
  const setAssignee = (key: 'roles' | 'users' | 'expr', value: string[] | string) =>
    onChange({ ...task, assignee: withOptional(task.assignee, key, value) });
  return (
    <Form layout="vertical" size="small" component="div">
      <Form.Item label={fmt('ui.taskName')} htmlFor={id('name')}>
        <Input
          id={id('name')}
          value={task.name}
          onChange={(e) => onChange({ ...task, name: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.roles')} htmlFor={id('roles')}>
        <Select
          id={id('roles')}
          mode="tags"
          value={task.assignee.roles ?? []}
          options={roles.map((r) => ({ value: r.code, label: `${r.labelZh} (${r.code})` }))}
          onChange={(v: string[]) => setAssignee('roles', v)}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.users')} htmlFor={id('users')}>
        <Select
          id={id('users')}
          mode="multiple"
          value={task.assignee.users ?? []}
          options={users.map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }))}
          onChange={(v: string[]) => setAssignee('users', v)}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.assigneeExpr')} htmlFor={id('expr')}>
        <ExpressionInput
          id={id('expr')}
          optional
          placeholder="consultant"
          value={task.assignee.expr ?? ''}
          names={contextNames}
          onChange={(v) => setAssignee('expr', v)}
        />
      </Form.Item>
      {rules && <ManagerApprovers task={task} onChange={onChange} idPrefix={idPrefix} />}
      <Form.Item label={fmt('ui.mode')}>
        <Segmented<TaskMode>
          value={task.mode ?? 'any'}
          options={MODES.map((m) => ({ value: m, label: fmt(`ui.mode.${m}`) }))}
          // Leaving 票签 drops its threshold: it means nothing in the other modes.
          onChange={(mode) =>
            onChange(mode === 'vote' ? { ...task, mode } : withOptional({ ...task, mode }, 'vote', undefined))
          }
        />
      </Form.Item>
      {editOutcomes && (
        <Form.Item label={fmt('ui.outcomes')} htmlFor={id('outcomes')}>
          <Select
            id={id('outcomes')}
            mode="tags"
            value={task.outcomes ?? ['complete']}
            onChange={(outcomes: string[]) => onChange(withOptional(task, 'outcomes', outcomes))}
          />
        </Form.Item>
      )}
      <Form.Item label={fmt('ui.form')} htmlFor={id('form')}>
        <Select
          id={id('form')}
          allowClear
          placeholder={fmt('ui.noForm')}
          value={task.form}
          options={forms.map((f) => ({ value: f.key, label: `${f.title} (${f.key})` }))}
          onChange={(form?: string) => onChange(withOptional(task, 'form', form))}
        />
      </Form.Item>
      {task.form && <FieldPermissionsGrid task={task} onChange={onChange} />}
      <DeadlineEditor task={task} onChange={onChange} idPrefix={idPrefix} />
      {rules && <TaskRules task={task} onChange={onChange} idPrefix={idPrefix} />}
    </Form>
  );
}

/** One row per form field, one radio-like select per permission. */
function FieldPermissionsGrid({ task, onChange }: { task: TaskSpec; onChange: (task: TaskSpec) => void }) {
  const fields = useFormFieldLabels(task.form);
  const labels = new Map(fields.map((f) => [f.value, f.label]));
  const names = [...new Set([...fields.map((f) => f.value), ...Object.keys(task.fields ?? {})])];
  const set = (field: string, perm: FieldPermission) => {
    const next = { ...task.fields, [field]: perm };
    if (perm === 'editable') delete next[field];
    onChange(withOptional(task, 'fields', Object.keys(next).length ? next : undefined));
  };
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      aria-label={fmt('ui.fields')}
      dataSource={names.map((field) => ({
        field,
        label: labels.get(field) ?? field,
        perm: task.fields?.[field] ?? 'editable',
      }))}
      columns={[
        {
          title: fmt('ui.field'),
          dataIndex: 'label',
          render: (label: string, row: { field: string }) => <span title={row.field}>{label}</span>,
        },
        {
          title: fmt('ui.fields'),
          dataIndex: 'perm',
          render: (perm: FieldPermission, row: { field: string; label: string }) => (
            <Segmented<FieldPermission>
              size="small"
              aria-label={`${row.label} ${fmt('ui.fields')}`}
              value={perm}
              options={PERMISSIONS.map((p) => ({ value: p, label: fmt(`ui.perm.${p}`) }))}
              onChange={(p) => set(row.field, p)}
            />
          ),
        },
      ]}
    />
  );
}

/**
 * The simple mode's property panel: edits the selected tree node (task, assignees, options, timer,
 * cc recipients, state name) or condition branch (name, CEL guard).
 */
import { Empty, Form, Input, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isValidDuration } from '../../engine/duration.ts';
import type { AssigneeSpec } from '../../engine/types.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { useDesignerOptions } from './designer-options.tsx';
import { stateLabelText } from './graph-labels.ts';
import { fmt } from './strings.ts';
import { TaskEditor } from './TaskEditor.tsx';
import {
  type ApprovalTree,
  type ConditionBranch,
  finalStatesOf,
  findNode,
  locateBranch,
  type NodePatch,
  type TreeEdit,
  type TreeNode,
  updateBranch,
  updateNode,
} from './tree-model.ts';

export interface PropertyPanelProps {
  tree: ApprovalTree;
  selectedId: string | undefined;
  onChange: (tree: ApprovalTree) => void;
  onError: (reason: string) => void;
}

/** A text input that commits on blur / Enter, for values that must be valid before they apply (state names). */
function CommitInput({ id, value, onCommit }: { id: string; value: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <Input
      id={id}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}

function Recipients({ value, onChange }: { value: AssigneeSpec; onChange: (v: AssigneeSpec) => void }) {
  const { roles, users } = useDesignerOptions();
  return (
    <>
      <Form.Item label={fmt('ui.roles')} htmlFor="cc-roles">
        <Select
          id="cc-roles"
          mode="tags"
          value={value.roles ?? []}
          options={roles.map((r) => ({ value: r.code, label: `${r.labelZh} (${r.code})` }))}
          onChange={(v: string[]) => onChange({ ...value, roles: v })}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.users')} htmlFor="cc-users">
        <Select
          id="cc-users"
          mode="multiple"
          value={value.users ?? []}
          options={users.map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }))}
          onChange={(v: string[]) => onChange({ ...value, users: v })}
        />
      </Form.Item>
    </>
  );
}

function NodeFields({
  node,
  patch,
  finals,
}: {
  node: TreeNode;
  patch: (p: NodePatch) => void;
  finals: { value: string; label: string }[];
}) {
  const [duration, setDuration] = useState(node.kind === 'timer' ? node.duration : '');
  useEffect(() => setDuration(node.kind === 'timer' ? node.duration : ''), [node]);
  switch (node.kind) {
    case 'approval':
      return (
        <>
          <TaskEditor task={node.task} editOutcomes={false} onChange={(task) => patch({ task })} />
          <Form layout="horizontal" size="small" component="div">
            <Form.Item label={fmt('ui.allowReject')}>
              <Switch
                aria-label={fmt('ui.allowReject')}
                checked={node.allowReject}
                onChange={(allowReject) => patch({ allowReject })}
              />
            </Form.Item>
            {node.allowReject && (
              <Form.Item label={fmt('ui.rejectTo')} htmlFor="reject-to">
                <Select
                  id="reject-to"
                  value={node.rejectTo}
                  options={finals}
                  onChange={(rejectTo: string) => patch({ rejectTo })}
                  style={{ minWidth: 160 }}
                />
              </Form.Item>
            )}
            <Form.Item label={fmt('ui.allowReturn')}>
              <Switch
                aria-label={fmt('ui.allowReturn')}
                checked={node.allowReturn}
                onChange={(allowReturn) => patch({ allowReturn })}
              />
            </Form.Item>
          </Form>
        </>
      );
    case 'handler':
      return <TaskEditor task={node.task} onChange={(task) => patch({ task })} />;
    case 'start':
      return node.task ? (
        <TaskEditor task={node.task} rules={false} onChange={(task) => patch({ task })} />
      ) : null;
    case 'cc':
      return (
        <Form layout="vertical" size="small" component="div">
          <Typography.Text type="secondary">{fmt('ui.recipients')}</Typography.Text>
          <Recipients value={node.recipients} onChange={(recipients) => patch({ recipients })} />
        </Form>
      );
    case 'timer': {
      const bad = !isValidDuration(duration);
      return (
        <Form layout="vertical" size="small" component="div">
          <Form.Item
            label={fmt('ui.duration')}
            htmlFor="timer-duration"
            validateStatus={bad ? 'error' : undefined}
            help={bad ? fmt('ui.badDuration') : undefined}
          >
            <Input
              id="timer-duration"
              value={duration}
              onChange={(e) => {
                setDuration(e.target.value);
                if (isValidDuration(e.target.value)) patch({ duration: e.target.value });
              }}
            />
          </Form.Item>
        </Form>
      );
    }
    default:
      return null;
  }
}

function BranchFields({
  branch,
  onEdit,
}: {
  branch: ConditionBranch;
  onEdit: (p: { name?: string; expr?: string }) => void;
}) {
  const { contextNames, fields } = useDesignerOptions();
  return (
    <Form layout="vertical" size="small" component="div">
      <Form.Item label={fmt('ui.branchName')} htmlFor="branch-name">
        <Input
          id="branch-name"
          value={branch.name ?? ''}
          onChange={(e) => onEdit({ name: e.target.value })}
        />
      </Form.Item>
      {branch.expr === undefined ? (
        <Typography.Text type="secondary">{fmt('ui.elseBranch')}</Typography.Text>
      ) : (
        <Form.Item label={fmt('ui.guard')} htmlFor="branch-expr">
          <ConditionEditor
            id="branch-expr"
            value={branch.expr}
            fields={fields}
            names={contextNames}
            onChange={(expr) => onEdit({ expr })}
          />
        </Form.Item>
      )}
    </Form>
  );
}

/** The panel beside the simple canvas. */
export function PropertyPanel({ tree, selectedId, onChange, onError }: PropertyPanelProps) {
  const apply = (edit: TreeEdit) => (edit.ok ? onChange(edit.tree) : onError(edit.reason));
  const node = selectedId ? findNode(tree, selectedId) : undefined;
  const branch = selectedId && !node ? locateBranch(tree, selectedId)?.branch : undefined;
  if (branch && !('region' in branch)) {
    return (
      <BranchFields branch={branch} onEdit={(p) => selectedId && apply(updateBranch(tree, selectedId, p))} />
    );
  }
  if (!node || !selectedId) return <Empty description={fmt('ui.nothingSelected')} />;
  const patch = (p: NodePatch) => apply(updateNode(tree, selectedId, p));
  return (
    <section aria-label={fmt(`node.${node.kind}`)}>
      <Typography.Title level={5}>{fmt(`node.${node.kind}`)}</Typography.Title>
      {node.state !== undefined && (
        <Form layout="vertical" size="small" component="div">
          <Form.Item label={fmt('ui.stateName')} htmlFor="node-state">
            <CommitInput id="node-state" value={node.state} onCommit={(state) => patch({ state })} />
          </Form.Item>
        </Form>
      )}
      <NodeFields
        node={node}
        patch={patch}
        finals={finalStatesOf(tree).map((f) => ({ value: f, label: stateLabelText(f, tree.extraStates[f]) }))}
      />
    </section>
  );
}

/**
 * The approval rules of a task (`meta.task`, engine/types.ts `TaskSpec`) as controls: approvers from
 * the submitter's manager or a person picked in a form, the vote threshold, comments required,
 * signature, where it may be returned to and how the resubmission comes back, what happens when nobody
 * is found, dedupe and skipping the submitter.
 */
import { AutoComplete, Divider, Flex, Form, InputNumber, Segmented, Select, Switch } from 'antd';
import { useState } from 'react';
import type { AssigneeSpec, TaskSpec, VoteSpec } from '../../engine/types.ts';
import { useDesignerOptions } from './designer-options.tsx';
import { eventLabelText } from './graph-labels.ts';
import { outcomeEvent } from './machine-utils.ts';
import { withOptional } from './optional-key.ts';
import { fmt } from './strings.ts';

type Manager = NonNullable<AssigneeSpec['manager']> | 'none';
type Signature = NonNullable<TaskSpec['signature']> | 'none';
type WhenEmpty = NonNullable<TaskSpec['whenEmpty']> | 'wait';
type VoteBasis = 'ratio' | 'count';

const MANAGERS: Manager[] = ['none', 'store', 'team'];
const SIGNATURES: Signature[] = ['none', 'optional', 'required'];
const WHEN_EMPTY: WhenEmpty[] = ['wait', 'autoPass', 'admin'];
const RESUBMIT: NonNullable<TaskSpec['resubmit']>[] = ['through', 'toReturner'];
/** Task actions that may demand a comment besides the outcomes (engine/complete-task.ts). */
const ACTIONS = ['return', 'transfer', 'delegate', 'add-approver'] as const;

export interface TaskRulesProps {
  task: TaskSpec;
  onChange: (task: TaskSpec) => void;
  idPrefix: string;
}

/** Approvers from the submitter's manager (store / team, with the managers' role) and from a form field. */
export function ManagerApprovers({ task, onChange, idPrefix }: TaskRulesProps) {
  const { roles, fields } = useDesignerOptions();
  const id = (name: string) => `${idPrefix}-${name}`;
  const manager: Manager = task.assignee.manager ?? 'none';
  const setAssignee = (assignee: AssigneeSpec) => onChange({ ...task, assignee });
  const setManager = (next: Manager) => {
    let assignee = withOptional(task.assignee, 'manager', next === 'none' ? undefined : next);
    if (next === 'none') assignee = withOptional(assignee, 'managerRole', undefined);
    setAssignee(assignee);
  };
  return (
    <>
      <Form.Item label={fmt('ui.manager')}>
        <Flex gap={6} wrap>
          <Segmented<Manager>
            aria-label={fmt('ui.manager')}
            value={manager}
            options={MANAGERS.map((m) => ({ value: m, label: fmt(`ui.manager.${m}`) }))}
            onChange={setManager}
          />
          {manager !== 'none' && (
            <Select
              aria-label={fmt('ui.managerRole')}
              placeholder={fmt('ui.managerRole')}
              value={task.assignee.managerRole}
              options={roles.map((r) => ({ value: r.code, label: `${r.labelZh} (${r.code})` }))}
              onChange={(role: string) => setAssignee({ ...task.assignee, managerRole: role })}
              style={{ minWidth: 160 }}
            />
          )}
        </Flex>
      </Form.Item>
      <Form.Item label={fmt('ui.assigneeField')} htmlFor={id('assignee-field')}>
        <AutoComplete
          id={id('assignee-field')}
          allowClear
          placeholder={fmt('ui.assigneeField.placeholder')}
          value={task.assignee.field ?? ''}
          options={fields.map((f) => ({ value: f.path, label: `${f.label} (${f.path})` }))}
          filterOption={(input, option) =>
            String(option?.label ?? '')
              .toLowerCase()
              .includes(input.toLowerCase())
          }
          onChange={(field?: string) =>
            setAssignee(withOptional(task.assignee, 'field', field?.trim() || undefined))
          }
        />
      </Form.Item>
    </>
  );
}

/** The vote threshold of a `vote` step: a share in percent or a count of approvals. */
function VoteThreshold({ task, onChange }: Omit<TaskRulesProps, 'idPrefix'>) {
  const [chosen, setChosen] = useState<VoteBasis>(task.vote?.count !== undefined ? 'count' : 'ratio');
  const basis: VoteBasis =
    task.vote?.count !== undefined ? 'count' : task.vote?.ratio !== undefined ? 'ratio' : chosen;
  const setVote = (vote: VoteSpec | undefined) => onChange(withOptional(task, 'vote', vote));
  const amount = basis === 'count' ? task.vote?.count : task.vote?.ratio && Math.round(task.vote.ratio * 100);
  const setAmount = (value: number | null) => {
    if (value === null || value <= 0) return setVote(undefined);
    setVote(basis === 'count' ? { count: value } : { ratio: Math.min(value, 100) / 100 });
  };
  return (
    <Form.Item label={fmt('ui.vote')} extra={fmt('ui.vote.default')}>
      <Flex gap={6}>
        <Segmented<VoteBasis>
          aria-label={fmt('ui.vote')}
          value={basis}
          options={(['ratio', 'count'] as const).map((b) => ({ value: b, label: fmt(`ui.vote.${b}`) }))}
          onChange={(next) => {
            setChosen(next);
            setVote(undefined);
          }}
        />
        <InputNumber
          aria-label={fmt(basis === 'count' ? 'ui.vote.countValue' : 'ui.vote.ratioValue')}
          min={1}
          max={basis === 'count' ? undefined : 100}
          precision={0}
          value={amount ?? null}
          onChange={(v) => setAmount(typeof v === 'number' ? v : null)}
          suffix={basis === 'ratio' ? '%' : undefined}
          style={{ width: 110 }}
        />
      </Flex>
    </Form.Item>
  );
}

/** The rules below the assignees: vote, comments, signature, return, empty approvers, dedupe, submitter. */
export function TaskRules({ task, onChange, idPrefix }: TaskRulesProps) {
  const { steps = [] } = useDesignerOptions();
  const id = (name: string) => `${idPrefix}-${name}`;
  const outcomes = task.outcomes ?? ['complete'];
  const commentChoices = [
    ...outcomes.map((o) => ({ value: o, label: eventLabelText(outcomeEvent(o)) })),
    ...ACTIONS.filter((a) => !outcomes.includes(a)).map((a) => ({ value: a, label: fmt(`ui.action.${a}`) })),
  ];
  const returnChoices = [
    { value: 'previous', label: fmt('ui.returnTo.previous') },
    { value: 'submitter', label: fmt('ui.returnTo.submitter') },
    ...steps.map((s) => ({ value: s.value, label: `${s.label} (${s.value})` })),
  ];
  const set = <K extends keyof TaskSpec>(key: K, value: TaskSpec[K] | undefined) =>
    onChange(withOptional(task, key, value));
  return (
    <>
      <Divider titlePlacement="start" plain>
        {fmt('ui.rules')}
      </Divider>
      {task.mode === 'vote' && <VoteThreshold task={task} onChange={onChange} />}
      <Form.Item label={fmt('ui.commentRequired')} htmlFor={id('comment-required')}>
        <Select
          id={id('comment-required')}
          mode="multiple"
          allowClear
          value={task.commentRequired ?? []}
          options={commentChoices}
          onChange={(v: string[]) => set('commentRequired', v)}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.signature')}>
        <Segmented<Signature>
          aria-label={fmt('ui.signature')}
          value={task.signature ?? 'none'}
          options={SIGNATURES.map((s) => ({ value: s, label: fmt(`ui.signature.${s}`) }))}
          onChange={(s) => set('signature', s === 'none' ? undefined : s)}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.returnTo')} htmlFor={id('return-to')} extra={fmt('ui.returnTo.default')}>
        <Select
          id={id('return-to')}
          mode="multiple"
          allowClear
          value={task.returnTo ?? []}
          options={returnChoices}
          onChange={(v: string[]) => set('returnTo', v)}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.resubmit')}>
        <Segmented<NonNullable<TaskSpec['resubmit']>>
          aria-label={fmt('ui.resubmit')}
          value={task.resubmit ?? 'through'}
          options={RESUBMIT.map((r) => ({ value: r, label: fmt(`ui.resubmit.${r}`) }))}
          onChange={(r) => set('resubmit', r === 'through' ? undefined : r)}
        />
      </Form.Item>
      <Form.Item label={fmt('ui.whenEmpty')} htmlFor={id('when-empty')}>
        <Select<WhenEmpty>
          id={id('when-empty')}
          value={task.whenEmpty ?? 'wait'}
          options={WHEN_EMPTY.map((w) => ({ value: w, label: fmt(`ui.whenEmpty.${w}`) }))}
          onChange={(w) => set('whenEmpty', w === 'wait' ? undefined : w)}
        />
      </Form.Item>
      <Form.Item>
        <Flex vertical gap={6}>
          <Flex gap={8} align="center">
            <Switch
              size="small"
              aria-label={fmt('ui.dedupe')}
              checked={task.dedupe ?? false}
              onChange={(on) => set('dedupe', on || undefined)}
            />
            {fmt('ui.dedupe')}
          </Flex>
          <Flex gap={8} align="center">
            <Switch
              size="small"
              aria-label={fmt('ui.skipSubmitter')}
              checked={task.skipSubmitter ?? false}
              onChange={(on) => set('skipSubmitter', on || undefined)}
            />
            {fmt('ui.skipSubmitter')}
          </Flex>
        </Flex>
      </Form.Item>
    </>
  );
}

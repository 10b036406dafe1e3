/**
 * A task's deadline as pickers: a number and 小时 / 天 / 工作日, reminders before / at / after the
 * deadline and what happens when it passes. Writes `meta.task.deadline` (see duration-model.ts).
 */
import { Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useState } from 'react';
import { isValidDuration } from '../../engine/duration.ts';
import type { TaskSpec } from '../../engine/types.ts';
import { useDesignerOptions } from './designer-options.tsx';
import {
  type DeadlineSpec,
  type DeadlineUnit,
  durationOf,
  durationWords,
  pickDuration,
  readDeadline,
  type TaskWithDeadline,
  type TimeoutAction,
  writeDeadline,
} from './duration-model.ts';
import { fmt } from './strings.ts';

const UNITS: DeadlineUnit[] = ['hours', 'days', 'workdays'];
const ACTIONS: TimeoutAction[] = ['none', 'approve', 'return', 'escalate'];
const REMINDERS = ['PT1H', 'PT2H', 'PT4H', 'P1D'];

export interface DeadlineEditorProps {
  task: TaskSpec;
  onChange: (task: TaskSpec) => void;
  idPrefix: string;
}

/** The deadline rows of the task editor. */
export function DeadlineEditor({ task, onChange, idPrefix }: DeadlineEditorProps) {
  const { roles } = useDesignerOptions();
  const deadline = readDeadline(task as TaskWithDeadline);
  const calendar = deadline?.calendar ?? 'natural';
  const picked = deadline?.duration ? pickDuration(deadline.duration, calendar) : undefined;
  // A stored duration the pickers cannot show (PT30M, P1M) stays editable as text.
  const raw = deadline?.duration !== undefined && picked === undefined;
  // The unit chosen stays while the number is cleared and typed again.
  const [chosenUnit, setChosenUnit] = useState<DeadlineUnit>('hours');
  const unit = picked?.unit ?? chosenUnit;
  const set = (next: DeadlineSpec | undefined) =>
    onChange(writeDeadline(task as TaskWithDeadline, next) as TaskSpec);
  const patch = (p: Partial<DeadlineSpec>) => set({ ...deadline, ...p });
  const pick = (amount: number | null, unit: DeadlineUnit) =>
    amount === null || amount <= 0 ? set(undefined) : patch(durationOf({ amount, unit }));
  const remindOptions = REMINDERS.map((d) => ({ value: d, label: durationWords(d) }));
  const id = (name: string) => `${idPrefix}-${name}`;
  const badRaw = raw && !isValidDuration(deadline?.duration ?? '');
  return (
    <>
      <Form.Item
        label={fmt('deadline.label')}
        htmlFor={id('deadline')}
        validateStatus={badRaw ? 'error' : undefined}
        help={badRaw ? fmt('ui.badDuration') : undefined}
      >
        {raw ? (
          <Input
            id={id('deadline')}
            aria-label={fmt('deadline.raw')}
            value={deadline?.duration ?? ''}
            onChange={(e) => (e.target.value ? patch({ duration: e.target.value }) : set(undefined))}
          />
        ) : (
          <Flex gap={6}>
            <InputNumber
              id={id('deadline')}
              aria-label={fmt('deadline.amount')}
              min={1}
              precision={0}
              placeholder={fmt('deadline.none')}
              value={picked?.amount ?? null}
              onChange={(v) => pick(typeof v === 'number' ? v : null, unit)}
              style={{ width: 110 }}
            />
            <Select
              aria-label={fmt('deadline.unit')}
              value={unit}
              options={UNITS.map((u) => ({ value: u, label: fmt(`dur.unit.${u}`) }))}
              onChange={(next: DeadlineUnit) => {
                setChosenUnit(next);
                if (picked) pick(picked.amount, next);
              }}
              style={{ width: 100 }}
            />
          </Flex>
        )}
      </Form.Item>
      {deadline && (
        <>
          <Form.Item label={fmt('deadline.remindBefore')} htmlFor={id('remind-before')}>
            <Select
              id={id('remind-before')}
              mode="multiple"
              allowClear
              value={deadline.remind?.before ?? []}
              options={remindOptions}
              onChange={(before: string[]) => patch({ remind: { ...deadline.remind, before } })}
            />
          </Form.Item>
          <Form.Item label={fmt('deadline.remindAt')}>
            <Switch
              aria-label={fmt('deadline.remindAt')}
              checked={deadline.remind?.at ?? false}
              onChange={(at) => patch({ remind: { ...deadline.remind, at } })}
            />
          </Form.Item>
          <Form.Item label={fmt('deadline.onTimeout')} htmlFor={id('on-timeout')}>
            <Flex gap={6}>
              <Select
                id={id('on-timeout')}
                value={deadline.onTimeout?.action ?? 'none'}
                options={ACTIONS.map((a) => ({ value: a, label: fmt(`deadline.action.${a}`) }))}
                onChange={(action: TimeoutAction) =>
                  patch({
                    onTimeout:
                      action === 'escalate'
                        ? { action, ...(deadline.onTimeout?.role ? { role: deadline.onTimeout.role } : {}) }
                        : { action },
                  })
                }
                style={{ minWidth: 130 }}
              />
              {deadline.onTimeout?.action === 'escalate' && (
                <Select
                  aria-label={fmt('deadline.escalateRole')}
                  value={deadline.onTimeout.role}
                  options={roles.map((r) => ({ value: r.code, label: r.labelZh }))}
                  onChange={(role: string) => patch({ onTimeout: { action: 'escalate', role } })}
                  style={{ minWidth: 120 }}
                />
              )}
            </Flex>
          </Form.Item>
        </>
      )}
    </>
  );
}

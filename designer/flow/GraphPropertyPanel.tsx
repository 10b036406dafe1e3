/**
 * The graph mode's property panel: a state (name, label, human task) or a transition (event, CEL guard,
 * effects from the server's effect catalogue).
 */
import { Button, Empty, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ActionRef, MachineConfig, StateConfig, TransitionConfig } from '../../engine/types.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { useDesignerOptions } from './designer-options.tsx';
import type { GraphSelection } from './GraphModeCanvas.tsx';
import { renameState, replaceState, stateAt, updateTransition } from './graph-edits.ts';
import type { TransitionRef } from './graph-model.ts';
import { transitionList } from './machine-utils.ts';
import { fmt } from './strings.ts';
import { TaskEditor } from './TaskEditor.tsx';

export interface GraphPropertyPanelProps {
  machine: MachineConfig;
  selected: GraphSelection | undefined;
  onChange: (machine: MachineConfig) => void;
  onSelect: (selection: GraphSelection | undefined) => void;
}

function transitionAt(machine: MachineConfig, ref: TransitionRef): TransitionConfig | undefined {
  const s = stateAt(machine, ref.source);
  if (!s) return undefined;
  const group =
    ref.kind === 'on'
      ? s.on?.[ref.key ?? '']
      : ref.kind === 'after'
        ? s.after?.[ref.key ?? '']
        : ref.kind === 'always'
          ? s.always
          : s.onDone;
  return transitionList(group)[ref.index];
}

function StateFields({
  machine,
  path,
  onChange,
  onSelect,
}: { machine: MachineConfig; path: string } & Pick<GraphPropertyPanelProps, 'onChange' | 'onSelect'>) {
  const state = stateAt(machine, path) as StateConfig;
  const name = path.split('.').at(-1) ?? path;
  const [draftName, setDraftName] = useState(name);
  useEffect(() => setDraftName(name), [name]);
  const set = (next: StateConfig) => onChange(replaceState(machine, path, next));
  const rename = () => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(draftName) || draftName === name) return setDraftName(name);
    onChange(renameState(machine, path, draftName));
    onSelect({ type: 'state', path: [...path.split('.').slice(0, -1), draftName].join('.') });
  };
  return (
    <>
      <Form layout="vertical" size="small" component="div">
        <Form.Item label={fmt('ui.stateName')} htmlFor="graph-state-name">
          <Input
            id="graph-state-name"
            value={draftName}
            onChange={(e) => setDraftName(e.target.value)}
            onBlur={rename}
            onPressEnter={rename}
          />
        </Form.Item>
        <Form.Item label={fmt('ui.label')} htmlFor="graph-state-label">
          <Input
            id="graph-state-label"
            value={state.meta?.label ?? ''}
            onChange={(e) => set({ ...state, meta: { ...state.meta, label: e.target.value } })}
          />
        </Form.Item>
      </Form>
      {state.meta?.task ? (
        <TaskEditor
          task={state.meta.task}
          idPrefix="graph-task"
          onChange={(task) => set({ ...state, meta: { ...state.meta, task } })}
        />
      ) : (
        state.type !== 'final' &&
        !state.states && (
          <Button
            onClick={() =>
              set({
                ...state,
                meta: { ...state.meta, task: { name, assignee: { roles: [] }, outcomes: ['complete'] } },
              })
            }
          >
            {fmt('ui.makeTask')}
          </Button>
        )
      )}
    </>
  );
}

function EdgeFields({
  machine,
  refr,
  onChange,
  onSelect,
}: { machine: MachineConfig; refr: TransitionRef } & Pick<GraphPropertyPanelProps, 'onChange' | 'onSelect'>) {
  const { effects, contextNames, fields } = useDesignerOptions();
  const t = transitionAt(machine, refr);
  if (!t) return <Empty />;
  const expr = t.guard?.params?.expr;
  const actions: ActionRef[] =
    t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
  const effectNames = actions.flatMap((a) =>
    a.type === 'effect' && typeof a.params?.name === 'string' ? [a.params.name] : [],
  );
  const setEffects = (names: string[]) => {
    const kept = actions.filter(
      (a) => a.type !== 'effect' || (typeof a.params?.name === 'string' && names.includes(a.params.name)),
    );
    const added = names
      .filter((n) => !effectNames.includes(n))
      .map((n): ActionRef => ({ type: 'effect', params: { name: n, args: {} } }));
    onChange(updateTransition(machine, refr, { actions: [...kept, ...added] }));
  };
  return (
    <Form layout="vertical" size="small" component="div">
      {refr.kind === 'on' && (
        <Form.Item label={fmt('ui.event')} htmlFor="edge-event">
          <Input
            id="edge-event"
            defaultValue={refr.key}
            onBlur={(e) => {
              const event = e.target.value.trim();
              if (!event || event === refr.key) return;
              onChange(updateTransition(machine, refr, { event }));
              onSelect(undefined);
            }}
          />
        </Form.Item>
      )}
      <Form.Item label={fmt('ui.guard')} htmlFor="edge-guard">
        {typeof expr === 'string' ? (
          <ConditionEditor
            id="edge-guard"
            value={expr}
            fields={fields}
            names={contextNames}
            onChange={(guard) => onChange(updateTransition(machine, refr, { guard }))}
          />
        ) : (
          <Button
            id="edge-guard"
            size="small"
            onClick={() => onChange(updateTransition(machine, refr, { guard: 'true' }))}
          >
            {fmt('ui.setGuard')}
          </Button>
        )}
      </Form.Item>
      {typeof expr === 'string' && (
        <Button
          size="small"
          danger
          onClick={() => onChange(updateTransition(machine, refr, { guard: null }))}
        >
          {fmt('ui.removeGuard')}
        </Button>
      )}
      <Form.Item label={fmt('ui.effects')} htmlFor="edge-effects">
        <Select
          id="edge-effects"
          mode="multiple"
          value={effectNames}
          options={effects.map((e) => ({
            value: e.name,
            label: e.label ? `${e.label} (${e.name})` : e.name,
          }))}
          onChange={setEffects}
        />
      </Form.Item>
    </Form>
  );
}

/** The panel beside the graph canvas. */
export function GraphPropertyPanel({ machine, selected, onChange, onSelect }: GraphPropertyPanelProps) {
  if (!selected) return <Empty description={fmt('ui.nothingSelected')} />;
  if (selected.type === 'state') {
    if (!stateAt(machine, selected.path)) return <Empty description={fmt('ui.nothingSelected')} />;
    return (
      <div>
        <Typography.Title level={5}>{selected.path}</Typography.Title>
        <StateFields
          key={selected.path}
          machine={machine}
          path={selected.path}
          onChange={onChange}
          onSelect={onSelect}
        />
      </div>
    );
  }
  return (
    <div>
      <Typography.Title level={5}>{fmt('ui.edge')}</Typography.Title>
      <EdgeFields
        key={selected.id}
        machine={machine}
        refr={selected.ref}
        onChange={onChange}
        onSelect={onSelect}
      />
    </div>
  );
}

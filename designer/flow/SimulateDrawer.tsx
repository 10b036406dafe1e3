/**
 * Runs the draft with the pure engine, step by step: the flow's start form filled in as a form (money
 * in 元; raw JSON for flows without one), outcomes of open tasks chosen by clicking, and after each
 * step the state, the branch each condition takes, open tasks and emitted effects — all by label.
 */
import Form from '@rjsf/antd';
import type { ErrorSchema } from '@rjsf/utils';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Segmented,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSimulation, type Simulation } from '../../engine/simulate.ts';
import type { JsonObject, StepOutcome, WorkflowDefinition } from '../../engine/types.ts';
import { FORM_WIDGETS } from '../components/form-widgets.ts';
import { currentLocale } from '../i18n/i18n.ts';
import { validatorFor } from '../inbox/task-validators.ts';
import { fieldLabelMap } from './flow-fields.ts';
import { eventLabelText, guardWords } from './graph-labels.ts';
import { PlainList } from './PlainList.tsx';
import {
  actorFor,
  choiceWords,
  chooseBranches,
  SIM_STORE,
  simulatedDirectory,
  stateValueWords,
} from './simulate-model.ts';
import { fmt } from './strings.ts';
import { type SimStartForm, useFlowFields, useSimStartForm } from './use-flow-fields.ts';

export interface SimulateDrawerProps {
  open: boolean;
  definition: WorkflowDefinition;
  onClose: () => void;
}

function parseObject(text: string): JsonObject | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : fmt('ui.needObject');
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

type InputMode = 'form' | 'json';

/** The start form, rendered with the project's widgets; rjsf's own submit button is not shown. */
function StartForm({
  start,
  data,
  errors,
  onChange,
}: {
  start: SimStartForm;
  data: JsonObject;
  errors: ErrorSchema | undefined;
  onChange: (d: JsonObject) => void;
}) {
  useTranslation(); // the validator follows the language
  const uiSchema = useMemo(
    () => ({ ...start.form.uiSchema, 'ui:submitButtonOptions': { norender: true } }),
    [start.form.uiSchema],
  );
  return (
    <section aria-label={fmt('sim.startForm', { title: start.form.title })}>
      <Typography.Title level={5}>{fmt('sim.startForm', { title: start.form.title })}</Typography.Title>
      <Form
        schema={{ ...start.form.schema, title: undefined }}
        uiSchema={uiSchema}
        formData={data}
        validator={validatorFor(currentLocale())}
        widgets={FORM_WIDGETS}
        extraErrors={errors}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => onChange((e.formData ?? {}) as JsonObject)}
      />
    </section>
  );
}

/** The Simulate drawer of the flow designer. */
export function SimulateDrawer({ open, definition, onClose }: SimulateDrawerProps) {
  const start = useSimStartForm(definition);
  const [chosen, setChosen] = useState<InputMode>();
  const mode: InputMode = chosen ?? (start.status === 'found' ? 'form' : 'json');
  const [sample, setSample] = useState(() => JSON.stringify(definition.machine.context ?? {}, null, 2));
  const [formData, setFormData] = useState<JsonObject>({});
  const [formErrors, setFormErrors] = useState<ErrorSchema>();
  const [error, setError] = useState<string>();
  const [, setTick] = useState(0);
  const sim = useRef<Simulation | undefined>(undefined);
  const rerender = () => setTick((n) => n + 1);

  const guard = (run: () => StepOutcome | StepOutcome[]) => {
    try {
      const outs = [run()].flat();
      const failed = outs.find((o) => !o.ok);
      setError(failed && !failed.ok ? failed.error.message : undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
    rerender();
  };

  const inputData = (): JsonObject | undefined => {
    if (mode === 'form' && start.status === 'found') {
      const { errorSchema, errors } = validatorFor(currentLocale()).validateFormData(
        formData,
        start.form.schema,
      );
      setFormErrors(errors.length ? errorSchema : undefined);
      if (errors.length) setError(fmt('sim.formInvalid'));
      return errors.length ? undefined : formData;
    }
    const input = parseObject(sample);
    if (typeof input === 'string') {
      setError(fmt('ui.badJson', { reason: input }));
      return undefined;
    }
    return input;
  };

  const run = () => {
    const input = inputData();
    if (!input) return;
    sim.current = createSimulation(definition, { directory: simulatedDirectory(), storeId: SIM_STORE });
    const starter = {
      id: 'starter',
      username: 'starter',
      roles: definition.starters?.roles ?? definition.starterRoles ?? [],
      storeId: SIM_STORE,
    };
    const s = sim.current;
    guard(() => s.start(input, starter));
  };

  const s = sim.current;
  return (
    <Drawer open={open} onClose={onClose} title={fmt('ui.simulate')} size="large" destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {start.status === 'loading' && <Spin />}
        {start.status === 'found' && (
          <Segmented<InputMode>
            size="small"
            value={mode}
            options={[
              { value: 'form', label: fmt('sim.byForm') },
              { value: 'json', label: fmt('ui.json') },
            ]}
            onChange={setChosen}
          />
        )}
        {mode === 'form' && start.status === 'found' ? (
          <StartForm start={start} data={formData} errors={formErrors} onChange={setFormData} />
        ) : (
          <>
            <Typography.Text>{fmt('ui.sample')}</Typography.Text>
            <Input.TextArea
              aria-label={fmt('ui.sample')}
              value={sample}
              onChange={(e) => setSample(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 10 }}
              style={{ fontFamily: 'monospace' }}
            />
          </>
        )}
        <Space>
          <Button type="primary" onClick={run}>
            {fmt('ui.start')}
          </Button>
          <Button
            onClick={() => {
              sim.current = undefined;
              setError(undefined);
              rerender();
            }}
          >
            {fmt('ui.reset')}
          </Button>
        </Space>
        {error && <Alert type="error" title={error} showIcon />}
        {s?.state && <SimulationView sim={s} definition={definition} act={guard} />}
      </Space>
    </Drawer>
  );
}

function SimulationView({
  sim,
  definition,
  act,
}: {
  sim: Simulation;
  definition: WorkflowDefinition;
  act: (run: () => StepOutcome | StepOutcome[]) => void;
}) {
  const { t } = useTranslation();
  const fields = useFlowFields(definition);
  const labels = useMemo(() => fieldLabelMap(fields), [fields]);
  const machine = definition.machine;
  const tasks = sim.openTasks();
  const lastDue = sim.timers
    .map((timer) => timer.dueAt)
    .sort()
    .at(-1);
  const stateWords = (path: string) => stateValueWords(machine, path.includes('.') ? nest(path) : path);
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={fmt('ui.current')}>
          <Typography.Text strong data-testid="sim-state">
            {stateValueWords(machine, sim.value ?? null)}
          </Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <code data-testid="sim-value">{JSON.stringify(sim.value)}</code>
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={fmt('ui.status')}>
          {sim.status ? fmt(`sim.status.${sim.status}`) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={fmt('ui.branchTaken')}>
          {chooseBranches(machine, sim.context).map((c) => (
            <div key={c.state}>
              {choiceWords(machine, c.state, labels)} →{' '}
              {c.error ? (
                <Tag color="red">{c.error}</Tag>
              ) : (
                <Tag color="green">{`${c.expr ? guardWords(c.expr, labels) : c.label} → ${stateWords(c.target)}`}</Tag>
              )}
            </div>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{fmt('ui.openTasks')}</Typography.Title>
      {tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <PlainList
          items={tasks}
          itemKey={(task) => task.id}
          renderItem={(task) => (
            <>
              <Typography.Text strong>{task.name}</Typography.Text>
              <Typography.Text type="secondary">
                {[...task.candidateRoles, ...task.candidateUsers].join('、')}
              </Typography.Text>
              <Space wrap>
                {task.outcomes.map((o) => (
                  <Button
                    key={o}
                    size="small"
                    title={o}
                    onClick={() => act(() => sim.complete(task.id, o, undefined, actorFor(task)))}
                  >
                    {t(`outcome.${o}`, eventLabelText(o.toUpperCase()))}
                  </Button>
                ))}
              </Space>
            </>
          )}
        />
      )}
      {lastDue && (
        <Button onClick={() => act(() => sim.fireDueTimers(new Date(lastDue)))}>
          {fmt('ui.fireTimers')} ({sim.timers.length})
        </Button>
      )}
      <Typography.Title level={5}>{fmt('ui.emitted')}</Typography.Title>
      <PlainList
        items={sim.effects}
        itemKey={(e, i) => `${i}:${e.name}`}
        renderItem={(e) => <code>{`${e.name} ${JSON.stringify(e.args)}`}</code>}
      />
      <Typography.Title level={5}>{fmt('ui.history')}</Typography.Title>
      <PlainList
        items={sim.history}
        itemKey={(h, i) => `${i}:${h.at}`}
        renderItem={(h) => {
          const what = h.outcome
            ? t(`outcome.${h.outcome}`, h.outcome)
            : h.event
              ? eventLabelText(h.event)
              : h.action;
          const from = h.from === null ? fmt('sim.startAction') : stateValueWords(machine, h.from);
          return `${what}：${from} → ${stateValueWords(machine, h.to)}`;
        }}
      />
    </>
  );
}

/** `a.b.c` as the state value `{ a: { b: 'c' } }`. */
function nest(path: string): JsonObject | string {
  const [head, ...rest] = path.split('.');
  return rest.length ? { [head as string]: nest(rest.join('.')) } : (head as string);
}

/**
 * The data of an instance on its page: the start form and each step's form rendered read-only with
 * the values they hold (fields the server withheld or nobody filled are left out), then any data no
 * form names, listed by name.
 */
import { Descriptions, Empty, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json, JsonObject, WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition } from '../../forms/types.ts';
import { callApi } from '../api/client.ts';
import type { InstanceTaskView, ProjectedForm, StartFormView } from '../api/types.ts';
import { formatFen } from '../components/format.ts';
import { TaskForm } from '../inbox/TaskForm.tsx';
import { type FieldInfo, fieldInfo, type LabelSource, listedFields } from './instance-data.ts';
import {
  dataAt,
  fieldsShownByForms,
  type RecordFormRef,
  readonlyForm,
  stepFormRefs,
} from './record-forms.ts';

/** A form of the record with the data it shows. */
interface RecordForm {
  key: string;
  title: string;
  bind: string;
  steps: string[];
  schema: FormDefinition['schema'];
  uiSchema: NonNullable<FormDefinition['uiSchema']>;
}

/** The step forms' versions, loaded together once the refs are known (each form version once). */
function useStepForms(refs: readonly RecordFormRef[]): RecordForm[] {
  const [forms, setForms] = useState<RecordForm[]>([]);
  const key = JSON.stringify(refs);
  useEffect(() => {
    const wanted = JSON.parse(key) as RecordFormRef[];
    if (wanted.length === 0) return undefined;
    const controller = new AbortController();
    void Promise.all(
      wanted.map((ref) =>
        callApi(
          'get',
          '/api/forms/{key}/versions/{version}',
          { params: { path: { key: ref.key, version: ref.version } } },
          controller.signal,
        )
          .then(
            (form): RecordForm => ({
              ...ref,
              title: form.title,
              schema: form.schema,
              uiSchema: form.uiSchema ?? {},
            }),
          )
          // A form that cannot be read leaves its data to the list below.
          .catch(() => undefined),
      ),
    ).then((loaded) => {
      if (!controller.signal.aborted) setForms(loaded.filter((f): f is RecordForm => f !== undefined));
    });
    return () => controller.abort();
  }, [key]);
  return forms;
}

/** A value as people read it: money in 元, choices by their labels, yes/no. */
function FieldValue({ value, field }: { value: Json; field: FieldInfo | undefined }) {
  const { t } = useTranslation();
  if (field?.widget === 'money' && typeof value === 'number') return <>{formatFen(value)}</>;
  if (field?.widget === 'percent' && typeof value === 'number') return <>{`${(value * 100).toFixed(2)}%`}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return (
      <>{value.map((v) => field?.enumNames?.[String(v)] ?? String(v)).join(t('common.listSeparator'))}</>
    );
  if (typeof value === 'object' && value !== null)
    return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
  return <>{field?.enumNames?.[String(value)] ?? String(value)}</>;
}

/** One form of the record, read-only, under its title (and the steps that filled it). */
function RecordFormView({
  form,
  context,
  storeId,
}: {
  form: RecordForm;
  context: JsonObject;
  storeId: string | null;
}) {
  const shown = useMemo(() => readonlyForm(form, dataAt(context, form.bind)), [form, context]);
  if (!shown) return null;
  const projected: ProjectedForm = { key: form.key, version: 0, title: form.title, ...shown };
  return (
    <section aria-label={form.title} className="df-record-form">
      <Typography.Text strong>{form.title}</Typography.Text>
      {form.steps.length > 0 && (
        <Typography.Text type="secondary">{` · ${form.steps.join('、')}`}</Typography.Text>
      )}
      <TaskForm
        className="df-task-form df-readonly-form"
        form={projected}
        fields={shown.fields}
        data={shown.data}
        errors={undefined}
        storeId={storeId}
        disabled
        onChange={() => undefined}
      />
    </section>
  );
}

export interface InstanceDataProps {
  context: JsonObject;
  tasks: InstanceTaskView[];
  storeId: string | null;
  startForm: StartFormView | null;
  definition: Pick<WorkflowDefinition, 'machine'> | undefined;
}

/** The instance's data: its forms read-only, then what no form names. */
export function InstanceData({ context, tasks, storeId, startForm, definition }: InstanceDataProps) {
  const { t } = useTranslation();
  const refs = useMemo(
    () => stepFormRefs(tasks, definition, startForm?.key),
    [tasks, definition, startForm?.key],
  );
  const stepForms = useStepForms(refs);
  const forms: RecordForm[] = useMemo(
    () => [
      ...(startForm
        ? [
            {
              key: startForm.key,
              title: startForm.title,
              bind: '',
              steps: [],
              schema: startForm.schema,
              uiSchema: startForm.uiSchema,
            },
          ]
        : []),
      ...stepForms,
    ],
    [startForm, stepForms],
  );
  const info = useMemo(() => fieldInfo(forms as LabelSource[]), [forms]);
  const listed = listedFields(context, info, fieldsShownByForms(forms));
  const anyForm = forms.some((form) => readonlyForm(form, dataAt(context, form.bind)) !== undefined);
  if (!anyForm && listed.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('startCentre.noData')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {forms.map((form) => (
        <RecordFormView key={`${form.key}#${form.bind}`} form={form} context={context} storeId={storeId} />
      ))}
      {listed.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={anyForm ? t('startCentre.otherData') : undefined}
        >
          {listed.map((field) => (
            <Descriptions.Item key={field} label={info.get(field)?.label ?? field}>
              <FieldValue value={context[field] as Json} field={info.get(field)} />
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Space>
  );
}

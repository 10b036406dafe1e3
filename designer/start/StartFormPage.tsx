/**
 * `/start/:key`: the start form of a flow the user may start, rendered like a task's form (same
 * widgets); 提交申请 starts the instance (`POST /api/instances`) and opens its page. A 422 marks the
 * fields it names; a flow without a start form starts with empty input.
 */
import type { ErrorSchema } from '@rjsf/utils';
import { Alert, App, Button, Card, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { JsonObject } from '../../engine/types.ts';
import { applyComputed, computedFields } from '../../forms/computed.ts';
import { api } from '../api/client.ts';
import type { ProjectedForm, StartableWorkflow } from '../api/types.ts';
import { ApiError, type ApiErrorDetail } from '../api-client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DefinitionIcon } from '../definitions/definition-icons.tsx';
import { currentLocale } from '../i18n/i18n.ts';
import { detailsToErrorSchema } from '../inbox/error-schema.ts';
import { TaskForm } from '../inbox/TaskForm.tsx';
import { validatorFor } from '../inbox/task-validators.ts';
import { useSession } from '../session/session.tsx';
import { useStartableWorkflows } from './StartPage.tsx';

/** Server paths of the start input (`/input/price`) as paths of the form (`/price`). */
function formDetails(details: readonly ApiErrorDetail[]): ApiErrorDetail[] {
  return details.map((d) => ({ ...d, path: d.path.replace(/^\/input(?=\/|$)/, '') }));
}

/** `/start/:key`: finds the flow among those the user may start, then shows its form. */
export function StartFormPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, reload } = useStartableWorkflows();
  if (error) return <QueryError error={error} onRetry={reload} />;
  if (!data) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  const flow = data.items.find((f) => f.key === key);
  if (!flow) return <Result status="404" title={t('startCentre.empty')} />;
  return <StartForm key={flow.key} flow={flow} />;
}

function StartForm({ flow }: { flow: StartableWorkflow }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { storeFilter } = useSession();
  const form: ProjectedForm | null = flow.startForm ? { ...flow.startForm, data: {} } : null;
  const hasFormulas = form !== null && Object.keys(computedFields(form)).length > 0;
  const [data, setData] = useState<JsonObject>({});
  const [fieldErrors, setFieldErrors] = useState<ErrorSchema>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (next: JsonObject) =>
    setData(hasFormulas && form ? (applyComputed(form, next) as JsonObject) : next);

  async function submit() {
    setFailure(null);
    if (form) {
      const { errorSchema } = validatorFor(currentLocale()).validateFormData(data, form.schema);
      if (Object.keys(errorSchema).length > 0) {
        setFieldErrors(errorSchema as ErrorSchema);
        setFailure(t('startCentre.fixErrors'));
        return;
      }
    }
    setFieldErrors(undefined);
    setBusy(true);
    try {
      const started = await api.post('/api/instances', {
        body: {
          workflowKey: flow.key,
          input: data,
          locale: currentLocale(),
        },
      });
      void message.success(t('startCentre.started', { name: flow.name }));
      navigate(`/instances/${started.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.details.length > 0) {
        setFieldErrors(detailsToErrorSchema(formDetails(e.details)));
        setFailure(`${t('startCentre.fixErrors')}: ${e.message}`);
      } else setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={
        <Space>
          <DefinitionIcon name={flow.icon} />
          <PageTitle>{flow.name}</PageTitle>
        </Space>
      }
      extra={<Button onClick={() => navigate('/start')}>{t('startCentre.back')}</Button>}
      style={{ maxWidth: 880 }}
    >
      {flow.description && <Typography.Paragraph type="secondary">{flow.description}</Typography.Paragraph>}
      {form ? (
        <TaskForm
          className="df-start-form"
          form={form}
          fields={{}}
          data={data}
          errors={fieldErrors}
          disabled={busy}
          storeId={storeFilter}
          onChange={change}
        />
      ) : (
        <Alert type="info" showIcon title={t('startCentre.noForm')} style={{ marginBottom: 16 }} />
      )}
      {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Button type="primary" loading={busy} onClick={() => void submit()}>
        {t('startCentre.submit')}
      </Button>
    </Card>
  );
}

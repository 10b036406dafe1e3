import type { ErrorSchema } from '@rjsf/utils';
import { Alert, App, Button, Card, Col, Descriptions, Input, Result, Row, Space, Spin, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { JsonObject } from '../../engine/types.ts';
import { applyComputed, computedFields } from '../../forms/computed.ts';
import { ApiError, api } from '../api-client.ts';
import type { InstanceView, TaskDetail } from '../api-types.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { useApiQuery } from '../components/use-api-query.ts';
import { currentLocale } from '../i18n/i18n.ts';
import { useUser } from '../session/session.tsx';
import { CcAction, canCc } from './CcAction.tsx';
import { DueCell } from './DueCell.tsx';
import { detailsToErrorSchema } from './error-schema.ts';
import { useDetailLink } from './InstanceLists.tsx';
import { InstanceTimeline } from './InstanceTimeline.tsx';
import { OutcomeButtons } from './OutcomeButtons.tsx';
import { TaskForm } from './TaskForm.tsx';
import { validatorFor } from './task-validators.ts';

// React Flow and elkjs stay out of the inbox bundle until a task page shows the diagram.
const InstanceFlow = lazy(async () => ({ default: (await import('./InstanceFlow.tsx')).InstanceFlow }));

/** Outcomes that send work back or stop it; the form need not be complete for them. */
const SKIP_VALIDATION = new Set(['reject', 'return']);

function hasErrors(schema: ErrorSchema): boolean {
  return Object.keys(schema).length > 0;
}

/** `/tasks/:id`: loads the task, then shows its workspace. */
export function TaskPage() {
  const { id = '' } = useParams();
  const task = useApiQuery<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`);
  if (task.error) {
    const status = task.error instanceof ApiError ? task.error.status : 500;
    return (
      <Result status={status === 404 ? '404' : status === 403 ? '403' : 'error'} title={task.error.message} />
    );
  }
  if (!task.data) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  return <TaskWorkspace key={task.data.id} detail={task.data} onClaimed={task.reload} />;
}

/** The step's form, a comment, one button per outcome, and the instance's history. */
function TaskWorkspace({ detail, onClaimed }: { detail: TaskDetail; onClaimed(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const instance = useApiQuery<InstanceView>(`/api/instances/${detail.instanceId}`);
  const linkOf = useDetailLink();
  const orderId = instance.data?.context?.orderId;
  const orderLink = typeof orderId === 'string' ? linkOf({ orderId, linkTaskId: null }) : null;
  const [data, setData] = useState<JsonObject>(() => detail.form?.data ?? {});
  const [comment, setComment] = useState('');
  const [fieldErrors, setFieldErrors] = useState<ErrorSchema>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const open = detail.status === 'open';
  const form = detail.form;
  const hasFormulas = form !== null && Object.keys(computedFields(form)).length > 0;
  // Computed fields follow the others as people type; the server recomputes them anyway.
  const change = (next: JsonObject) =>
    setData(hasFormulas && form ? (applyComputed(form, next) as JsonObject) : next);

  async function claim() {
    setBusy('claim');
    try {
      await api.post(`/api/tasks/${detail.id}/claim`);
      void message.success(t('inbox.claimed'));
      onClaimed();
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function complete(outcome: string) {
    setFailure(null);
    if (detail.form && !SKIP_VALIDATION.has(outcome)) {
      const { errorSchema } = validatorFor(currentLocale()).validateFormData(data, detail.form.schema);
      if (hasErrors(errorSchema)) {
        setFieldErrors(errorSchema as ErrorSchema);
        setFailure(t('task.fixErrors'));
        return;
      }
    }
    setBusy(outcome);
    try {
      await api.post(`/api/tasks/${detail.id}/complete`, { outcome, data, comment });
      void message.success(t('task.done'));
      navigate('/inbox');
    } catch (e) {
      // Keep what was typed: only the error state changes on failure.
      if (e instanceof ApiError && e.status === 422 && e.details.length > 0) {
        setFieldErrors(detailsToErrorSchema(e.details));
        setFailure(`${t('task.fixErrors')}: ${e.message}`);
      } else if (e instanceof ApiError && e.status === 409) setFailure(t('task.conflict'));
      else setFailure((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Card
          title={<PageTitle>{detail.name}</PageTitle>}
          extra={<Tag>{t(`workflowName.${detail.workflowKey}`, detail.workflowKey)}</Tag>}
        >
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('inbox.businessKey')}>
              {orderLink && detail.businessKey ? (
                <Link to={orderLink}>{detail.businessKey}</Link>
              ) : (
                (detail.businessKey ?? '—')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('inbox.created')}>
              {formatDateTime(detail.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('inbox.due')}>
              <DueCell dueAt={detail.dueAt} now={new Date()} />
            </Descriptions.Item>
            <Descriptions.Item label={t('inbox.workflow')}>
              {t(`workflowName.${detail.workflowKey}`, detail.workflowKey)} v{detail.instance.workflowVersion}
            </Descriptions.Item>
          </Descriptions>
          {!open && <Alert type="info" showIcon title={t('task.closed')} style={{ marginBottom: 16 }} />}
          {detail.form ? (
            <TaskForm
              className="df-task-form"
              form={detail.form}
              fields={detail.fields}
              data={data}
              errors={fieldErrors}
              disabled={!open}
              storeId={detail.storeId}
              onChange={change}
            />
          ) : (
            <Alert type="info" title={t('task.noForm')} style={{ marginBottom: 16 }} />
          )}
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            <label htmlFor="task-comment">{t('task.comment')}</label>
            <Input.TextArea
              id="task-comment"
              rows={3}
              value={comment}
              disabled={!open}
              placeholder={t('task.commentPlaceholder')}
              onChange={(e) => setComment(e.target.value)}
            />
            {failure && <Alert type="error" role="alert" showIcon title={failure} />}
            <Space wrap>
              {open && detail.assignee === null && (
                <Button type="dashed" loading={busy === 'claim'} onClick={() => void claim()}>
                  {t('inbox.claim')}
                </Button>
              )}
              <OutcomeButtons
                outcomes={detail.outcomes}
                busy={busy}
                disabled={!open}
                onOutcome={(o) => void complete(o)}
              />
              {canCc(detail, user) && <CcAction task={detail} userId={user.id} onDone={instance.reload} />}
            </Space>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('task.history')} loading={instance.loading && !instance.data}>
          {instance.data && <InstanceTimeline instance={instance.data} />}
        </Card>
      </Col>
      <Col span={24} style={{ marginTop: 16 }}>
        <Card title={t('task.flow')} size="small">
          <Suspense fallback={<Spin />}>
            <InstanceFlow
              workflowKey={detail.instance.workflowKey}
              version={detail.instance.workflowVersion}
              state={detail.instance.state}
              taskState={detail.state}
            />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}

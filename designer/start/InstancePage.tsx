/**
 * `/instances/:id`: any flow's instance — its data (the start form read-only, other fields listed
 * by their forms' labels), who acts next, its diagram with the current step lit, its timeline with
 * comments and its attachments.
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FieldPermission, Json, JsonObject } from '../../engine/types.ts';
import type {
  InstanceAttachment,
  InstanceDetail,
  InstanceTaskView,
  InstanceView,
  NextStep,
  SessionUser,
  StartFormView,
} from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { formatDateTime, formatFen } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatBytes } from '../components/widgets/file-upload.ts';
import { InstanceTimeline } from '../inbox/InstanceTimeline.tsx';
import { TaskForm } from '../inbox/TaskForm.tsx';
import { useUser } from '../session/session.tsx';
import { attachmentIds, type FieldInfo, fieldInfo, type LabelSource, listedFields } from './instance-data.ts';

// React Flow and elkjs load only when an instance page shows the diagram.
const InstanceFlow = lazy(async () => ({
  default: (await import('../inbox/InstanceFlow.tsx')).InstanceFlow,
}));

const STATUS_COLOR: Record<string, string> = {
  active: 'blue',
  done: 'green',
  cancelled: 'default',
  error: 'red',
};

/** `/instances/:id`: loads the instance, then shows it. */
export function InstancePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const instance = useApiQuery('/api/instances/{id}', { params: { path: { id } } });
  if (instance.error) {
    const status = instance.error instanceof ApiError ? instance.error.status : 500;
    return (
      <Result
        status={status === 404 ? '404' : status === 403 ? '403' : 'error'}
        title={status === 404 ? t('startCentre.notFound') : instance.error.message}
      />
    );
  }
  if (!instance.data) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  return <InstanceDetailView instance={instance.data} />;
}

/** May `user` act on `task` (its assignee, a candidate, or holding a candidate role of an unclaimed one)? */
function canAct(task: InstanceTaskView, user: SessionUser): boolean {
  if (task.assignee) return task.assignee === user.id;
  return task.candidateUsers.includes(user.id) || task.candidateRoles.some((r) => user.roles.includes(r));
}

/** Who acts on an open task: its assignee's name, else its candidates' names, else its roles. */
function useActorsOf() {
  const { t } = useTranslation();
  return (task: InstanceTaskView, step: NextStep | undefined) => {
    if (step?.assignee) return step.assignee.name;
    const people = step?.people.map((p) => p.name) ?? [];
    if (people.length > 0) return people.join('、');
    const roles =
      step?.candidateRoles.map((r) => r.label) ?? task.candidateRoles.map((r) => t(`roles.${r}`, r));
    if (roles.length > 0) return t('inbox.roleCandidates', { roles: roles.join('、') });
    return task.assignee ?? '—';
  };
}

function NextActors({ tasks, steps }: { tasks: InstanceTaskView[]; steps: NextStep[] | undefined }) {
  const { t } = useTranslation();
  const user = useUser();
  const actorsOf = useActorsOf();
  const open = tasks.filter((task) => task.status === 'open');
  if (open.length === 0) return <>{t('startCentre.nobodyNext')}</>;
  return (
    <Space orientation="vertical" size={0}>
      {open.map((task) => (
        <span key={task.id}>
          {task.name}
          <Typography.Text type="secondary">{` · ${actorsOf(
            task,
            steps?.find((s) => s.taskId === task.id),
          )}`}</Typography.Text>
          {canAct(task, user) && (
            <>
              {' '}
              <Link to={`/tasks/${task.id}`}>{t('startCentre.openTask')}</Link>
            </>
          )}
        </span>
      ))}
    </Space>
  );
}

/** A value of the data as people read it: money in 元, choices by their labels, yes/no. */
function FieldValue({ value, field }: { value: Json; field: FieldInfo | undefined }) {
  const { t } = useTranslation();
  if (field?.widget === 'money' && typeof value === 'number') return <>{formatFen(value)}</>;
  if (field?.widget === 'percent' && typeof value === 'number') return <>{`${(value * 100).toFixed(2)}%`}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return <>{value.map((v) => field?.enumNames?.[String(v)] ?? String(v)).join('、')}</>;
  if (typeof value === 'object' && value !== null)
    return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
  return <>{field?.enumNames?.[String(value)] ?? String(value)}</>;
}

/** One attachment: a download link with its name and size. */
function AttachmentLink({ attachment }: { attachment: InstanceAttachment }) {
  const { t } = useTranslation();
  const name = attachment.name || attachment.id;
  const size = attachment.size;
  const url = `/api/files/${encodeURIComponent(attachment.id)}`;
  return (
    <Space>
      <PaperClipOutlined />
      <Typography.Link href={url} download={name} aria-label={t('startCentre.download', { name })}>
        {name}
      </Typography.Link>
      {size !== undefined && <Typography.Text type="secondary">{formatBytes(size)}</Typography.Text>}
    </Space>
  );
}

/** The step forms of the instance's tasks (for their field labels), fetched once per key@version. */
function useStepForms(tasks: InstanceTaskView[], startFormKey: string | undefined): LabelSource[] {
  const refs = [
    ...new Set(
      tasks
        .filter((task) => task.formKey && task.formVersion !== null && task.formKey !== startFormKey)
        .map((task) => `${task.formKey}@${task.formVersion}`),
    ),
  ];
  // At most a few distinct forms per flow; each query hook keeps its own slot.
  const first = useApiQuery(refs[0] ? '/api/forms/{key}/versions/{version}' : null, formVersionOf(refs[0]));
  const second = useApiQuery(refs[1] ? '/api/forms/{key}/versions/{version}' : null, formVersionOf(refs[1]));
  const third = useApiQuery(refs[2] ? '/api/forms/{key}/versions/{version}' : null, formVersionOf(refs[2]));
  return [first.data, second.data, third.data].filter((f) => f !== undefined);
}

/** `key@version` as the path parameters of `GET /api/forms/{key}/versions/{version}`. */
function formVersionOf(ref = '@0') {
  const at = ref.lastIndexOf('@');
  return { params: { path: { key: ref.slice(0, at), version: Number(ref.slice(at + 1)) } } };
}

/**
 * The flow's name (from the instance view) and start form: the instance's workflow version names
 * it, its newest published version is shown.
 */
function useFlowFacts(instance: InstanceDetail): {
  name: string | undefined;
  startForm: StartFormView | null;
} {
  const version = useApiQuery('/api/workflows/{key}/versions/{version}', {
    params: { path: { key: instance.workflowKey, version: instance.workflowVersion } },
  });
  const formKey = version.data?.definition.startForm;
  const versions = useApiQuery(formKey ? '/api/forms/{key}/versions' : null, {
    params: { path: { key: formKey ?? '' } },
  });
  const latest = versions.data?.items[0];
  return {
    name: instance.workflowName,
    startForm: latest
      ? {
          key: latest.key,
          version: latest.version,
          title: latest.title,
          schema: latest.schema,
          uiSchema: latest.uiSchema ?? {},
        }
      : null,
  };
}

function InstanceDetailView({ instance }: { instance: InstanceDetail }) {
  const { t } = useTranslation();
  const facts = useFlowFacts(instance);
  const startForm = facts.startForm;
  const stepForms = useStepForms(instance.tasks, startForm?.key);
  const forms: LabelSource[] = useMemo(
    () => (startForm ? [startForm as LabelSource, ...stepForms] : stepForms),
    [startForm, stepForms],
  );
  const info = useMemo(() => fieldInfo(forms), [forms]);
  const data = instance.context;
  const startFields = useMemo(() => Object.keys(startForm?.schema.properties ?? {}), [startForm]);
  const startData = useMemo(
    () => Object.fromEntries(startFields.filter((f) => f in data).map((f) => [f, data[f]])) as JsonObject,
    [startFields, data],
  );
  const readonlyFields = useMemo(
    () => Object.fromEntries(startFields.map((f) => [f, 'readonly' as FieldPermission])),
    [startFields],
  );
  const listed = listedFields(data, info, new Set(startFields));
  const attachments: InstanceAttachment[] =
    instance.attachments ?? attachmentIds(data, info).map((id) => ({ id, name: '' }));
  const name = facts.name ?? t(`workflowName.${instance.workflowKey}`, instance.workflowKey);
  // The starter's name: the server's, else the one its start entry in the history carries.
  const starter =
    instance.startedByName ??
    instance.history.find((h) => h.action === 'start')?.actor.username ??
    instance.startedBy;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card
          title={<PageTitle>{name}</PageTitle>}
          extra={
            <Tag color={STATUS_COLOR[instance.status]}>
              {t(`instanceStatus.${instance.status}`, instance.status)}
            </Tag>
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('startCentre.startedBy')}>{starter ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('startCentre.startedAt')}>
              {formatDateTime(instance.startedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('startCentre.nextActors')}>
              <NextActors tasks={instance.tasks} steps={instance.nextSteps} />
            </Descriptions.Item>
            {instance.endedAt && (
              <Descriptions.Item label={t('startCentre.endedAt')}>
                {formatDateTime(instance.endedAt)}
              </Descriptions.Item>
            )}
            {instance.businessKey && (
              <Descriptions.Item label={t('startCentre.businessKey')}>
                {instance.businessKey}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('startCentre.version')}>
              v{instance.workflowVersion}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('startCentre.data')}</Typography.Title>
          {startForm && (
            <TaskForm
              className="df-instance-form"
              form={{ ...startForm, data: startData }}
              fields={readonlyFields}
              data={startData}
              errors={undefined}
              disabled
              onChange={() => undefined}
            />
          )}
          {listed.length > 0 ? (
            <Descriptions size="small" bordered column={1}>
              {listed.map((field) => (
                <Descriptions.Item key={field} label={info.get(field)?.label ?? field}>
                  <FieldValue value={data[field] as Json} field={info.get(field)} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          ) : (
            !startForm && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('startCentre.noData')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('startCentre.timeline')} size="small">
            <InstanceTimeline instance={instance as unknown as InstanceView} />
          </Card>
          <Card title={t('startCentre.attachments')} size="small">
            {attachments.length === 0 ? (
              <Typography.Text type="secondary">{t('startCentre.noAttachments')}</Typography.Text>
            ) : (
              <Space orientation="vertical">
                {attachments.map((a) => (
                  <AttachmentLink key={a.id} attachment={a} />
                ))}
              </Space>
            )}
          </Card>
        </Space>
      </Col>
      <Col span={24}>
        <Card title={t('startCentre.diagram')} size="small">
          {instance.status === 'error' && <Alert type="error" showIcon title={t('instanceStatus.error')} />}
          <Suspense fallback={<Spin />}>
            <InstanceFlow
              workflowKey={instance.workflowKey}
              version={instance.workflowVersion}
              state={instance.state}
              taskState=""
            />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}

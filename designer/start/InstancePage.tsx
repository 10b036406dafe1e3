/**
 * `/instances/:id`: any flow's instance — its data (the start form and the steps' forms read-only,
 * as far as the server lets the reader see them; data of no form listed by name), who acts next, its
 * diagram with the current step lit, its 审批记录 with comments and its attachments.
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { WorkflowDefinition } from '../../engine/types.ts';
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
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatBytes } from '../components/widgets/file-upload.ts';
import { InstanceTimeline } from '../inbox/InstanceTimeline.tsx';
import { useUser } from '../session/session.tsx';
import { InstanceData } from './InstanceData.tsx';
import { attachmentIds, fieldInfo, type LabelSource } from './instance-data.ts';

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

/**
 * The flow's definition (for where its steps keep their data), name and start form: from the
 * instance view when the server sends them, else from the instance's workflow version and its start
 * form's newest published version.
 */
function useFlowFacts(instance: InstanceDetail): {
  definition: WorkflowDefinition | undefined;
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
    definition: version.data?.definition,
    name: instance.workflowName ?? version.data?.definition.name,
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
  // Older servers send no attachments: the start form's file fields name them.
  const startInfo = useMemo(() => fieldInfo(startForm ? [startForm as LabelSource] : []), [startForm]);
  const attachments: InstanceAttachment[] =
    instance.attachments ?? attachmentIds(instance.context, startInfo).map((id) => ({ id, name: '' }));
  const name = facts.name ?? t(`workflowName.${instance.workflowKey}`, instance.workflowKey);
  // The starter's name: the server's, else the one its start entry in the history carries.
  const starter =
    instance.startedByName ??
    startActorName(instance.history.find((h) => h.action === 'start')?.actor, t('common.system')) ??
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
          <InstanceData
            context={instance.context}
            tasks={instance.tasks}
            storeId={instance.storeId}
            startForm={startForm}
            definition={facts.definition}
          />
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

/** The name a history entry's actor shows: the system as 系统 / System, a person by their name. */
function startActorName(
  actor: { id: string; username: string } | undefined,
  system: string,
): string | undefined {
  if (!actor) return undefined;
  return actor.id === 'system' ? system : actor.username;
}

import { Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NextStep } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { DueCell } from '../inbox/DueCell.tsx';
import { useUser } from '../session/session.tsx';

/** Who holds a step, in words: its assignee, else the people who may claim it, else their roles. */
function useHolderOf() {
  const { t } = useTranslation();
  return (step: NextStep): string => {
    if (step.assignee) return step.assignee.name;
    if (step.people.length > 0) return step.people.map((p) => p.name).join('、');
    const roles = step.candidateRoles.map((r) => t(`roles.${r.code}`, r.label)).join('、');
    return t('inbox.roleCandidates', { roles });
  };
}

/**
 * The open steps of one flow instance — each with who holds it and a link to its task page — so the
 * advisor sees at a glance whose turn it is (`GET /api/instances/:id`, its `nextSteps`).
 */
export function InstanceTasks({ instanceId }: { instanceId: string | null }) {
  const { t } = useTranslation();
  const holderOf = useHolderOf();
  const user = useUser();
  // Only the person who holds a step (or may claim it) is offered to open it.
  const mayAct = (step: NextStep) =>
    step.assignee ? step.assignee.id === user.id : step.people.some((p) => p.id === user.id);
  const { data, loading } = useApiQuery(instanceId ? '/api/instances/{id}' : null, {
    params: { path: { id: instanceId ?? '' } },
  });
  const steps = data?.nextSteps ?? [];
  if (!loading && steps.length === 0) return <Empty description={t('afterSales.noOpenTasks')} />;
  return (
    <Spin spinning={loading}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {steps.map((step) => (
          <li key={step.taskId} style={{ padding: '6px 0' }} data-testid="next-step">
            <Space wrap>
              <span>{step.name}</span>
              <Typography.Text type="secondary">
                {t('afterSales.heldBy', { who: holderOf(step) })}
              </Typography.Text>
              {step.assignee === null && <Tag>{t('inbox.candidate')}</Tag>}
              <DueCell dueAt={step.dueAt} now={new Date()} />
              {mayAct(step) && <Link to={`/tasks/${step.taskId}`}>{t('orders.handle')}</Link>}
            </Space>
          </li>
        ))}
      </ul>
    </Spin>
  );
}

import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceView } from '../api/types.ts';
import { formatDateTime } from '../components/format.ts';
import { drawnSignature } from '../components/signature.ts';

const OUTCOME_COLOR: Record<string, string> = { approve: 'green', reject: 'red', return: 'orange' };

/** The people a `cc` entry names (its diff: `{ path: 'cc', to: [names] }`). */
function ccNames(diff: InstanceView['history'][number]['diff']): string {
  const to = diff.find((d) => d.path === 'cc')?.to;
  return Array.isArray(to) ? to.join('、') : '';
}

/** Labels of the task actions (engineer `actions`) the shared `historyAction` strings may not name yet. */
const ACTION_LABELS: Record<string, string> = {
  transfer: 'decision.transfer',
  delegate: 'decision.delegate',
  'add-approver': 'decision.addApprover',
  addApprover: 'decision.addApprover',
  remind: 'decision.remind',
  comment: 'decision.commentOnly',
  withdraw: 'decision.withdraw',
  return: 'outcome.return',
};

/** An instance's history as an antd Timeline: when, who, what (task and outcome) and the comment. */
export function InstanceTimeline({ instance }: { instance: InstanceView }) {
  const { t } = useTranslation();
  if (instance.history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const taskName = (id: string | undefined) => instance.tasks.find((task) => task.id === id)?.name;
  const items = [...instance.history]
    .sort((a, b) => a.seq - b.seq)
    .map((entry) => {
      const signature = drawnSignature(entry);
      const what = [
        entry.actor.id === 'system' ? t('common.system') : entry.actor.username,
        t(`historyAction.${entry.action}`, t(ACTION_LABELS[entry.action] ?? entry.action, entry.action)),
        taskName(entry.taskId),
        entry.outcome
          ? `· ${t(`outcome.${entry.outcome}`, entry.outcome)}`
          : entry.event && t(`decision.events.${entry.event}`, entry.event),
        entry.action === 'cc' ? `→ ${ccNames(entry.diff)}` : undefined,
      ]
        .filter(Boolean)
        .join(' ');
      return {
        key: entry.seq,
        color: (entry.outcome && OUTCOME_COLOR[entry.outcome]) || 'blue',
        title: formatDateTime(entry.at),
        content: (
          <>
            <div>{what}</div>
            {entry.comment && <Typography.Text type="secondary">“{entry.comment}”</Typography.Text>}
            {signature && (
              <div>
                <img src={signature} alt={t('decision.signature')} height={48} />
              </div>
            )}
          </>
        ),
      };
    });
  return <Timeline items={items} />;
}

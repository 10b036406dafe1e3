/**
 * 订单动态: the order's status changes and the decisions taken in its flows (approvals with their
 * comments, payments confirmed, steps done), one list in time order.
 */
import { Card, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../components/format.ts';
import type { OrderDetail } from './order-types.ts';

interface Entry {
  at: string;
  text: string;
  comment?: string | null;
  color?: string;
}

export function OrderActivity({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const statusEntries: Entry[] = order.timeline.map((e) => ({
    at: e.at,
    text: t(e.note ? 'orders.statusChangeNote' : 'orders.statusChange', {
      actor: e.actor.id === 'system' ? t('common.system') : e.actor.name,
      status: t(`orderStatus.${e.to}`, e.toLabel),
      note: e.note,
    }),
    color: 'blue',
  }));
  const decisionEntries: Entry[] = order.decisions.flatMap((d) =>
    d.at
      ? [
          {
            at: d.at,
            text: t('orders.decision', {
              actor: d.actorName ?? '—',
              task: d.taskName,
              outcome: d.outcome ? t(`outcome.${d.outcome}`, d.outcome) : '',
            }),
            comment: d.comment,
            color: d.outcome === 'reject' || d.outcome === 'return' ? 'red' : 'green',
          },
        ]
      : [],
  );
  // A decision and the status change it caused share a time: the decision reads first.
  const entries = [...decisionEntries, ...statusEntries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card title={t('orders.timeline')}>
      <Timeline
        items={entries.map((e, i) => ({
          key: i,
          color: e.color,
          title: formatDateTime(e.at),
          content: (
            <>
              <div>{e.text}</div>
              {e.comment && <div className="df-activity-comment">“{e.comment}”</div>}
            </>
          ),
        }))}
      />
    </Card>
  );
}

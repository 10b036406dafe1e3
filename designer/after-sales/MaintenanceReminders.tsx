import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ApiSchema } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDate } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';

/** One open reminder of `GET /api/maintenance-reminders`. */
export type ReminderView = ApiSchema<'MaintenanceReminder'>;

const WINDOWS = ['overdue', 'week', 'month'] as const;

/** Today on the store's calendar (China Standard Time) by this device's clock, as `YYYY-MM-DD`. */
export function storeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}
type DueWindow = (typeof WINDOWS)[number];

/** Marks one reminder done with a note on what was agreed with the customer. */
function DoneModal({
  reminder,
  onClose,
  onDone,
}: {
  reminder: ReminderView;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      await api.post('/api/maintenance-reminders/{id}/done', {
        params: { path: { id: reminder.id } },
        body: { note: note || undefined },
      });
      void message.success(t('reminders.doneSaved'));
      onClose();
      onDone();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('reminders.doneTitle', { name: reminder.customerName ?? reminder.vin ?? '' })}
      okText={t('reminders.done')}
      okButtonProps={{ loading: busy }}
      onOk={submit}
      onCancel={onClose}
    >
      <Input.TextArea
        aria-label={t('reminders.note')}
        placeholder={t('reminders.notePlaceholder')}
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Modal>
  );
}

/** The 保养提醒 tab: open maintenance reminders by due window, call the customer, mark done. */
export function MaintenanceReminders() {
  const { t } = useTranslation();
  const [due, setDue] = useState<DueWindow>('week');
  const [closing, setClosing] = useState<ReminderView | null>(null);
  // The windows count from the desk's own calendar day, so what is due is what the desk sees as due.
  const asOf = storeToday();
  const list = useApiQuery('/api/maintenance-reminders', { params: { query: { due, asOf } } });
  return (
    <>
      <Segmented<DueWindow>
        style={{ marginBottom: 16 }}
        value={due}
        onChange={setDue}
        options={WINDOWS.map((w) => ({ value: w, label: t(`reminders.window.${w}`) }))}
      />
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ReminderView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          {
            title: t('reminders.dueDate'),
            dataIndex: 'dueDate',
            render: (d: string, r) => (
              <Tag color={r.overdue ? 'red' : 'blue'}>
                {formatDate(d)}
                {r.overdue ? ` · ${t('reminders.overdue')}` : ''}
              </Tag>
            ),
          },
          {
            title: t('reminders.dueKm'),
            dataIndex: 'dueKm',
            render: (k: number | null) => (k === null ? '—' : `${k} km`),
          },
          {
            title: t('afterSales.customer'),
            dataIndex: 'customerName',
            render: (n: string | null) => n ?? '—',
          },
          { title: t('afterSales.vin'), dataIndex: 'vin', render: (v: string | null) => v ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space size={0}>
                {r.mobile && (
                  <Button type="link" size="small" icon={<PhoneOutlined />} href={`tel:${r.mobile}`}>
                    {r.mobile}
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setClosing(r)}>
                  {t('reminders.done')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {closing && <DoneModal reminder={closing} onClose={() => setClosing(null)} onDone={list.reload} />}
    </>
  );
}

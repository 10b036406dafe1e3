/**
 * The task page's "抄送" action: pick colleagues (`GET /api/users`), add a note, and
 * `POST /api/tasks/:id/cc`. Offered to the task's assignee (or whoever completed it) and to a
 * candidate of the open task — the server checks the same.
 */
import { App, Button, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { SessionUser, TaskView } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { hasAnyRole } from '../session/roles.ts';

/** Whether the user may CC from the task (mirrors the server's rule). */
export function canCc(task: TaskView, user: Pick<SessionUser, 'id' | 'roles' | 'storeId'>): boolean {
  if (task.assignee === user.id || task.completedBy === user.id) return true;
  if (task.status !== 'open' || task.assignee !== null) return false;
  if (task.candidateUsers.includes(user.id)) return true;
  const inStore = user.storeId === null || task.storeId === null || user.storeId === task.storeId;
  return inStore && hasAnyRole(user, task.candidateRoles);
}

/** The button and its dialog; `onDone` after a CC went out (reload the history). */
export function CcAction({ task, userId, onDone }: { task: TaskView; userId: string; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const users = useApiQuery(open ? '/api/users' : null);

  function close() {
    setOpen(false);
    setChosen([]);
    setComment('');
    setError(null);
  }

  async function send() {
    if (chosen.length === 0) {
      setError(t('cc.usersRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { users: chosen, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const result = await api.post('/api/tasks/{id}/cc', { params: { path: { id: task.id } }, body: body });
      void message.success(t('cc.done', { count: result.users.length }));
      close();
      onDone();
    } catch (e) {
      const detail = e instanceof ApiError ? e.details[0] : undefined;
      setError(
        detail
          ? `${e instanceof Error ? e.message : ''} (${detail.path}: ${detail.message})`
          : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  const options = (users.data?.items ?? [])
    .filter((u) => u.id !== userId)
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('cc.action')}</Button>
      <Modal
        open={open}
        title={t('cc.title')}
        onCancel={close}
        maskClosable={!busy}
        footer={
          <Space>
            <Button disabled={busy} onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" loading={busy} onClick={() => void send()}>
              {t('cc.submit')}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="cc-users">{t('cc.users')}</label>
          <Select
            id="cc-users"
            mode="multiple"
            aria-label={t('cc.users')}
            placeholder={t('cc.usersPlaceholder')}
            loading={users.loading}
            options={options}
            value={chosen}
            onChange={setChosen}
            optionFilterProp="label"
            style={{ width: '100%' }}
          />
          <label htmlFor="cc-comment">{t('cc.comment')}</label>
          <Input.TextArea
            id="cc-comment"
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Space>
      </Modal>
    </>
  );
}

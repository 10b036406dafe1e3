/**
 * The inbox's batch approval: a button for the selected rows, a confirm dialog with an optional
 * shared comment, then each task's result (successes and the server's messages for failures).
 */
import { Alert, Button, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../api/types.ts';
import { approveAll, type BatchResult } from './batch-approve.ts';

/** Props of {@link BatchApprove}. */
export interface BatchApproveProps {
  tasks: TaskView[];
  /** Called once the results were seen (the dialog closes): refetch the list, clear the selection. */
  onDone(): void;
}

/** "批量同意" for the selected tasks; renders nothing while none is selected. */
export function BatchApprove({ tasks, onDone }: BatchApproveProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Frozen when the dialog opens, so live refetches of the list do not change the batch under way.
  const [batch, setBatch] = useState<TaskView[]>([]);
  const [comment, setComment] = useState('');
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<BatchResult[]>();

  async function run() {
    setRunning(true);
    try {
      setResults(await approveAll(batch, comment.trim()));
    } finally {
      setRunning(false);
    }
  }
  function close() {
    const ran = results !== undefined;
    setOpen(false);
    setResults(undefined);
    setComment('');
    if (ran) onDone();
  }

  if (tasks.length === 0 && !open) return null;
  const failed = results?.filter((r) => !r.ok).length ?? 0;
  return (
    <>
      <Button
        type="primary"
        onClick={() => {
          setBatch(tasks);
          setOpen(true);
        }}
        style={{ marginBottom: 12 }}
      >
        {t('inbox.batchApprove', { count: tasks.length })}
      </Button>
      <Modal
        open={open}
        title={t('inbox.batchTitle', { count: batch.length })}
        onCancel={close}
        maskClosable={!running}
        closable={!running}
        footer={
          results ? (
            <Button onClick={close}>{t('inbox.batchClose')}</Button>
          ) : (
            <Space>
              <Button disabled={running} onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="primary" loading={running} onClick={() => void run()}>
                {t('inbox.batchRun')}
              </Button>
            </Space>
          )
        }
      >
        {results ? (
          <>
            <Alert
              type={failed ? 'warning' : 'success'}
              showIcon
              title={t('inbox.batchSummary', { ok: results.length - failed, failed })}
              style={{ marginBottom: 12 }}
            />
            <List
              size="small"
              dataSource={results}
              renderItem={(r) => (
                <List.Item data-testid={`batch-${r.task.id}`}>
                  <Space>
                    {r.ok ? (
                      <Tag color="green">{t('inbox.batchOk')}</Tag>
                    ) : (
                      <Tag color="red">{r.status ?? '!'}</Tag>
                    )}
                    <span>
                      {r.task.name} {r.task.businessKey ?? ''}
                    </span>
                    {!r.ok && <Typography.Text type="danger">{r.message}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">{t('inbox.batchHint')}</Typography.Paragraph>
            <label htmlFor="batch-comment">{t('inbox.batchComment')}</label>
            <Input.TextArea
              id="batch-comment"
              rows={3}
              value={comment}
              disabled={running}
              onChange={(e) => setComment(e.target.value)}
            />
          </Space>
        )}
      </Modal>
    </>
  );
}

/**
 * Confirms publishing with a readable summary of the changes against the published version.
 */
import { Alert, Modal, Tag } from 'antd';
import type { Problem, WorkflowDefinition } from '../../engine/types.ts';
import { summarizeChanges } from './definition-diff.ts';
import { PlainList } from './PlainList.tsx';
import { fmt } from './strings.ts';

export interface PublishModalProps {
  open: boolean;
  published: WorkflowDefinition | null;
  draft: WorkflowDefinition;
  problems: Problem[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;

/** The publish dialog. */
export function PublishModal({
  open,
  published,
  draft,
  problems,
  busy,
  onConfirm,
  onCancel,
}: PublishModalProps) {
  const lines = open ? summarizeChanges(published, draft) : [];
  return (
    <Modal
      open={open}
      title={fmt('ui.publishTitle')}
      okText={fmt('ui.publishConfirm')}
      onOk={onConfirm}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: problems.length > 0 }}
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon title={fmt('ui.problems', { n: problems.length })} />
      )}
      <PlainList
        header={fmt('ui.diff')}
        items={lines}
        itemKey={(l, i) => `${i}:${l.text}`}
        empty={fmt('ui.noChanges')}
        renderItem={(l) => (
          <>
            <Tag color={COLOR[l.kind]}>{fmt(`diff.tag.${l.kind}`)}</Tag>
            {l.text}
          </>
        )}
      />
    </Modal>
  );
}

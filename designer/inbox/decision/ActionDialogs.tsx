/**
 * The small dialogs some task actions need: whom to transfer or delegate to, whom to add and where
 * (加签), and where to return to (退回). The comment is the page's one comment box, not asked here.
 */
import { Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddPosition, MentionUser, ReturnTarget } from './task-actions.ts';

export type DialogResult =
  | { action: 'transfer' | 'delegate'; to: string }
  | { action: 'add-approver'; users: string[]; position: AddPosition }
  | { action: 'return'; to: ReturnTarget | 'flow' };

export type DialogKind = DialogResult['action'];

export interface ActionDialogProps {
  kind: DialogKind;
  people: readonly MentionUser[];
  /** The people are still being fetched: their selects wait (disabled, spinning) rather than fill in under the cursor. */
  peopleLoading?: boolean;
  /** 退回: where the step may return to ('flow' = the step's own return outcome). */
  returnTargets: { value: ReturnTarget | 'flow'; label: string }[];
  busy: boolean;
  onCancel(): void;
  onOk(result: DialogResult): void;
}

const userOptions = (people: readonly MentionUser[]) =>
  people.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));

export function ActionDialog({
  kind,
  people,
  peopleLoading = false,
  returnTargets,
  busy,
  onCancel,
  onOk,
}: ActionDialogProps) {
  const { t } = useTranslation();
  const [one, setOne] = useState<string>();
  const [many, setMany] = useState<string[]>([]);
  const [position, setPosition] = useState<AddPosition>('after');
  const [target, setTarget] = useState<ReturnTarget | 'flow'>(returnTargets[0]?.value ?? 'previous');
  const titles: Record<DialogKind, string> = {
    transfer: t('decision.transfer'),
    delegate: t('decision.delegate'),
    'add-approver': t('decision.addApprover'),
    return: t('outcome.return'),
  };
  const ready =
    kind === 'return' ? Boolean(target) : kind === 'add-approver' ? many.length > 0 : Boolean(one);

  function ok() {
    if (kind === 'return') onOk({ action: 'return', to: target });
    else if (kind === 'add-approver') onOk({ action: 'add-approver', users: many, position });
    else if (one) onOk({ action: kind, to: one });
  }

  return (
    <Modal
      open
      title={titles[kind]}
      okText={t('decision.confirm')}
      okButtonProps={{ disabled: !ready, loading: busy }}
      onOk={ok}
      onCancel={onCancel}
    >
      {(kind === 'transfer' || kind === 'delegate') && (
        <Select
          aria-label={t('decision.pickUser')}
          placeholder={t('decision.pickUser')}
          showSearch
          optionFilterProp="label"
          options={userOptions(people)}
          loading={peopleLoading}
          disabled={peopleLoading}
          value={one}
          onChange={setOne}
          style={{ width: '100%' }}
        />
      )}
      {kind === 'add-approver' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            mode="multiple"
            aria-label={t('decision.pickUsers')}
            placeholder={t('decision.pickUsers')}
            optionFilterProp="label"
            options={userOptions(people)}
            loading={peopleLoading}
            disabled={peopleLoading}
            value={many}
            onChange={setMany}
            style={{ width: '100%' }}
          />
          <Radio.Group
            aria-label={t('decision.position')}
            value={position}
            onChange={(e) => setPosition(e.target.value as AddPosition)}
            options={(['before', 'after', 'parallel'] as const).map((p) => ({
              value: p,
              label: t(`decision.${p}`),
            }))}
          />
        </Space>
      )}
      {kind === 'return' && (
        <Radio.Group
          aria-label={t('decision.returnTo')}
          value={target}
          onChange={(e) => setTarget(e.target.value as ReturnTarget)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={returnTargets}
        />
      )}
    </Modal>
  );
}

/**
 * The decision bar, always in view at the bottom of the task page (sticky; thumb-reachable on a
 * phone): the one comment box (with @-mentions), the step's outcomes, a handwritten signature, and
 * the other actions — 转交 / 委托 / 加签 / 评论 under 更多, 催办 and 撤回 for the starter.
 */
import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Flex, Mentions, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeButtons } from '../OutcomeButtons.tsx';
import { SignatureButton } from './SignatureButton.tsx';
import type { MentionUser } from './task-actions.ts';

export type BarAction = 'transfer' | 'delegate' | 'add-approver' | 'comment' | 'remind' | 'withdraw';

export interface TaskActionBarProps {
  outcomes: string[];
  /** The user may decide this task (assignee or candidate). */
  canAct: boolean;
  /** The user started the instance and it still runs: 催办 and 撤回. */
  starter: boolean;
  comment: string;
  commentLabel: string;
  commentRequired: boolean;
  /** When the comment is needed for some actions only, e.g. 「拒绝、退回时必须填写意见」. */
  commentHint?: string;
  onComment(text: string): void;
  people: readonly MentionUser[];
  signature: string | undefined;
  signatureMode: 'none' | 'optional' | 'required';
  onSignature(value: string | undefined): void;
  busy: string | null;
  failure: string | null;
  /** Other actions of the page (抄送). */
  extra?: ReactNode;
  onOutcome(outcome: string): void;
  onAction(action: BarAction): void;
}

export function TaskActionBar(props: TaskActionBarProps) {
  const { t } = useTranslation();
  const { canAct, starter, busy } = props;
  const more = [
    ...(canAct
      ? [
          { key: 'transfer', label: t('decision.transfer') },
          { key: 'delegate', label: t('decision.delegate') },
          { key: 'add-approver', label: t('decision.addApprover') },
        ]
      : []),
    { key: 'comment', label: t('decision.commentOnly') },
  ];
  const mentionOptions = props.people.map((u) => ({
    value: u.displayName,
    label: `${u.displayName} (${u.username})`,
  }));
  return (
    <section
      className="df-action-bar df-no-print"
      aria-label={t('decision.comment')}
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 10,
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        boxShadow: '0 -4px 12px rgba(0,0,0,0.06)',
        padding: '12px 16px',
        marginTop: 16,
      }}
    >
      <label htmlFor="task-comment" style={{ display: 'block', marginBottom: 4 }}>
        {props.commentLabel}
        {props.commentRequired && <span style={{ color: '#a8071a' }}> *</span>}
        {props.commentHint && (
          <span style={{ color: '#8c8c8c', marginLeft: 8, fontSize: 12 }}>{props.commentHint}</span>
        )}
      </label>
      <Mentions
        id="task-comment"
        autoSize={{ minRows: 1, maxRows: 4 }}
        value={props.comment}
        placeholder={t('decision.commentPlaceholder')}
        options={mentionOptions}
        onChange={props.onComment}
        maxLength={500}
      />
      {props.failure && (
        <Alert type="error" role="alert" showIcon title={props.failure} style={{ marginTop: 8 }} />
      )}
      <Flex wrap gap={8} style={{ marginTop: 8 }} align="center">
        {canAct && <OutcomeButtons outcomes={props.outcomes} busy={busy} onOutcome={props.onOutcome} />}
        {canAct && props.signatureMode !== 'none' && (
          <SignatureButton
            value={props.signature}
            required={props.signatureMode === 'required'}
            onChange={props.onSignature}
          />
        )}
        {starter && (
          <Button loading={busy === 'remind'} onClick={() => props.onAction('remind')}>
            {t('decision.remind')}
          </Button>
        )}
        {starter && (
          <Popconfirm title={t('decision.withdrawConfirm')} onConfirm={() => props.onAction('withdraw')}>
            <Button danger loading={busy === 'withdraw'}>
              {t('decision.withdraw')}
            </Button>
          </Popconfirm>
        )}
        <Dropdown
          trigger={['click']}
          menu={{ items: more, onClick: ({ key }) => props.onAction(key as BarAction) }}
        >
          <Button loading={busy !== null && more.some((m) => m.key === busy)}>
            {t('decision.more')} <DownOutlined />
          </Button>
        </Dropdown>
        {props.extra}
        <Button type="text" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('decision.print')}
        </Button>
      </Flex>
    </section>
  );
}

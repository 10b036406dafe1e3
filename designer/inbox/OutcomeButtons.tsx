import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

type ButtonLook = { color: 'danger' | 'default' | 'primary'; variant: 'solid' | 'outlined' };

/**
 * 同意 primary blue (as in DingTalk), 拒绝 red, 退回 plain, 撤回 / 取消 red outline; any other outcome is a primary button
 * labelled by its name. antd's preset green is too light for white text (WCAG AA), hence no green.
 */
export function outcomeLook(outcome: string): ButtonLook {
  if (outcome === 'approve') return { color: 'primary', variant: 'solid' };
  if (outcome === 'reject') return { color: 'danger', variant: 'solid' };
  if (outcome === 'return') return { color: 'default', variant: 'outlined' };
  if (outcome === 'withdraw' || outcome === 'cancel') return { color: 'danger', variant: 'outlined' };
  return { color: 'primary', variant: 'solid' };
}

export interface OutcomeButtonsProps {
  outcomes: string[];
  busy: string | null;
  disabled?: boolean;
  onOutcome(outcome: string): void;
}

/** One button per outcome the task offers. */
export function OutcomeButtons({ outcomes, busy, disabled, onOutcome }: OutcomeButtonsProps) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {outcomes.map((outcome) => {
        const look = outcomeLook(outcome);
        return (
          <Button
            key={outcome}
            color={look.color}
            variant={look.variant}
            loading={busy === outcome}
            disabled={disabled || (busy !== null && busy !== outcome)}
            onClick={() => onOutcome(outcome)}
          >
            {t(`outcome.${outcome}`, outcome)}
          </Button>
        );
      })}
    </Space>
  );
}

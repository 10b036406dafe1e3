/**
 * 手写签名 on a decision: a button that opens the signing pad (the form palette's SignatureWidget)
 * and shows the signature once drawn. The PNG data URL goes with the decision.
 */
import { EditOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignatureWidget } from '../../components/widgets/SignatureWidget.tsx';

export function SignatureButton({
  value,
  required = false,
  onChange,
}: {
  value?: string;
  /** The step requires a signature on a decision: marked like a required field. */
  required?: boolean;
  onChange(v: string | undefined): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<string | undefined>(value);
  // The widget reads only these props; it is shared with rjsf forms, hence the WidgetProps shape.
  const widget = {
    id: 'decision-signature',
    label: t('decision.signature'),
    value: draft,
    disabled: false,
    readonly: false,
    onChange: (v: unknown) => setDraft(typeof v === 'string' ? v : undefined),
  } as unknown as WidgetProps;
  return (
    <>
      <Button
        icon={value ? <img src={value} alt={t('decision.signed')} height={18} /> : <EditOutlined />}
        onClick={() => {
          setDraft(value);
          setOpen(true);
        }}
      >
        {value ? t('decision.signed') : t('decision.sign')}
        {required && !value && <span style={{ color: '#a8071a' }}> *</span>}
      </Button>
      <Modal
        open={open}
        title={t('decision.signTitle')}
        okText={t('decision.useSignature')}
        onOk={() => {
          onChange(draft);
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <SignatureWidget {...widget} />
      </Modal>
    </>
  );
}

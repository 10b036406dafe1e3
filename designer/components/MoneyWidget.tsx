import type { WidgetProps } from '@rjsf/utils';
import { InputNumber } from 'antd';
import { fenToYuan, yuanToFen } from './money.ts';

/**
 * rjsf widget for amounts (`"ui:widget": "money"`): people edit 元 with two decimals, the form data
 * holds integer 分 as the API expects.
 */
export function MoneyWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, autofocus } = props;
  const fen = typeof value === 'number' ? value : null;
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      precision={2}
      step={100}
      min={0}
      suffix="元"
      autoFocus={autofocus}
      placeholder={placeholder}
      disabled={disabled}
      readOnly={readonly}
      value={fen === null ? null : fenToYuan(fen)}
      onChange={(yuan) => onChange(typeof yuan === 'number' ? yuanToFen(yuan) : undefined)}
      onBlur={() => onBlur(id, fen)}
      onFocus={() => onFocus(id, fen)}
    />
  );
}

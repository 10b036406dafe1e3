import type { WidgetProps } from '@rjsf/utils';
import { Input, InputNumber } from 'antd';
import { formatFen } from '../format.ts';
import { fenToYuan, yuanToFen } from '../money.ts';

// antd greys disabled text out to near-illegible; a read-only amount is information, not a control.
const READ_ONLY_STYLE = { color: 'rgba(0, 0, 0, 0.88)', WebkitTextFillColor: 'rgba(0, 0, 0, 0.88)' };

/**
 * rjsf widget for amounts (`"ui:widget": "money"`): people edit 元 with two decimals, the form data
 * holds integer 分 as the API expects.
 */
export function MoneyWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, autofocus, schema } = props;
  const fen = typeof value === 'number' ? value : null;
  // Amounts may be negative (gross profit); only a schema minimum bounds them.
  const min = typeof schema.minimum === 'number' ? fenToYuan(schema.minimum) : undefined;
  if (disabled || readonly)
    return (
      <Input
        id={id}
        disabled={disabled}
        readOnly
        value={formatFen(fen)}
        style={{ width: '100%', ...READ_ONLY_STYLE }}
      />
    );
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      precision={2}
      step={100}
      min={min}
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

import type { WidgetProps } from '@rjsf/utils';
import { InputNumber } from 'antd';

/** rjsf widget for ratios (`"ui:widget": "percent"`): people edit 5 (%), the data holds 0.05. */
export function PercentWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus, autofocus } = props;
  const ratio = typeof value === 'number' ? value : null;
  // Rounded to 4 decimals of the ratio so 0.07 does not come back as 0.07000000000000001.
  const toRatio = (percent: number) => Math.round(percent * 100) / 10_000;
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      precision={2}
      suffix="%"
      autoFocus={autofocus}
      disabled={disabled}
      readOnly={readonly}
      value={ratio === null ? null : Math.round(ratio * 1_000_000) / 10_000}
      onChange={(percent) => onChange(typeof percent === 'number' ? toRatio(percent) : undefined)}
      onBlur={() => onBlur(id, ratio)}
      onFocus={() => onFocus(id, ratio)}
    />
  );
}

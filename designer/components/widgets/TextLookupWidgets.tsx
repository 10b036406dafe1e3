import { CarOutlined, ContactsOutlined, PaperClipOutlined, UserOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import type { ReactNode } from 'react';

/**
 * Plain text entry for the palette's people / customer / vehicle / file fields until pickers over
 * the API exist; each stores a string as the form schema says.
 */
function textWidget(icon: ReactNode, transform: (v: string) => string = (v) => v, maxLength?: number) {
  return function TextLookupWidget(props: WidgetProps) {
    const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, autofocus } = props;
    return (
      <Input
        id={id}
        prefix={icon}
        maxLength={maxLength}
        autoFocus={autofocus}
        placeholder={placeholder}
        disabled={disabled}
        readOnly={readonly}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : transform(e.target.value))}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
    );
  };
}

/** A username. */
export const UserWidget = textWidget(<UserOutlined />);
/** A customer (name or id). */
export const CustomerWidget = textWidget(<ContactsOutlined />);
/** A vehicle by VIN (upper case, 17 characters). */
export const VehicleWidget = textWidget(<CarOutlined />, (v) => v.toUpperCase(), 17);
/** An attachment's link. */
export const FileWidget = textWidget(<PaperClipOutlined />);

import { CarOutlined, ContactsOutlined, PaperClipOutlined, UserOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import type { ReactNode } from 'react';

interface TextLookupProps {
  widget: WidgetProps;
  icon: ReactNode;
  transform?: (value: string) => string;
  maxLength?: number;
}

/**
 * Plain text entry for the palette's people / customer / vehicle / file fields until pickers over
 * the API exist; each stores a string as the form schema says.
 */
function TextLookup({ widget, icon, transform = (v) => v, maxLength }: TextLookupProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, autofocus } = widget;
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
}

const upper = (v: string) => v.toUpperCase();

/** A username (`"ui:widget": "user"`). */
export function UserWidget(props: WidgetProps) {
  return <TextLookup widget={props} icon={<UserOutlined />} />;
}

/** A customer, by name or id (`"ui:widget": "customer"`). */
export function CustomerWidget(props: WidgetProps) {
  return <TextLookup widget={props} icon={<ContactsOutlined />} />;
}

/** A vehicle by VIN: upper case, 17 characters (`"ui:widget": "vehicle"`). */
export function VehicleWidget(props: WidgetProps) {
  return <TextLookup widget={props} icon={<CarOutlined />} transform={upper} maxLength={17} />;
}

/** An attachment's link (`"ui:widget": "file"`). */
export function FileWidget(props: WidgetProps) {
  return <TextLookup widget={props} icon={<PaperClipOutlined />} />;
}

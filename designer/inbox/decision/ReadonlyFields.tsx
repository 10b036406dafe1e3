/**
 * The step's read-only form fields as a description list people can read (money as ¥, ratios as
 * %, yes / no, attachments previewed, signatures as images) instead of a column of grey inputs.
 */
import { Descriptions, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldPermission, JsonObject } from '../../../engine/types.ts';
import type { ProjectedForm } from '../../api/types.ts';
import { formatFen } from '../../components/format.ts';
import { AttachmentPreview, fileIdsOf } from './AttachmentPreview.tsx';

type Entry = Record<string, unknown>;

/** The names of the fields this step shows but may not change, in the form's order. */
export function readonlyFieldsOf(form: ProjectedForm, fields: Record<string, FieldPermission>): string[] {
  const properties = Object.keys(form.schema.properties ?? {});
  const order = form.uiSchema['ui:order'];
  const ordered = Array.isArray(order)
    ? [
        ...order.filter((f): f is string => properties.includes(f)),
        ...properties.filter((p) => !order.includes(p)),
      ]
    : properties;
  return ordered.filter((name) => {
    const ui = form.uiSchema[name] as Entry | undefined;
    return fields[name] === 'readonly' || ui?.['ui:readonly'] === true || ui?.['ui:disabled'] === true;
  });
}

/** `0.08` → `8.0%`. */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/**
 * The name a choice shows in the form — `ui:enumNames` beside `enum`, or a `oneOf` entry's `title` —
 * so a read-only `wechat` reads 微信 as it did when it was picked.
 */
export function enumLabel(value: unknown, schema: Entry, ui: Entry | undefined): string | undefined {
  const names = ui?.['ui:enumNames'];
  if (Array.isArray(schema.enum) && Array.isArray(names)) {
    const name = names[schema.enum.indexOf(value)];
    if (typeof name === 'string') return name;
  }
  if (Array.isArray(schema.oneOf)) {
    const entry = (schema.oneOf as Entry[]).find((o) => o.const === value);
    if (typeof entry?.title === 'string') return entry.title;
  }
  return undefined;
}

function FieldValue({ value, schema, ui }: { value: unknown; schema: Entry; ui: Entry | undefined }) {
  const { t } = useTranslation();
  const widget = ui?.['ui:widget'];
  if (value === undefined || value === null || value === '') return <>—</>;
  const named = enumLabel(value, schema, ui);
  if (named !== undefined) return <>{named}</>;
  if (widget === 'money' && typeof value === 'number') return <>{formatFen(value)}</>;
  const ratio = widget === 'percent' || (schema.type === 'number' && schema.maximum === 1);
  if (ratio && typeof value === 'number') return <>{formatPercent(value)}</>;
  if (typeof value === 'boolean') return <>{value ? t('decision.yes') : t('decision.no')}</>;
  if (widget === 'signature' && typeof value === 'string' && value.startsWith('data:image/'))
    return <img src={value} alt={t('decision.signature')} height={60} />;
  if (widget === 'file' || widget === 'files') {
    return (
      <Space wrap>
        {fileIdsOf(value).map((id) => (
          <AttachmentPreview key={id} id={id} />
        ))}
      </Space>
    );
  }
  if (Array.isArray(value))
    return <>{value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、')}</>;
  if (typeof value === 'object') return <>{JSON.stringify(value)}</>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
}

export interface ReadonlyFieldsProps {
  form: ProjectedForm;
  names: string[];
  data: JsonObject;
  title?: ReactNode;
}

export function ReadonlyFields({ form, names, data, title }: ReadonlyFieldsProps) {
  if (names.length === 0) return null;
  const properties = (form.schema.properties ?? {}) as Record<string, Entry>;
  return (
    <Descriptions
      className="df-readonly-fields"
      size="small"
      bordered
      title={title}
      column={{ xs: 1, sm: 2 }}
      items={names.map((name) => ({
        key: name,
        label: typeof properties[name]?.title === 'string' ? (properties[name]?.title as string) : name,
        children: (
          <FieldValue
            value={data[name]}
            schema={properties[name] ?? {}}
            ui={form.uiSchema[name] as Entry | undefined}
          />
        ),
      }))}
    />
  );
}

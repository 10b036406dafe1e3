/**
 * The selected field's properties: label, help, placeholder, required, default, limits, pattern and
 * choices, each written back through `updateField`.
 */
import { Empty, Form, Input, InputNumber, Switch } from 'antd';
import type { JSONSchema } from '../../forms/types.ts';
import type { FieldEntry, FieldPatch } from './form-model.ts';
import { tf } from './strings.ts';

export interface FieldPropertiesProps {
  field: FieldEntry | undefined;
  onChange: (patch: FieldPatch) => void;
}

function choicesOf(schema: JSONSchema, ui: Record<string, unknown>): string {
  const target = schema.type === 'array' ? (schema.items as JSONSchema | undefined) : schema;
  const values: unknown[] = Array.isArray(target?.enum) ? target.enum : [];
  const names: unknown[] = Array.isArray(ui['ui:enumNames']) ? ui['ui:enumNames'] : [];
  return values.map((v, i) => `${String(v)}=${String(names[i] ?? v)}`).join('\n');
}

function parseChoices(text: string): { value: string; label: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [value = '', ...rest] = l.split('=');
      return { value: value.trim(), label: (rest.join('=') || value).trim() };
    });
}

const num = (v: number | null) => (v === null ? null : v);

/** The property panel of the form builder. */
export function FieldProperties({ field, onChange }: FieldPropertiesProps) {
  if (!field) return <Empty description={tf('noField')} />;
  const { schema, uiSchema } = field;
  const isNumber = schema.type === 'number' || schema.type === 'integer';
  const isText = schema.type === 'string' && !schema.enum;
  const hasChoices =
    Array.isArray(schema.enum) ||
    (schema.type === 'array' && Array.isArray((schema.items as JSONSchema | undefined)?.enum));
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return (
    <Form layout="vertical" size="small" component="div" key={field.path.join('.')}>
      <Form.Item label={tf('name')}>
        <Input value={field.name} disabled />
      </Form.Item>
      <Form.Item label={tf('label')} htmlFor="field-label">
        <Input
          id="field-label"
          value={str(schema.title)}
          onChange={(e) => onChange({ label: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={tf('help')} htmlFor="field-help">
        <Input
          id="field-help"
          value={str(uiSchema['ui:help'])}
          onChange={(e) => onChange({ help: e.target.value || null })}
        />
      </Form.Item>
      {!field.isSection && (
        <>
          <Form.Item label={tf('placeholder')} htmlFor="field-placeholder">
            <Input
              id="field-placeholder"
              value={str(uiSchema['ui:placeholder'])}
              onChange={(e) => onChange({ placeholder: e.target.value || null })}
            />
          </Form.Item>
          <Form.Item label={tf('required')}>
            <Switch
              aria-label={tf('required')}
              checked={field.required}
              onChange={(required) => onChange({ required })}
            />
          </Form.Item>
          {isText && (
            <Form.Item label={tf('default')} htmlFor="field-default">
              <Input
                id="field-default"
                value={str(schema.default)}
                onChange={(e) => onChange({ default: e.target.value || null })}
              />
            </Form.Item>
          )}
          {isNumber && (
            <>
              <Form.Item label={tf('default')} htmlFor="field-default">
                <InputNumber
                  id="field-default"
                  value={typeof schema.default === 'number' ? schema.default : null}
                  onChange={(v) => onChange({ default: v })}
                />
              </Form.Item>
              <Form.Item label={tf('minimum')} htmlFor="field-minimum">
                <InputNumber
                  id="field-minimum"
                  value={schema.minimum ?? null}
                  onChange={(v) => onChange({ minimum: num(v) })}
                />
              </Form.Item>
              <Form.Item label={tf('maximum')} htmlFor="field-maximum">
                <InputNumber
                  id="field-maximum"
                  value={schema.maximum ?? null}
                  onChange={(v) => onChange({ maximum: num(v) })}
                />
              </Form.Item>
            </>
          )}
          {isText && (
            <>
              <Form.Item label={tf('minLength')} htmlFor="field-minLength">
                <InputNumber
                  id="field-minLength"
                  min={0}
                  value={schema.minLength ?? null}
                  onChange={(v) => onChange({ minLength: num(v) })}
                />
              </Form.Item>
              <Form.Item label={tf('maxLength')} htmlFor="field-maxLength">
                <InputNumber
                  id="field-maxLength"
                  min={0}
                  value={schema.maxLength ?? null}
                  onChange={(v) => onChange({ maxLength: num(v) })}
                />
              </Form.Item>
              <Form.Item label={tf('pattern')} htmlFor="field-pattern">
                <Input
                  id="field-pattern"
                  value={str(schema.pattern)}
                  onChange={(e) => onChange({ pattern: e.target.value || null })}
                />
              </Form.Item>
            </>
          )}
          {hasChoices && (
            <Form.Item label={tf('options')} htmlFor="field-options">
              <Input.TextArea
                id="field-options"
                defaultValue={choicesOf(schema, uiSchema)}
                autoSize={{ minRows: 2 }}
                onBlur={(e) => onChange({ options: parseChoices(e.target.value) })}
              />
            </Form.Item>
          )}
        </>
      )}
    </Form>
  );
}

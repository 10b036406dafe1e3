/**
 * The JSON tab: schema and uiSchema as editable text; "apply" takes them back when both parse.
 */
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FormDoc } from './form-model.ts';
import { tf } from './strings.ts';

function parseObject(text: string): Record<string, unknown> | string {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : tf('needObject');
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The JSON tab of the form builder. */
export function JsonView({ doc, onChange }: { doc: FormDoc; onChange: (doc: FormDoc) => void }) {
  const [schema, setSchema] = useState(() => JSON.stringify(doc.schema, null, 2));
  const [ui, setUi] = useState(() => JSON.stringify(doc.uiSchema, null, 2));
  useEffect(() => {
    setSchema(JSON.stringify(doc.schema, null, 2));
    setUi(JSON.stringify(doc.uiSchema, null, 2));
  }, [doc]);
  const parsedSchema = parseObject(schema);
  const parsedUi = parseObject(ui);
  const error =
    typeof parsedSchema === 'string' ? parsedSchema : typeof parsedUi === 'string' ? parsedUi : undefined;
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{tf('schema')}</Typography.Text>
      <Input.TextArea
        aria-label={tf('schema')}
        value={schema}
        onChange={(e) => setSchema(e.target.value)}
        autoSize={{ minRows: 6, maxRows: 20 }}
        style={{ fontFamily: 'monospace' }}
      />
      <Typography.Text strong>{tf('uiSchema')}</Typography.Text>
      <Input.TextArea
        aria-label={tf('uiSchema')}
        value={ui}
        onChange={(e) => setUi(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 20 }}
        style={{ fontFamily: 'monospace' }}
      />
      {error && <Alert type="error" showIcon title={tf('badJson', { reason: error })} />}
      <Button
        type="primary"
        disabled={error !== undefined}
        onClick={() => {
          if (typeof parsedSchema !== 'string' && typeof parsedUi !== 'string')
            onChange({ schema: parsedSchema, uiSchema: parsedUi });
        }}
      >
        {tf('apply')}
      </Button>
    </Flex>
  );
}

/**
 * The live preview: the form as people will fill it, rendered by @rjsf/antd with the rules compiled into
 * the schema (forms/rules.ts) and the rest of the schema passed through unchanged, so conditional
 * fields (`if`/`then`/`else`, `dependencies`, `oneOf`, ...) show and hide as on the task page;
 * validated by ajv 8 with the dealership formats.
 */
import Form from '@rjsf/antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Alert } from 'antd';
import { Component, type ReactNode, useMemo, useState } from 'react';
import { CUSTOM_FORMATS } from '../../forms/formats.ts';
import { localizeErrors } from '../../forms/messages.ts';
import { compileRules } from '../../forms/rules.ts';
import type { VisibilityRule } from '../../forms/types.ts';
import { FORM_WIDGETS } from '../components/form-widgets.ts';
import type { FormDoc } from './form-model.ts';
import { tf } from './strings.ts';

const validator = customizeValidator({ customFormats: { ...CUSTOM_FORMATS } }, (errors) =>
  localizeErrors(errors, 'zh-CN'),
);

/**
 * The UI schema for the preview. rjsf ignores `ui:order` entries it does not find (ruled fields move
 * into `allOf`/`then`) but refuses a visible field missing from the order: a `*` is added when the
 * order has none, so a half-edited order never breaks the preview (the server check reports it).
 */
function previewUiSchema(ui: Record<string, unknown>): UiSchema {
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : undefined;
  if (!order || order.includes('*')) return ui as UiSchema;
  return { ...ui, 'ui:order': [...order, '*'] } as UiSchema;
}

class PreviewBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error?: string; key?: string }
> {
  override state: { error?: string; key?: string } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key?: string }) {
    return props.resetKey === state.key ? null : { key: props.resetKey, error: undefined };
  }
  override render() {
    return this.state.error ? <Alert type="error" title={this.state.error} /> : this.props.children;
  }
}

/** The preview tab. */
export function FormPreview({ doc, rules }: { doc: FormDoc; rules: VisibilityRule[] }) {
  const [data, setData] = useState<unknown>({});
  const schema = useMemo(() => compileRules(doc.schema, rules) as RJSFSchema, [doc.schema, rules]);
  const uiSchema = useMemo(() => previewUiSchema(doc.uiSchema), [doc.uiSchema]);
  const columns = (doc.uiSchema['ui:options'] as { columns?: number } | undefined)?.columns === 2 ? 12 : 24;
  return (
    <section aria-label={tf('preview')} data-testid="form-preview">
      <PreviewBoundary resetKey={JSON.stringify([schema, uiSchema])}>
        <Form
          schema={schema}
          uiSchema={uiSchema}
          formData={data}
          validator={validator}
          widgets={FORM_WIDGETS}
          formContext={{ colSpan: columns }}
          onChange={(e) => setData(e.formData)}
          liveValidate="onChange"
          showErrorList={false}
        />
      </PreviewBoundary>
    </section>
  );
}

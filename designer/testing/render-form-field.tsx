/** Renders one rjsf field with the app's custom widgets inside the app's providers (i18n, session). */
import Form from '@rjsf/antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { render } from '@testing-library/react';
import { FORM_WIDGETS } from '../components/form-widgets.ts';
import { LocaleProvider } from '../i18n/LocaleProvider.tsx';
import { SessionProvider, useSession } from '../session/session.tsx';

/** Shows who the session holds, so a test can wait until `/api/auth/me` has been answered. */
function SessionProbe() {
  const { user } = useSession();
  return <output data-testid="session-user">{user?.username ?? ''}</output>;
}

export interface RenderFieldOptions {
  /** The field's schema (default `{ type: 'string' }`); titled `字段`. */
  schema?: RJSFSchema;
  formData?: unknown;
  readonly?: boolean;
  /** rjsf's formContext (the task page gives `{ storeId }`). */
  formContext?: Record<string, unknown>;
  /** Receives the form's data on each change. */
  onChange?: (data: unknown) => void;
}

/**
 * @example
 * renderFormField('customer', { onChange: (d) => changes.push(d) });
 * await screen.findByLabelText('字段');
 */
export function renderFormField(widget: string, options: RenderFieldOptions = {}) {
  const schema: RJSFSchema = {
    type: 'object',
    properties: { f: { type: 'string', ...options.schema, title: '字段' } },
  };
  const uiSchema: UiSchema = { f: { 'ui:widget': widget } };
  return render(
    <LocaleProvider>
      <SessionProvider>
        <SessionProbe />
        <Form
          readonly={options.readonly}
          formContext={options.formContext}
          schema={schema}
          uiSchema={uiSchema}
          formData={options.formData === undefined ? {} : { f: options.formData }}
          validator={validator}
          widgets={FORM_WIDGETS}
          onChange={(e) => options.onChange?.(e.formData)}
        />
      </SessionProvider>
    </LocaleProvider>,
  );
}

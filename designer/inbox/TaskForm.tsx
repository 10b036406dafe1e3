import Form from '@rjsf/antd';
import type { ErrorSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldPermission, JsonObject } from '../../engine/types.ts';
import { fieldNames } from '../../forms/catalogue.ts';
import type { ProjectedForm } from '../api/types.ts';
import { FORM_WIDGETS } from '../components/form-widgets.ts';
import { currentLocale } from '../i18n/i18n.ts';
import { validatorFor } from './task-validators.ts';

/**
 * The step's UI schema: the form's own, with read-only fields disabled (greyed), `ui:order` limited
 * to the fields present — in `properties` or in a branch (`if`/`then`, `dependencies`, `oneOf`, ...,
 * which rjsf adds to the form when its condition holds) — and rjsf's submit button removed (the
 * outcome buttons submit).
 */
export function stepUiSchema(
  uiSchema: UiSchema,
  fields: Record<string, FieldPermission>,
  properties: readonly string[],
): UiSchema {
  const result: UiSchema = { ...uiSchema, 'ui:submitButtonOptions': { norender: true } };
  // rjsf refuses a ui:order naming fields the projection removed; keep only what is there.
  const order: unknown = uiSchema['ui:order'];
  if (Array.isArray(order)) result['ui:order'] = order.filter((f) => f === '*' || properties.includes(f));
  // Read-only fields (by this step's permissions or by the form itself) are disabled so they show greyed.
  const readonly = new Set(Object.keys(fields).filter((f) => fields[f] === 'readonly'));
  for (const [key, entry] of Object.entries(uiSchema)) {
    if (typeof entry === 'object' && entry !== null && (entry as UiSchema)['ui:readonly'] === true)
      readonly.add(key);
  }
  for (const field of readonly)
    result[field] = { ...(uiSchema[field] as UiSchema | undefined), 'ui:disabled': true };
  return result;
}

export interface TaskFormProps {
  form: ProjectedForm;
  fields: Record<string, FieldPermission>;
  data: JsonObject;
  errors: ErrorSchema | undefined;
  disabled?: boolean;
  className?: string;
  /** The task's store: a group user's attachments are filed under it (see FileWidget). */
  storeId?: string | null;
  onChange(data: JsonObject): void;
}

/** The task's projected form, rendered with @rjsf/antd; the page owns the data and the errors. */
export function TaskForm({
  form,
  fields,
  data,
  errors,
  disabled,
  className,
  storeId,
  onChange,
}: TaskFormProps) {
  useTranslation(); // re-render with the validator of a newly chosen language
  const uiSchema = useMemo(
    () => stepUiSchema(form.uiSchema, fields, fieldNames(form.schema)),
    [form.uiSchema, form.schema, fields],
  );
  // The card around the form already names it; the root title would repeat it.
  const schema = useMemo(() => ({ ...form.schema, title: undefined }), [form.schema]);
  const formContext = useMemo(() => ({ storeId }), [storeId]);
  return (
    <Form
      className={className}
      schema={schema}
      uiSchema={uiSchema}
      formData={data}
      validator={validatorFor(currentLocale())}
      widgets={FORM_WIDGETS}
      formContext={formContext}
      extraErrors={errors}
      showErrorList={false}
      noHtml5Validate
      disabled={disabled}
      onChange={(event) => onChange((event.formData ?? {}) as JsonObject)}
    />
  );
}

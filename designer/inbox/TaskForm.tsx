import Form from '@rjsf/antd';
import type { ErrorSchema, RegistryWidgetsType, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldPermission, JsonObject } from '../../engine/types.ts';
import type { ProjectedForm } from '../api-types.ts';
import { MoneyWidget } from '../components/MoneyWidget.tsx';
import { currentLocale } from '../i18n/i18n.ts';
import { validatorFor } from './task-validators.ts';

/** Custom widgets forms may name in their UI schema. */
export const TASK_WIDGETS: RegistryWidgetsType = { money: MoneyWidget };

/**
 * The step's UI schema: the form's own, with read-only fields disabled (greyed) and rjsf's submit
 * button removed (the outcome buttons submit).
 */
export function stepUiSchema(uiSchema: UiSchema, fields: Record<string, FieldPermission>): UiSchema {
  const result: UiSchema = { ...uiSchema, 'ui:submitButtonOptions': { norender: true } };
  for (const [field, permission] of Object.entries(fields)) {
    if (permission === 'readonly')
      result[field] = { ...(uiSchema[field] as UiSchema | undefined), 'ui:disabled': true };
  }
  return result;
}

export interface TaskFormProps {
  form: ProjectedForm;
  fields: Record<string, FieldPermission>;
  data: JsonObject;
  errors: ErrorSchema | undefined;
  disabled?: boolean;
  onChange(data: JsonObject): void;
}

/** The task's projected form, rendered with @rjsf/antd; the page owns the data and the errors. */
export function TaskForm({ form, fields, data, errors, disabled, onChange }: TaskFormProps) {
  useTranslation(); // re-render with the validator of a newly chosen language
  const uiSchema = useMemo(() => stepUiSchema(form.uiSchema, fields), [form.uiSchema, fields]);
  return (
    <Form
      schema={form.schema}
      uiSchema={uiSchema}
      formData={data}
      validator={validatorFor(currentLocale())}
      widgets={TASK_WIDGETS}
      extraErrors={errors}
      showErrorList={false}
      noHtml5Validate
      disabled={disabled}
      onChange={(event) => onChange((event.formData ?? {}) as JsonObject)}
    />
  );
}

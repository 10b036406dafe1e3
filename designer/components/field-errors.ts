import type { FormInstance } from 'antd';
import type { ApiErrorDetail } from '../api-client.ts';

/**
 * Puts a 422's field details on a flat form's fields (`mobile`, `vin`; nested paths go to their
 * first segment, which is the form item). Details about unknown fields are shown by the caller.
 *
 * @example
 * showFieldErrors(form, error.details);
 */
export function showFieldErrors<T>(form: FormInstance<T>, details: readonly ApiErrorDetail[]): void {
  const fields = details.map((d) => ({
    name: d.path.replace(/^\//, '').split(/[./]/)[0] ?? d.path,
    errors: [d.message],
  }));
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
}

/**
 * The server's 422 details on antd form fields. Every detail path is a JSON pointer (`/mobile`,
 * `/pricing/accessories/0/price`, `''` for the whole request), the one path syntax of the API.
 */
import type { FormInstance } from 'antd';
import { fromPointer } from '../../forms/schema-utils.ts';
import type { ApiErrorDetail } from '../api-client.ts';

type FieldData<T> = Parameters<FormInstance<T>['setFields']>[0];

/**
 * A detail's JSON pointer as an antd field name: its segments, array indexes as numbers.
 *
 * @example
 * fieldName('/pricing/accessories/0/price'); // ['pricing', 'accessories', 0, 'price']
 */
export function fieldName(pointer: string): (string | number)[] {
  return fromPointer(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts a 422's field details on a flat form's fields (`/mobile`, `/vin`; nested paths go to their
 * first segment, which is the form item). Details about unknown fields are shown by the caller.
 *
 * @example
 * showFieldErrors(form, error.details);
 */
export function showFieldErrors<T>(form: FormInstance<T>, details: readonly ApiErrorDetail[]): void {
  const fields = details.map((d) => ({ name: fromPointer(d.path)[0] ?? '', errors: [d.message] }));
  form.setFields(fields as FieldData<T>);
}

/**
 * Puts a 422's field details on a nested form whose field names follow the request body
 * (`/customer/mobile` → `['customer', 'mobile']`).
 *
 * @example
 * showNestedFieldErrors(form, error.details);
 */
export function showNestedFieldErrors<T>(form: FormInstance<T>, details: readonly ApiErrorDetail[]): void {
  const fields = details.map((d) => ({ name: fieldName(d.path), errors: [d.message] }));
  form.setFields(fields as FieldData<T>);
}

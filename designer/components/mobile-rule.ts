import type { FormRule } from 'antd';
import { normalizeMobile } from '../../forms/formats.ts';

/**
 * The antd rule for a mobile-number field: the same rule the server applies (forms/formats.ts), so
 * `138-0013-8000` passes in the browser as it does on the server. An empty value is left to `required`.
 *
 * @example
 * <Form.Item name="mobile" rules={[...required, mobileRule(t('newOrder.mobileInvalid'))]}>
 */
export function mobileRule(message: string): FormRule {
  return {
    validator: (_, value: string | undefined) =>
      !value || normalizeMobile(value) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

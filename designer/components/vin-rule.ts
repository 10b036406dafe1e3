import type { FormRule } from 'antd';
import { type VinProblem, vinProblem } from '../../forms/formats.ts';

/**
 * The antd rule for a VIN field: the server's rule (forms/formats.ts — 17 characters, no I/O/Q, the
 * ISO 3779 check digit at position 9), each broken part with its own message. Empty is left to
 * `required`.
 *
 * @example
 * <Form.Item name="vin" rules={[...required, vinRule({ length: '…', 'check-digit': '…', … })]}>
 */
export function vinRule(messages: Record<VinProblem, string>): FormRule {
  return {
    validator: (_, value: string | undefined) => {
      const problem = value ? vinProblem(value.trim()) : undefined;
      return problem ? Promise.reject(new Error(messages[problem])) : Promise.resolve();
    },
  };
}

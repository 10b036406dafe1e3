/**
 * CRM shapes as the API answers them, taken from the typed contract (designer/api/schema.d.ts), so a
 * renamed field breaks the build rather than the page.
 */
import type { ApiBody, ApiData } from '../api/client.ts';

/** One row of `GET /api/customers`. */
export type CustomerView = ApiData<'/api/customers', 'get'>['items'][number];
/** `GET /api/customers/:id`: the customer with follow-ups (newest first) and test drives. */
export type CustomerDetail = ApiData<'/api/customers/{id}', 'get'>;
export type FollowUpView = CustomerDetail['followUps'][number];
export type TestDriveView = CustomerDetail['testDrives'][number];

export type Source = NonNullable<ApiBody<'/api/customers', 'post'>['source']>;

export {
  CUSTOMER_GRADES as GRADES,
  INTENT_LEVELS,
  SOURCES as CUSTOMER_SOURCES,
} from '../../dealer-rules/labels.ts';
export const FOLLOW_UP_CHANNELS = ['call', 'wechat', 'visit', 'sms'] as const;
export const PURCHASE_TYPES = ['first', 'additional', 'trade_in'] as const;
export const CUSTOMER_VALUES = ['high', 'normal'] as const;

/** Intent level colours: hot levels warm, closed ones grey. */
export const LEVEL_COLOR: Record<string, string> = {
  H: 'red',
  A: 'volcano',
  B: 'orange',
  C: 'gold',
  N: 'blue',
  O: 'cyan',
  D: 'green',
  T: 'default',
};

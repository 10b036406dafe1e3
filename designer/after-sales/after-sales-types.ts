/** After-sales shapes as the API answers them (types taken from the typed contract). */
import type { ApiData } from '../api/client.ts';

export type ServiceOrderView = ApiData<'/api/service-orders', 'get'>['items'][number];
/** `GET /api/service-orders/:id`: the work order with its satisfaction surveys. */
export type ServiceOrderDetail = ApiData<'/api/service-orders/{id}', 'get'>;
export type ComplaintView = ApiData<'/api/complaints', 'get'>['items'][number];
/** A car the store sold, found by plate, VIN or mobile (`GET /api/service-orders/sold-cars`). */
export type SoldCar = ApiData<'/api/service-orders/sold-cars', 'get'>['items'][number];

/** Work-order statuses the after-sales flow sets. */
export const SERVICE_STATUSES = [
  'open',
  'received',
  'diagnosing',
  'quoted',
  'repairing',
  'qc',
  'awaiting_settlement',
  'settled',
  'completed',
  'closed',
  'cancelled',
] as const;
export const SERVICE_KINDS = ['repair', 'maintenance', 'warranty'] as const;
export const COMPLAINT_CHANNELS = ['phone', 'onsite', 'wechat', 'online', 'manufacturer'] as const;
export const COMPLAINT_CATEGORIES = ['purchase', 'repair', 'maintenance', 'other'] as const;
export const COMPLAINT_LEVELS = ['normal', 'escalated', 'important', 'urgent'] as const;
export const COMPLAINT_LEVEL_COLOR: Record<string, string> = {
  normal: 'default',
  escalated: 'gold',
  important: 'orange',
  urgent: 'red',
};

/** Who may open a work order (the API's `POST /api/service-orders`). */
export const SERVICE_ORDER_CREATORS = ['service_advisor', 'admin'];

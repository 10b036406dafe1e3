/** After-sales shapes as the API answers them (types taken from the typed contract). */
import {
  COMPLAINT_CATEGORY,
  COMPLAINT_CHANNEL,
  COMPLAINT_LEVEL,
  codesOf,
} from '../../dealer-rules/vocabulary.ts';
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
/** The complaint lists the complaint flow's form offers too (one place: dealer-rules/vocabulary.ts). */
export const COMPLAINT_CHANNELS = codesOf(COMPLAINT_CHANNEL);
export const COMPLAINT_CATEGORIES = codesOf(COMPLAINT_CATEGORY);
export const COMPLAINT_LEVELS = codesOf(COMPLAINT_LEVEL);
export const COMPLAINT_LEVEL_COLOR: Record<string, string> = {
  normal: 'default',
  escalated: 'gold',
  important: 'orange',
  urgent: 'red',
};

/** Who may open a work order (the API's `POST /api/service-orders`). */
export const SERVICE_ORDER_CREATORS = ['service_advisor', 'admin'];

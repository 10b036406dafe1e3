/**
 * The order shapes, taken from the typed contract (designer/api/schema.d.ts) so a renamed field
 * breaks the designer's build rather than the page.
 */
import type { ApiBody, ApiData, ApiQuery } from '../api/client.ts';

export type OrderSummary = ApiData<'/api/orders', 'get'>['items'][number];
export type OrderDetail = ApiData<'/api/orders/{id}', 'get'>;
export type NewOrder = ApiBody<'/api/orders', 'post'>;
export type OrderSort = ApiQuery<'/api/orders'>['sort'];

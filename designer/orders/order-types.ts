/**
 * The order shapes, taken (as types only) from the API's zod contract so a renamed field breaks
 * the designer's build rather than the page.
 */
import type { z } from 'zod';
import type {
  NewOrderSchema,
  OrderDetailSchema,
  OrderListQuerySchema,
  OrderSummarySchema,
} from '../../api/dealer/orders/order-schemas.ts';

export type OrderSummary = z.infer<typeof OrderSummarySchema>;
export type OrderDetail = z.infer<typeof OrderDetailSchema>;
export type NewOrder = z.input<typeof NewOrderSchema>;
export type OrderSort = z.infer<typeof OrderListQuerySchema>['sort'];

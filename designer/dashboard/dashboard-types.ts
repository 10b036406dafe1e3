/** Report shapes of `/api/analytics/*` (types taken from the typed contract). */
import type { ApiData } from '../api/client.ts';

export type SalesReport = ApiData<'/api/analytics/sales', 'get'>;
export type SalesRow = SalesReport['rows'][number];
export type FunnelReport = ApiData<'/api/analytics/funnel', 'get'>;
export type AgingReport = ApiData<'/api/analytics/inventory-aging', 'get'>;
export type LeadTimeReport = ApiData<'/api/analytics/delivery-lead-time', 'get'>;
export type SatisfactionReport = ApiData<'/api/analytics/csi', 'get'>;
export type ComplaintReport = ApiData<'/api/analytics/complaints', 'get'>;

export const SALES_GROUPS = ['month', 'model', 'consultant', 'team', 'source'] as const;
export type SalesGroup = (typeof SALES_GROUPS)[number];
export const SALES_METRICS = ['volume', 'revenue', 'grossProfit', 'grossMargin'] as const;
export type SalesMetric = (typeof SALES_METRICS)[number];

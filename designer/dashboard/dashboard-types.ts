/** Report shapes of `/api/analytics/*` (types taken from the server's report functions). */
import type {
  complaintHandling,
  funnel,
  inventoryAging,
  satisfaction,
} from '../../api/dealer/analytics/other-analytics.ts';
import type { deliveryLeadTime, salesReport } from '../../api/dealer/analytics/sales-analytics.ts';

export type SalesReport = Awaited<ReturnType<typeof salesReport>>;
export type SalesRow = SalesReport['rows'][number];
export type FunnelReport = Awaited<ReturnType<typeof funnel>>;
export type AgingReport = Awaited<ReturnType<typeof inventoryAging>>;
export type LeadTimeReport = Awaited<ReturnType<typeof deliveryLeadTime>>;
export type SatisfactionReport = Awaited<ReturnType<typeof satisfaction>>;
export type ComplaintReport = Awaited<ReturnType<typeof complaintHandling>>;

export const SALES_GROUPS = ['month', 'model', 'consultant', 'team', 'source'] as const;
export type SalesGroup = (typeof SALES_GROUPS)[number];
export const SALES_METRICS = ['volume', 'revenue', 'grossProfit', 'grossMargin'] as const;
export type SalesMetric = (typeof SALES_METRICS)[number];

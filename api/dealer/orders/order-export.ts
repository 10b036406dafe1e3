/**
 * The order table as an .xlsx file: the same filters as the list, headers and labels (status,
 * payment method, source, store) in the caller's language, order dates as date cells.
 */
import {
  type Lang,
  labelOf,
  PAYMENT_METHOD_LABELS,
  SOURCE_LABELS,
  STORE_NAMES,
} from '../../../dealer-rules/labels.ts';
import { toXlsx, type XlsxColumn } from '../xlsx.ts';
import type { exportOrders } from './order-queries.ts';

type ExportRow = Awaited<ReturnType<typeof exportOrders>>[number];

function columns(lang: Lang): XlsxColumn<ExportRow>[] {
  const zh = lang === 'zh-CN';
  return [
    { header: zh ? '订单号' : 'Order no.', value: (o) => o.orderNo, width: 20 },
    { header: zh ? '门店' : 'Store', value: (o) => labelOf(STORE_NAMES, o.storeId, lang), width: 12 },
    { header: zh ? '订单日期' : 'Order date', value: (o) => o.orderDate, width: 12, date: true },
    { header: zh ? '状态' : 'Status', value: (o) => o.statusLabel, width: 12 },
    { header: zh ? '客户' : 'Customer', value: (o) => o.customerName },
    { header: zh ? '手机' : 'Mobile', value: (o) => o.customerMobile, width: 14 },
    { header: zh ? '品牌' : 'Brand', value: (o) => o.brand },
    { header: zh ? '车型' : 'Model', value: (o) => o.model },
    { header: zh ? '配置' : 'Trim', value: (o) => o.trim },
    { header: zh ? '颜色' : 'Colour', value: (o) => o.color, width: 10 },
    { header: 'VIN', value: (o) => o.vin, width: 20 },
    { header: zh ? '指导价' : 'MSRP', value: (o) => o.msrp, fen: true },
    { header: zh ? '优惠' : 'Discount', value: (o) => o.discount, fen: true },
    { header: zh ? '成交价' : 'Deal price', value: (o) => o.dealPrice, fen: true },
    { header: zh ? '精品' : 'Accessories', value: (o) => o.accessoriesTotal, fen: true },
    { header: zh ? '购置税' : 'Purchase tax', value: (o) => o.purchaseTax, fen: true },
    { header: zh ? '保险' : 'Insurance', value: (o) => o.insurance, fen: true },
    { header: zh ? '落地价' : 'Total', value: (o) => o.total, fen: true },
    { header: zh ? '定金' : 'Deposit', value: (o) => o.deposit, fen: true },
    {
      header: zh ? '付款方式' : 'Payment',
      value: (o) => labelOf(PAYMENT_METHOD_LABELS, o.paymentMethod, lang),
    },
    { header: zh ? '来源' : 'Source', value: (o) => labelOf(SOURCE_LABELS, o.source, lang) },
    { header: zh ? '销售顾问' : 'Consultant', value: (o) => o.consultantName },
    { header: zh ? '小组' : 'Team', value: (o) => o.teamName, width: 8 },
  ];
}

/** The export file. */
export function ordersXlsx(rows: ExportRow[], lang: Lang): Promise<Uint8Array> {
  return toXlsx(lang === 'zh-CN' ? '订单管理表' : 'Orders', columns(lang), rows);
}

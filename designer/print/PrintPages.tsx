/**
 * The printable documents (issue 11 point 8), each an A4 sheet from the API's own data:
 * - `/print/orders/:id` 订单确认单: customer, car, the price build-up, payments received and the
 *   approvals with their signatures;
 * - `/print/orders/:id/handover` 交车确认单: the car, the papers and keys handed over, the odometer
 *   and the customer's signature from the 交车签收 step;
 * - `/print/service-orders/:id` 维修结算单: the work order, diagnosis, work done, the quote
 *   (工时费 + 材料费) and the settlement.
 */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { JsonObject } from '../../engine/types.ts';
import type { InstanceDetail } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDate, formatDateTime, formatFen, text } from '../components/format.ts';
import { drawnSignature, signatureImage } from '../components/signature.ts';
import { FieldTable, PrintSheet, type SheetField, SheetSection, type SheetSignature } from './PrintSheet.tsx';

/** A value of the instance's context (the data its steps recorded), if the viewer may see it. */
function fact(instance: InstanceDetail | undefined, key: string): unknown {
  return (instance?.context as JsonObject | undefined)?.[key];
}

/** The approvals of a flow: who approved which step, when, with the signature drawn on the task. */
function approvals(instance: InstanceDetail | undefined): SheetSignature[] {
  if (!instance?.timeline) return [];
  const signatures = new Map(instance.history.map((h) => [h.seq, drawnSignature(h)]));
  return instance.timeline
    .filter((e) => e.outcome === 'approve')
    .map((e) => ({
      role: e.taskName ?? '',
      name: e.actorName,
      at: e.at,
      image: signatures.get(e.seq) ?? null,
    }));
}

function useOrder(id: string) {
  return useApiQuery('/api/orders/{id}', { params: { path: { id } } });
}

function useInstance(id: string | null | undefined) {
  return useApiQuery(id ? '/api/instances/{id}' : null, { params: { path: { id: id ?? '' } } });
}

function useStoreName(storeId: string | null | undefined): string {
  const { t } = useTranslation();
  return storeId ? t(`stores.${storeId}`, storeId) : '';
}

/** `/print/orders/:id`: 订单确认单. */
export function OrderPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useOrder(id);
  const o = order.data;
  const approval = useInstance(o?.instanceId);
  const storeName = useStoreName(o?.storeId);
  const money = (label: string, fen: number | null | undefined): SheetField => ({
    label,
    value: formatFen(fen),
  });
  return (
    <PrintSheet
      storeName={storeName}
      title={t('print.orderTitle')}
      number={o?.orderNo ?? ''}
      loading={!o || (!!o.instanceId && !approval.data && !approval.error)}
      error={order.error}
      signatures={[
        { role: t('print.customer'), name: o?.customerName },
        { role: t('orders.consultant'), name: o?.consultantName },
        ...approvals(approval.data),
      ]}
    >
      {o && (
        <>
          <SheetSection title={t('print.customerSection')}>
            <FieldTable
              fields={[
                { label: t('print.customer'), value: o.customerName },
                { label: t('print.mobile'), value: o.customerMobile },
                { label: t('print.address'), value: text(o.customerAddress), wide: true },
                { label: t('print.orderDate'), value: formatDate(o.orderDate) },
                { label: t('orders.consultant'), value: text(o.consultantName) },
              ]}
            />
          </SheetSection>
          <SheetSection title={t('print.vehicleSection')}>
            <FieldTable
              fields={[
                { label: t('print.model'), value: `${o.brand} ${o.model}` },
                { label: t('print.trim'), value: o.trim },
                { label: t('print.color'), value: o.color },
                { label: t('print.interior'), value: text(o.interiorColor) },
                { label: t('orders.vin'), value: o.vin ?? t('print.vinPending'), wide: true },
              ]}
            />
          </SheetSection>
          <SheetSection title={t('print.priceSection')}>
            <FieldTable
              fields={[
                money(t('orders.msrp'), o.msrp),
                money(t('orders.discount'), o.discount),
                money(t('orders.dealPrice'), o.dealPrice),
                money(t('print.accessories'), o.accessoriesTotal),
                ...(o.accessories.length > 0
                  ? [
                      {
                        label: t('print.accessoryItems'),
                        value: o.accessories
                          .map((a) => `${a.name} ${formatFen(a.charged ?? a.price)}`)
                          .join('；'),
                        wide: true,
                      },
                    ]
                  : []),
                money(t('print.purchaseTax'), o.purchaseTax),
                money(t('print.insurance'), o.insurance),
                money(t('print.registrationFee'), o.registrationFee),
                money(t('print.financeFee'), o.financeFee),
                money(t('print.tradeInCredit'), -o.tradeInCredit),
                money(t('print.total'), o.total),
                money(t('orders.deposit'), o.deposit),
                money(t('print.paid'), o.paid),
                money(t('print.remaining'), o.total - o.paid),
                {
                  label: t('print.paymentMethod'),
                  value: t(`paymentMethod.${o.paymentMethod}`, o.paymentMethod),
                },
                ...(o.loan
                  ? [
                      {
                        label: t('print.loan'),
                        value: t('print.loanTerms', {
                          lender: o.loan.lender,
                          down: formatFen(o.loan.downPayment),
                          months: o.loan.termMonths,
                          monthly: formatFen(o.loan.monthlyPayment),
                        }),
                        wide: true,
                      },
                    ]
                  : []),
              ]}
            />
          </SheetSection>
          {o.payments.length > 0 && (
            <SheetSection title={t('print.paymentsSection')}>
              <FieldTable
                fields={o.payments.map((p) => ({
                  label: `${formatDateTime(p.at)} ${t(`print.paymentKind.${p.kind}`, p.kind)}`,
                  value: `${formatFen(p.amount)}（${t(`paymentMethod.${p.method}`, p.method)}）`,
                  wide: true,
                }))}
              />
            </SheetSection>
          )}
          {o.note && (
            <SheetSection title={t('print.note')}>
              <p>{o.note}</p>
            </SheetSection>
          )}
        </>
      )}
    </PrintSheet>
  );
}

const HANDOVER_DOCUMENTS = ['invoice', 'certificate', 'warrantyCard', 'insurancePolicy', 'manuals'];

/** `/print/orders/:id/handover`: 交车确认单, from the delivery flow's 交车签收 step. */
export function HandoverPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useOrder(id);
  const o = order.data;
  const deliveryId = o?.flows.find((f) => f.workflowKey === 'delivery')?.instanceId;
  const delivery = useInstance(deliveryId);
  const d = delivery.data;
  const storeName = useStoreName(o?.storeId);
  const handed = fact(d, 'documents');
  const documents = Array.isArray(handed) ? handed : [];
  const deliveredOn = fact(d, 'deliveredAt') ?? o?.deliveredAt;
  return (
    <PrintSheet
      storeName={storeName}
      title={t('print.handoverTitle')}
      number={o?.orderNo ?? ''}
      loading={!o || (!!deliveryId && !d && !delivery.error)}
      error={order.error ?? (o && !deliveryId ? new Error(t('print.noDelivery')) : null)}
      signatures={[
        {
          role: t('print.customer'),
          name: o?.customerName,
          image: signatureImage(fact(d, 'customerSignature')),
          at: typeof deliveredOn === 'string' ? deliveredOn : null,
        },
        { role: t('orders.consultant'), name: o?.consultantName },
      ]}
    >
      {o && (
        <>
          <SheetSection title={t('print.vehicleSection')}>
            <FieldTable
              fields={[
                { label: t('print.customer'), value: o.customerName },
                { label: t('print.mobile'), value: o.customerMobile },
                { label: t('print.model'), value: `${o.brand} ${o.model} ${o.trim}` },
                { label: t('print.color'), value: o.color },
                { label: t('orders.vin'), value: text(o.vin), wide: true },
                { label: t('print.deliveredAt'), value: formatDate(deliveredOn) },
                { label: t('print.odometer'), value: text(fact(d, 'odometer')) },
              ]}
            />
          </SheetSection>
          <SheetSection title={t('print.documentsSection')}>
            <FieldTable
              fields={[
                ...HANDOVER_DOCUMENTS.map((doc) => ({
                  label: t(`print.documents.${doc}`),
                  value: documents.includes(doc) ? `☑ ${t('print.handed')}` : '☐',
                })),
                { label: t('print.keys'), value: text(fact(d, 'keysCount')) },
                { label: t('print.note'), value: text(fact(d, 'note')), wide: true },
              ]}
            />
          </SheetSection>
          <p className="df-sheet-muted">{t('print.handoverStatement')}</p>
        </>
      )}
    </PrintSheet>
  );
}

/** `/print/service-orders/:id`: 维修结算单, from the work order and its after-sales flow. */
export function SettlementPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useApiQuery('/api/service-orders/{id}', { params: { path: { id } } });
  const s = order.data;
  const flow = useInstance(s?.instanceId);
  const f = flow.data;
  const storeName = useStoreName(s?.storeId);
  const fen = (key: string) => {
    const v = fact(f, key);
    return typeof v === 'number' ? formatFen(v) : '—';
  };
  const payer = fact(f, 'payer');
  const method = fact(f, 'method');
  return (
    <PrintSheet
      storeName={storeName}
      title={t('print.settlementTitle')}
      number={s?.id.slice(0, 8).toUpperCase() ?? ''}
      loading={!s || (!!s.instanceId && !f && !flow.error)}
      error={order.error}
      signatures={[
        { role: t('print.customer'), name: s?.customerName },
        { role: t('print.advisor'), name: f?.startedByName },
      ]}
    >
      {s && (
        <>
          <SheetSection title={t('print.serviceSection')}>
            <FieldTable
              fields={[
                { label: t('print.customer'), value: s.customerName },
                { label: t('print.mobile'), value: s.mobile },
                { label: t('afterSales.vin'), value: s.vin },
                { label: t('afterSales.plate'), value: text(s.plate) },
                { label: t('afterSales.mileage'), value: text(s.mileage) },
                { label: t('afterSales.kind'), value: t(`serviceKind.${s.kind}`, s.kind) },
                { label: t('print.receivedAt'), value: formatDateTime(s.createdAt) },
                { label: t('print.completedAt'), value: formatDateTime(s.completedAt) },
                { label: t('afterSales.complaint'), value: s.complaint, wide: true },
                { label: t('print.diagnosis'), value: text(fact(f, 'diagnosis')), wide: true },
                { label: t('print.workDone'), value: text(fact(f, 'workDone')), wide: true },
                { label: t('print.partsUsed'), value: text(fact(f, 'partsUsed')), wide: true },
              ]}
            />
          </SheetSection>
          <SheetSection title={t('print.chargesSection')}>
            <FieldTable
              fields={[
                { label: t('print.labourFee'), value: fen('labourFee') },
                { label: t('print.partsFee'), value: fen('partsFee') },
                { label: t('print.quoteTotal'), value: fen('quoteTotal') },
                { label: t('print.diagnosisFee'), value: fen('diagnosisFee') },
                {
                  label: t('print.payer'),
                  value: typeof payer === 'string' ? t(`settlement.${payer}`, payer) : '—',
                },
                {
                  label: t('print.paymentMethod'),
                  value: typeof method === 'string' ? t(`paymentMethod.${method}`, method) : '—',
                },
                { label: t('print.amount'), value: fen('amount') },
                { label: t('print.invoiceNo'), value: text(fact(f, 'invoiceNo')) },
                ...(payer === 'claim'
                  ? [{ label: t('print.claimNo'), value: text(fact(f, 'claimNo')) }]
                  : []),
              ]}
            />
          </SheetSection>
        </>
      )}
    </PrintSheet>
  );
}

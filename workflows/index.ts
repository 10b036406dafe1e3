/**
 * The flows and forms Dealerflow ships (README.md in this folder describes their contract with the
 * dealership domain). The server publishes any that are missing at start-up; `workflows.test.ts`
 * validates every one and the per-flow tests drive every path through the simulator.
 */
import type { WorkflowDefinition } from '../engine/types.ts';
import { type Locale, type Translations, translate } from '../forms/index.ts';
import type { FormDefinition } from '../forms/types.ts';
import afterSalesFlow from './after-sales.workflow.json' with { type: 'json' };
import arrivalForm from './arrival.form.json' with { type: 'json' };
import complaintFlow from './complaint.workflow.json' with { type: 'json' };
import complaintHandleForm from './complaint-handle.form.json' with { type: 'json' };
import complaintRecordForm from './complaint-record.form.json' with { type: 'json' };
import deliveryFlow from './delivery.workflow.json' with { type: 'json' };
import deliveryAppointmentForm from './delivery-appointment.form.json' with { type: 'json' };
import handoverForm from './handover.form.json' with { type: 'json' };
import loanApprovalForm from './loan-approval.form.json' with { type: 'json' };
import orderApprovalFlow from './order-approval.workflow.json' with { type: 'json' };
import orderResubmitForm from './order-resubmit.form.json' with { type: 'json' };
import orderReviewForm from './order-review.form.json' with { type: 'json' };
import paymentFlow from './payment.workflow.json' with { type: 'json' };
import paymentConfirmForm from './payment-confirm.form.json' with { type: 'json' };
import pdiChecklistForm from './pdi-checklist.form.json' with { type: 'json' };
import qcForm from './qc.form.json' with { type: 'json' };
import quoteApprovalForm from './quote-approval.form.json' with { type: 'json' };
import repairForm from './repair.form.json' with { type: 'json' };
import returnVisitForm from './return-visit.form.json' with { type: 'json' };
import serviceDiagnosisForm from './service-diagnosis.form.json' with { type: 'json' };
import serviceReceptionForm from './service-reception.form.json' with { type: 'json' };
import settlementForm from './settlement.form.json' with { type: 'json' };
import transitForm from './transit.form.json' with { type: 'json' };
import vehicleAllocationForm from './vehicle-allocation.form.json' with { type: 'json' };

// JSON imports widen literal types (`"final"` becomes `string`), so the documents are typed here and
// checked for real by `validateDefinition` in workflows.test.ts and again when the server publishes them.
const asWorkflow = (json: unknown): WorkflowDefinition => json as WorkflowDefinition;
const asForm = (json: unknown): FormDefinition => json as FormDefinition;

/** The shipped flows, in the order a sale moves through them, then after-sales and complaints. */
export const WORKFLOWS: WorkflowDefinition[] = [
  orderApprovalFlow,
  paymentFlow,
  deliveryFlow,
  afterSalesFlow,
  complaintFlow,
].map(asWorkflow);

/** The shipped forms the flows' tasks use. */
export const FORMS: FormDefinition[] = [
  orderReviewForm,
  orderResubmitForm,
  paymentConfirmForm,
  loanApprovalForm,
  vehicleAllocationForm,
  transitForm,
  arrivalForm,
  pdiChecklistForm,
  deliveryAppointmentForm,
  handoverForm,
  returnVisitForm,
  serviceReceptionForm,
  serviceDiagnosisForm,
  quoteApprovalForm,
  repairForm,
  qcForm,
  settlementForm,
  complaintRecordForm,
  complaintHandleForm,
].map(asForm);

/**
 * Every effect name the shipped flows emit: the dealership domain's handlers (api/dealer/) plus the
 * engine built-ins they use (`workflow.start`, `notify`). The server must have a handler for each.
 */
export const SHIPPED_EFFECTS: readonly string[] = [
  'order.setStatus',
  'inventory.reserve',
  'inventory.release',
  'inventory.sell',
  'inventory.setInTransit',
  'inventory.arrive',
  'payment.record',
  'notify.customer',
  'serviceReminder.schedule',
  'serviceOrder.setStatus',
  'complaint.setStatus',
  'survey.record',
  'workflow.start',
  'notify',
];

/** A shipped flow by key; throws when there is none (a programming error, not user input). */
export function getShippedWorkflow(key: string): WorkflowDefinition {
  const found = WORKFLOWS.find((w) => w.key === key);
  if (!found) throw new Error(`No shipped workflow ${key}`);
  return found;
}

/** Every shipped flow's translations, merged (they share words: 处理投诉, 回访). */
const SHIPPED_TRANSLATIONS: Translations = (() => {
  const merged: Record<string, Record<string, string>> = {};
  for (const definition of [...WORKFLOWS, ...FORMS]) {
    for (const [locale, entries] of Object.entries(definition.i18n ?? {})) {
      merged[locale] = { ...merged[locale], ...entries };
    }
  }
  return merged;
})();

/**
 * A text of the shipped flows and forms (a task name, a step's label) in `locale`; as written when
 * there is no translation (a flow edited in the designer may name its steps anew).
 *
 * @example
 * shippedText('销售经理审批', 'en'); // 'Sales manager review'
 */
export function shippedText(text: string, locale: Locale): string {
  return translate(text, SHIPPED_TRANSLATIONS, locale);
}

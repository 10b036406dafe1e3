/**
 * The orders contract (docs/architecture.md "The HTTP contract"): request and response schemas, which are also the OpenAPI
 * document. Amounts are integer fen.
 */
import { z } from '@hono/zod-openapi';
import { ORDER_STATUSES, PAYMENT_METHODS, SOURCES } from '../../../dealer-rules/labels.ts';
import { isValidMobile } from '../../../forms/formats.ts';

const fen = z.number().int().min(0).max(1_000_000_000_000);
const name = z.string().trim().min(1).max(100);

export const MobileSchema = z
  .string()
  .refine(isValidMobile, { message: 'must be a mainland mobile number (1[3-9] + 9 digits, optional +86)' })
  .openapi({ example: '13800138000' });

export const AccessoryLineSchema = z.object({
  name,
  price: fen,
  charged: fen.optional(),
  free: z.boolean().optional(),
  cost: fen.optional(),
});

export const LoanSchema = z.object({
  lender: name,
  downPayment: fen,
  termMonths: z.number().int().min(1).max(120),
  monthlyPayment: fen,
});

/** What a consultant enters and may change while the order is returned (已退回). */
const ORDER_FIELDS = {
  customer: z.object({
    id: z.uuid().optional(),
    name,
    mobile: MobileSchema,
    email: z.email().optional(),
    address: z.string().max(300).optional(),
  }),
  vehicle: z.object({
    brand: name,
    model: name,
    trim: name,
    color: name,
    interiorColor: z.string().max(100).optional(),
    vin: z.string().length(17).optional(),
  }),
  pricing: z.object({
    msrp: fen.min(1),
    discount: fen.optional(),
    accessories: z.array(AccessoryLineSchema).max(50).optional(),
    insurance: fen.optional(),
    registrationFee: fen.optional(),
    financeFee: fen.optional(),
    tradeInCredit: fen.optional(),
    deposit: fen.optional(),
  }),
  paymentMethod: z.enum(PAYMENT_METHODS),
  loan: LoanSchema.optional(),
  source: z.enum(SOURCES),
  queueJump: z.boolean().optional(),
  afterSalesPackage: z.record(z.string(), z.unknown()).optional(),
  note: z.string().max(1000).optional(),
};

function loanNeedsTerms(order: { paymentMethod: string; loan?: unknown }, ctx: z.RefinementCtx): void {
  if (order.paymentMethod === 'loan' && !order.loan) {
    ctx.addIssue({ code: 'custom', path: ['loan'], message: 'required when paying by loan' });
  }
}

export const NewOrderSchema = z
  .object({
    ...ORDER_FIELDS,
    storeId: z
      .string()
      .max(32)
      .optional()
      .openapi({ description: 'Group users only: the store of the order' }),
    consultant: z
      .string()
      .optional()
      .openapi({ description: 'Managers: the consultant (username) the order is for' }),
    draft: z.boolean().optional().openapi({
      description:
        'Save as a draft (草稿): no approval starts and no vehicle is held until `POST /api/orders/{id}/submit`',
    }),
  })
  .superRefine(loanNeedsTerms)
  .openapi('NewOrder', {
    example: {
      customer: { name: '张伟', mobile: '13800138000' },
      vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
      pricing: {
        msrp: 18_980_000,
        discount: 500_000,
        accessories: [{ name: '基础包', price: 300_000 }],
        insurance: 650_000,
        registrationFee: 50_000,
      },
      paymentMethod: 'bank_transfer',
      source: 'walk_in',
    },
  });
export type NewOrder = z.infer<typeof NewOrderSchema>;

/**
 * Changes to a returned order. Strict: a field this schema does not know — `status` above all —
 * is refused (422); an order's status moves only through its flows.
 */
export const OrderChangeSchema = z
  .strictObject(ORDER_FIELDS)
  .superRefine(loanNeedsTerms)
  .openapi('OrderChange');
export type OrderChange = z.infer<typeof OrderChangeSchema>;

export const TimelineEntrySchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  toLabel: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  note: z.string().nullable(),
});

const FactValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Why the order needs its approvals, and what changed since it was returned. */
export const OrderApprovalSchema = z
  .object({
    level: z.enum(['sales_manager', 'general_manager']).openapi({
      description: 'The highest approver the store rules call for',
    }),
    reasons: z.array(
      z.object({
        code: z.string(),
        level: z.enum(['sales_manager', 'general_manager']),
        text: z.string().openapi({ example: '优惠 8.0% 超过门店权限 5%，需总经理审批' }),
      }),
    ),
    thresholds: z.object({
      amount: z.number().int(),
      rate: z.number(),
      accessoryManager: z.number(),
      accessoryGm: z.number(),
    }),
    concessionRate: z.number(),
    changes: z.array(z.object({ path: z.string(), from: FactValueSchema, to: FactValueSchema })).openapi({
      description:
        'What the consultant changed since the order was returned (JSON pointers into the order body, amounts in fen)',
    }),
    changeNote: z.string().nullable().openapi({ description: "The consultant's note on resubmission" }),
  })
  .openapi('OrderApproval');

/** Where the order stands, in words, with who acts next (orders/order-progress.ts). */
export const OrderProgressSchema = z
  .object({
    text: z.string().openapi({ example: '待王强审批' }),
    taskName: z.string().nullable(),
    people: z.array(z.string()).openapi({ description: 'Who may act now, by display name' }),
    dueAt: z.string().nullable(),
  })
  .openapi('OrderProgress');

export const OrderSummarySchema = z
  .object({
    id: z.uuid(),
    orderNo: z.string(),
    storeId: z.string(),
    orderDate: z.string(),
    status: z.enum(ORDER_STATUSES),
    statusLabel: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string(),
    customerMobile: z.string(),
    brand: z.string(),
    model: z.string(),
    trim: z.string(),
    color: z.string(),
    vin: z.string().nullable(),
    msrp: z.number().int(),
    discount: z.number().int(),
    dealPrice: z.number().int(),
    accessoriesTotal: z.number().int(),
    total: z.number().int(),
    deposit: z.number().int(),
    paymentMethod: z.string(),
    source: z.string(),
    consultantId: z.string().nullable(),
    consultantName: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    instanceId: z.string().nullable(),
    progress: OrderProgressSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('OrderSummary');

export const OrderDetailSchema = OrderSummarySchema.extend({
  customerEmail: z.string().nullable(),
  customerAddress: z.string().nullable(),
  interiorColor: z.string().nullable(),
  newEnergy: z.boolean(),
  accessories: z.array(
    z.object({ name: z.string(), price: z.number().int(), charged: z.number().int().optional() }),
  ),
  purchaseTax: z.number().int(),
  insurance: z.number().int(),
  registrationFee: z.number().int(),
  financeFee: z.number().int(),
  tradeInCredit: z.number().int(),
  concession: z.number().int(),
  grossProfit: z.number().int().nullable(),
  loan: LoanSchema.nullable(),
  queueJump: z.boolean(),
  afterSalesPackage: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
  eta: z.string().nullable(),
  draftVin: z
    .string()
    .nullable()
    .openapi({ description: 'The stock vehicle a draft names (held on submit)' }),
  deliveredAt: z.string().nullable(),
  paid: z.number().int(),
  payments: z.array(
    z.object({
      kind: z.string(),
      amount: z.number().int(),
      method: z.string(),
      at: z.string(),
      recordedBy: z.string(),
      recordedByName: z.string().nullable(),
      receiptNo: z.string().nullable(),
      paidOn: z.string().nullable(),
    }),
  ),
  /** Decisions on the order's flows (approvals with comments, payments confirmed, steps done), oldest first. */
  decisions: z.array(
    z.object({
      taskName: z.string(),
      outcome: z.string().nullable(),
      comment: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string().nullable(),
    }),
  ),
  /** The order's flow instances (approval, payment, delivery), oldest first. */
  flows: z.array(
    z.object({ instanceId: z.uuid(), workflowKey: z.string(), status: z.string(), state: z.unknown() }),
  ),
  approval: OrderApprovalSchema,
  timeline: z.array(TimelineEntrySchema),
}).openapi('Order');

export const OrderListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  storeId: z.string().max(32).optional(),
  status: z
    .string()
    .optional()
    .openapi({ description: 'One status or several separated by commas', example: 'pending,approved' }),
  dateFrom: z.iso.date().optional(),
  dateTo: z.iso.date().optional(),
  consultantId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  model: z.string().optional(),
  source: z.enum(SOURCES).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .openapi({ description: 'Prefix of order no., mobile, customer name or VIN' }),
  sort: z
    .enum(['orderDate', '-orderDate', 'createdAt', '-createdAt', 'total', '-total', 'orderNo', '-orderNo'])
    .default('-createdAt'),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

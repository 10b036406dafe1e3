/**
 * The customer's messages: the stage templates an admin edits (`GET /api/admin/message-templates`,
 * `PUT /api/admin/message-templates/:key`) and the record of what an order sent to whom
 * (`GET /api/orders/:id/messages`, with each message's delivery status from the outbox).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { invalid, notFound } from '../../../engine/errors.ts';
import { outbox } from '../../../engine/store/schema.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { allowAnyUser, allowRoles, currentActor } from '../../rbac.ts';
import { ERRORS, IdParamSchema, json, jsonBody } from '../../schemas/common.ts';
import { assertVisible } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { DEFAULT_TEMPLATES, type MessageTemplate, ORDER_STAGES, PLACEHOLDERS } from '../effects/messages.ts';
import { unknownPlaceholders } from '../effects/template-render.ts';
import { customerMessages, messageTemplates, orders } from '../schema.ts';

const TEXT_MAX = 2_000;
const noNul = (s: string) => !s.includes('\u0000');
const text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'must not contain NUL');

const TemplateBodySchema = z
  .object({ sms: text(500), emailSubject: text(200), emailBody: text(TEXT_MAX) })
  .openapi('MessageTemplateInput');

const TemplateSchema = TemplateBodySchema.extend({
  key: z.string().openapi({ example: 'order.arrived' }),
  stage: z.boolean().openapi({ description: 'One of the order stages (审核通过 … 交车预约)' }),
  edited: z.boolean(),
  updatedAt: z.string().nullable(),
}).openapi('MessageTemplate');

const KeyParam = z.object({
  key: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'order.arrived' }),
});

const listTemplates = createRoute({
  method: 'get',
  path: '/admin/message-templates',
  tags: ['admin'],
  summary: 'Customer message templates by stage, with the placeholders they may use',
  ...allowRoles('admin'),
  responses: {
    200: json(
      z.object({
        items: z.array(TemplateSchema),
        total: z.number().int(),
        placeholders: z.array(z.string()),
      }),
      'Templates',
    ),
    401: ERRORS[401],
    403: ERRORS[403],
  },
});

const putTemplate = createRoute({
  method: 'put',
  path: '/admin/message-templates/{key}',
  tags: ['admin'],
  summary: 'Edit a stage’s customer message template',
  ...allowRoles('admin'),
  request: { params: KeyParam, body: jsonBody(TemplateBodySchema) },
  responses: {
    200: json(TemplateSchema, 'Saved'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    422: ERRORS[422],
  },
});

const CustomerMessageSchema = z
  .object({
    id: z.string(),
    template: z.string(),
    channel: z.enum(['sms', 'email']),
    recipient: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
    status: z.enum(['pending', 'delivered', 'dead']),
    deliveredAt: z.string().nullable(),
  })
  .openapi('CustomerMessage');

const orderMessages = createRoute({
  method: 'get',
  path: '/orders/{id}/messages',
  tags: ['orders'],
  summary: 'What was sent to the order’s customer (消息记录), oldest first',
  ...allowAnyUser(),
  request: { params: IdParamSchema },
  responses: {
    200: json(z.object({ items: z.array(CustomerMessageSchema), total: z.number().int() }), 'Messages'),
    401: ERRORS[401],
    404: ERRORS[404],
  },
});

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

function viewOf(key: string, row?: MessageTemplate & { updatedAt: string }) {
  const template = row ?? DEFAULT_TEMPLATES[key]!;
  return {
    key,
    sms: template.sms,
    emailSubject: template.emailSubject,
    emailBody: template.emailBody,
    stage: (ORDER_STAGES as readonly string[]).includes(key),
    edited: row !== undefined,
    updatedAt: row ? iso(row.updatedAt) : null,
  };
}

/** 422 naming each field that uses a placeholder nobody fills. */
function checkPlaceholders(body: MessageTemplate): void {
  const details = (['sms', 'emailSubject', 'emailBody'] as const).flatMap((field) =>
    unknownPlaceholders(body[field], PLACEHOLDERS).map((p) => ({
      path: `/${field}`,
      message: `unknown placeholder ${p}; use one of ${PLACEHOLDERS.map((n) => `{{${n}}}`).join(' ')}`,
    })),
  );
  if (details.length > 0) throw invalid('The template uses unknown placeholders', details);
}

/** The customer-message routes, to mount under `/api`. */
export function customerMessageRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listTemplates, async (c) => {
      const rows = await db.select().from(messageTemplates);
      const edited = new Map(rows.map((r) => [r.key, r]));
      // Order stages first, in the order a customer meets them.
      const keys = [
        ...ORDER_STAGES,
        ...Object.keys(DEFAULT_TEMPLATES).filter((k) => !ORDER_STAGES.includes(k as never)),
      ];
      const items = keys.map((key) => viewOf(key, edited.get(key)));
      return c.json({ items, total: items.length, placeholders: [...PLACEHOLDERS] }, 200);
    })
    .openapi(putTemplate, async (c) => {
      const { key } = c.req.valid('param');
      if (!Object.hasOwn(DEFAULT_TEMPLATES, key)) throw notFound('Message template', key);
      const body = c.req.valid('json');
      checkPlaceholders(body);
      const actor = currentActor(c);
      const values = { ...body, updatedBy: actor.id, updatedAt: deps.clock().toISOString() };
      const [row] = await db
        .insert(messageTemplates)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: messageTemplates.key, set: values })
        .returning();
      return c.json(viewOf(key, row), 200);
    })
    .openapi(orderMessages, async (c) => {
      const { id } = c.req.valid('param');
      const [order] = await db.select({ storeId: orders.storeId }).from(orders).where(eq(orders.id, id));
      if (!order) throw notFound('Order', id);
      assertVisible(currentActor(c), order.storeId, 'Order', id);
      const rows = await db
        .select({ m: customerMessages, status: outbox.status, deliveredAt: outbox.deliveredAt })
        .from(customerMessages)
        .leftJoin(outbox, eq(outbox.id, customerMessages.outboxId))
        .where(eq(customerMessages.orderId, id))
        .orderBy(asc(customerMessages.createdAt), asc(customerMessages.id));
      const items = rows.map(({ m, status, deliveredAt }) => ({
        id: m.id,
        template: m.template,
        channel: m.channel === 'email' ? ('email' as const) : ('sms' as const),
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        createdAt: iso(m.createdAt)!,
        status: status ?? 'pending',
        deliveredAt: iso(deliveredAt),
      }));
      return c.json({ items, total: items.length }, 200);
    });
}

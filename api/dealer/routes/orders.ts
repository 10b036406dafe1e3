/**
 * Orders: `POST /api/orders`, `GET /api/orders`, `GET /api/orders/export.xlsx`, `GET /api/orders/:id`,
 * `PUT /api/orders/:id` (a draft or a returned order), `POST /api/orders/:id/submit` (a draft).
 * No endpoint writes an order's status: it moves only through its flows (`order.setStatus`).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { requestLocale } from '../../locale.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, IdParamSchema, json, jsonBody } from '../../schemas/common.ts';
import { ROLES_FOR } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { createOrder } from '../orders/create-order.ts';
import { ordersXlsx } from '../orders/order-export.ts';
import { exportOrders, getOrder, listOrders } from '../orders/order-queries.ts';
import {
  NewOrderSchema,
  OrderChangeSchema,
  OrderDetailSchema,
  OrderListQuerySchema,
  OrderSummarySchema,
} from '../orders/order-schemas.ts';
import { submitDraft } from '../orders/submit-draft.ts';
import { updateReturnedOrder } from '../orders/update-order.ts';
import { XLSX_MIME } from '../xlsx.ts';

const LangHeaderSchema = z.object({
  'accept-language': z
    .string()
    .optional()
    .openapi({ example: 'en', description: 'English labels with `en`' }),
});

const createOrderRoute = createRoute({
  method: 'post',
  path: '/orders',
  tags: ['orders'],
  summary: 'Create an order (amounts computed on the server) and start its approval',
  middleware: requireRole(...ROLES_FOR.createOrder),
  request: { body: jsonBody(NewOrderSchema), headers: LangHeaderSchema },
  responses: {
    201: json(OrderDetailSchema, 'The new order, pending approval'),
    401: ERRORS[401],
    403: ERRORS[403],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

const listOrdersRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['orders'],
  summary: 'The order table: filter, sort, paginate',
  middleware: requireRole(...ROLES_FOR.readOrders),
  request: { query: OrderListQuerySchema, headers: LangHeaderSchema },
  responses: {
    200: json(
      z.object({
        items: z.array(OrderSummarySchema),
        total: z.number().int(),
        totalCapped: z.boolean().openapi({
          description:
            'More orders match than `total` (the count stops at 10,000; a page starting beyond it is 422)',
        }),
      }),
      'A page of orders',
    ),
    401: ERRORS[401],
    403: ERRORS[403],
    422: ERRORS[422],
  },
});

const exportOrdersRoute = createRoute({
  method: 'get',
  path: '/orders/export.xlsx',
  tags: ['orders'],
  summary: 'The filtered order table as an Excel file',
  middleware: requireRole(...ROLES_FOR.readOrders),
  request: { query: OrderListQuerySchema, headers: LangHeaderSchema },
  responses: {
    200: {
      description: 'xlsx file',
      content: { [XLSX_MIME]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    401: ERRORS[401],
    403: ERRORS[403],
  },
});

const submitOrderRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/submit',
  tags: ['orders'],
  summary: 'Submit a draft (草稿) for review: the vehicle is held and the approval starts',
  middleware: requireRole(...ROLES_FOR.createOrder),
  request: { params: IdParamSchema, headers: LangHeaderSchema },
  responses: {
    200: json(OrderDetailSchema, 'The order, now pending approval'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

const getOrderRoute = createRoute({
  method: 'get',
  path: '/orders/{id}',
  tags: ['orders'],
  summary: 'One order with its status label, flow instance, payments and timeline',
  middleware: requireRole(...ROLES_FOR.readOrders),
  request: { params: IdParamSchema, headers: LangHeaderSchema },
  responses: {
    200: json(OrderDetailSchema, 'The order'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
  },
});

const updateOrderRoute = createRoute({
  method: 'put',
  path: '/orders/{id}',
  tags: ['orders'],
  summary: 'Change a draft or a returned order (amounts recomputed; the status is not writable)',
  middleware: requireRole(...ROLES_FOR.createOrder),
  request: { params: IdParamSchema, body: jsonBody(OrderChangeSchema), headers: LangHeaderSchema },
  responses: {
    200: json(OrderDetailSchema, 'The changed order, still returned until the consultant resubmits'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

/** The order routes, to mount under `/api`. */
export function orderRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(createOrderRoute, async (c) => {
      const actor = currentActor(c);
      const id = await createOrder(deps, actor, c.req.valid('json'));
      return c.json(await getOrder(db, actor, id, requestLocale(c)), 201);
    })
    .openapi(listOrdersRoute, async (c) => {
      const lang = requestLocale(c);
      return c.json(await listOrders(db, currentActor(c), c.req.valid('query'), lang), 200);
    })
    .openapi(exportOrdersRoute, async (c) => {
      const lang = requestLocale(c);
      const rows = await exportOrders(db, currentActor(c), c.req.valid('query'), lang);
      const bytes = await ordersXlsx(rows, lang);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': XLSX_MIME,
        'content-disposition': 'attachment; filename="orders.xlsx"',
      });
    })
    .openapi(updateOrderRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      await updateReturnedOrder(deps, actor, id, c.req.valid('json'));
      return c.json(await getOrder(db, actor, id, requestLocale(c)), 200);
    })
    .openapi(submitOrderRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      await submitDraft(deps, actor, id);
      return c.json(await getOrder(db, actor, id, requestLocale(c)), 200);
    })
    .openapi(getOrderRoute, async (c) => {
      const lang = requestLocale(c);
      return c.json(await getOrder(db, currentActor(c), c.req.valid('param').id, lang), 200);
    });
}

/**
 * After-sales: `GET/POST /api/service-orders`, `GET /api/service-orders/:id`,
 * `GET /api/service-orders/sold-cars?q=` (the car lookup of a new work order),
 * `GET/POST /api/complaints`, `GET /api/complaints/:id`. Creating starts the flow; status moves
 * only through it.
 */

import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  COMPLAINT_CATEGORY,
  COMPLAINT_CHANNEL,
  COMPLAINT_LEVEL,
  codesOf,
} from '../../../dealer-rules/vocabulary.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, IdParamSchema, json, jsonBody, PageQuerySchema } from '../../schemas/common.ts';
import { ROLES_FOR } from '../access.ts';
import {
  createComplaint,
  createServiceOrder,
  getComplaint,
  getServiceOrder,
  listComplaints,
  listServiceOrders,
} from '../after-sales/after-sales-repo.ts';
import { findSoldCars } from '../after-sales/sold-cars.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { MobileSchema } from '../orders/order-schemas.ts';

const nullable = z.string().nullable();
const ServiceOrderSchema = z
  .object({
    id: z.uuid(),
    serviceNo: z.string().openapi({ example: 'WXBJ01202612050001' }),
    storeId: z.string(),
    customerId: nullable,
    customerName: z.string(),
    mobile: z.string(),
    vin: z.string(),
    plate: nullable,
    mileage: z.number().int().nullable(),
    complaint: z.string(),
    kind: z.string(),
    settlement: nullable,
    amount: z.number().int().nullable(),
    status: z.string(),
    advisorId: nullable,
    instanceId: nullable,
    createdAt: z.string(),
    completedAt: nullable,
  })
  .openapi('ServiceOrder');

const ComplaintSchema = z
  .object({
    id: z.uuid(),
    complaintNo: z.string().openapi({ example: 'TSBJ01202612050001' }),
    storeId: z.string(),
    customerId: nullable,
    customerName: z.string(),
    mobile: nullable,
    channel: z.string(),
    category: z.string(),
    level: z.string(),
    description: z.string(),
    status: z.string(),
    orderId: nullable,
    serviceOrderId: nullable,
    instanceId: nullable,
    dueAt: nullable,
    createdAt: z.string(),
    closedAt: nullable,
  })
  .openapi('Complaint');

const NewServiceOrderSchema = z.object({
  storeId: z.string().max(32).optional(),
  customerName: z.string().trim().min(1).max(100),
  mobile: MobileSchema,
  vin: z.string().trim().length(17),
  plate: z.string().max(20).optional(),
  mileage: z.number().int().min(0).optional(),
  complaint: z.string().min(1).max(2000),
  kind: z.enum(['repair', 'maintenance', 'warranty']).optional(),
});

const NewComplaintSchema = z.object({
  storeId: z.string().max(32).optional(),
  customerName: z.string().trim().min(1).max(100),
  mobile: MobileSchema.optional(),
  channel: z.enum(codesOf(COMPLAINT_CHANNEL)),
  category: z.enum(codesOf(COMPLAINT_CATEGORY)),
  level: z.enum(codesOf(COMPLAINT_LEVEL)),
  description: z.string().min(1).max(4000),
  orderId: z.uuid().optional(),
  serviceOrderId: z.uuid().optional(),
});

const SoldCarSchema = z
  .object({
    vin: z.string(),
    plate: nullable,
    customerId: nullable,
    customerName: z.string(),
    mobile: z.string(),
    brand: z.string(),
    model: z.string(),
    trim: z.string(),
    color: z.string(),
    orderNo: z.string(),
    deliveredAt: nullable,
    lastMileage: z.number().int().nullable(),
  })
  .openapi('SoldCar');

const ListQuery = PageQuerySchema.extend({
  storeId: z.string().max(32).optional(),
  status: z.string().optional(),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
const read = requireRole(...ROLES_FOR.afterSales);

const routes = {
  soldCars: createRoute({
    method: 'get',
    path: '/service-orders/sold-cars',
    tags: ['after-sales'],
    middleware: read,
    summary: 'Sold cars of the store found by plate (from earlier work orders), VIN or mobile number',
    request: {
      query: z.object({ q: z.string().trim().min(2).max(40), storeId: z.string().max(32).optional() }),
    },
    responses: {
      200: json(z.object({ items: z.array(SoldCarSchema) }), 'Sold cars'),
      401: ERRORS[401],
      403: ERRORS[403],
      422: ERRORS[422],
    },
  }),
  listService: createRoute({
    method: 'get',
    path: '/service-orders',
    tags: ['after-sales'],
    middleware: read,
    summary: 'Work orders',
    request: { query: ListQuery },
    responses: { 200: json(page(ServiceOrderSchema), 'Work orders'), 401: ERRORS[401], 403: ERRORS[403] },
  }),
  createService: createRoute({
    method: 'post',
    path: '/service-orders',
    tags: ['after-sales'],
    middleware: requireRole('service_advisor', 'admin'),
    summary: 'Open a work order and start the after-sales flow',
    request: { body: jsonBody(NewServiceOrderSchema) },
    responses: {
      201: json(ServiceOrderSchema, 'Opened'),
      401: ERRORS[401],
      403: ERRORS[403],
      422: ERRORS[422],
    },
  }),
  getService: createRoute({
    method: 'get',
    path: '/service-orders/{id}',
    tags: ['after-sales'],
    middleware: read,
    summary: 'A work order with its surveys',
    request: { params: IdParamSchema },
    responses: {
      200: json(
        ServiceOrderSchema.extend({
          surveys: z.array(z.object({ score: z.number().int(), comment: nullable, at: z.string() })),
        }),
        'Work order',
      ),
      401: ERRORS[401],
      404: ERRORS[404],
    },
  }),
  listComplaints: createRoute({
    method: 'get',
    path: '/complaints',
    tags: ['after-sales'],
    middleware: requireRole(...ROLES_FOR.createComplaint),
    summary: 'Complaints',
    request: { query: ListQuery },
    responses: { 200: json(page(ComplaintSchema), 'Complaints'), 401: ERRORS[401], 403: ERRORS[403] },
  }),
  createComplaint: createRoute({
    method: 'post',
    path: '/complaints',
    tags: ['after-sales'],
    middleware: requireRole(...ROLES_FOR.createComplaint),
    summary: 'Record a complaint (deadline by level) and start the complaint flow',
    request: { body: jsonBody(NewComplaintSchema) },
    responses: {
      201: json(ComplaintSchema, 'Recorded'),
      401: ERRORS[401],
      403: ERRORS[403],
      422: ERRORS[422],
    },
  }),
  getComplaint: createRoute({
    method: 'get',
    path: '/complaints/{id}',
    tags: ['after-sales'],
    middleware: requireRole(...ROLES_FOR.createComplaint),
    summary: 'A complaint',
    request: { params: IdParamSchema },
    responses: { 200: json(ComplaintSchema, 'Complaint'), 401: ERRORS[401], 404: ERRORS[404] },
  }),
};

/** The after-sales routes, to mount under `/api`. */
export function afterSalesRoutes(deps: ResolvedDealerDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.soldCars, async (c) =>
      c.json(await findSoldCars(deps.database.db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(routes.listService, async (c) =>
      c.json(await listServiceOrders(deps, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(routes.createService, async (c) =>
      c.json(await createServiceOrder(deps, currentActor(c), c.req.valid('json')), 201),
    )
    .openapi(routes.getService, async (c) =>
      c.json(await getServiceOrder(deps, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(routes.listComplaints, async (c) =>
      c.json(await listComplaints(deps, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(routes.createComplaint, async (c) =>
      c.json(await createComplaint(deps, currentActor(c), c.req.valid('json')), 201),
    )
    .openapi(routes.getComplaint, async (c) =>
      c.json(await getComplaint(deps, currentActor(c), c.req.valid('param').id), 200),
    );
}

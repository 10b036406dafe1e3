/**
 * CRM: `GET/POST /api/customers`, `GET/PATCH /api/customers/:id`,
 * `POST /api/customers/:id/follow-ups`, `POST /api/customers/:id/test-drives`.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { CUSTOMER_GRADES, INTENT_LEVELS, SOURCES } from '../../../dealer-rules/labels.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, IdParamSchema, json, jsonBody, PageQuerySchema } from '../../schemas/common.ts';
import { ROLES_FOR } from '../access.ts';
import { addFollowUp, addTestDrive, updateCustomer } from '../customers/customer-activity.ts';
import { createCustomer, getCustomer, listCustomers } from '../customers/customer-repo.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { MobileSchema } from '../orders/order-schemas.ts';

const fen = z.number().int().min(0);
const Grade = z.enum(CUSTOMER_GRADES);
const Level = z.enum(INTENT_LEVELS);

const CustomerSchema = z
  .object({
    id: z.uuid(),
    storeId: z.string(),
    name: z.string(),
    mobile: z.string(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    grade: z.string(),
    intentLevel: z.string(),
    value: z.string(),
    purchaseType: z.string(),
    source: z.string(),
    budgetMin: z.number().int().nullable(),
    budgetMax: z.number().int().nullable(),
    preferences: z.record(z.string(), z.unknown()),
    consultantId: z.string().nullable(),
    nextFollowUpAt: z.string().nullable(),
    overdue: z.boolean(),
    lostReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Customer');

const FollowUpViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  channel: z.string(),
  content: z.string(),
  result: z.string().nullable(),
  nextAt: z.string().nullable(),
  levelFrom: z.string().nullable(),
  levelTo: z.string().nullable(),
  consultantId: z.string().nullable(),
});

const TestDriveViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  model: z.string(),
  vehicleId: z.string().nullable(),
  licenceChecked: z.boolean().nullable(),
  odometerOut: z.number().nullable(),
  odometerIn: z.number().nullable(),
  feedback: z.string().nullable(),
});

const CustomerDetailSchema = CustomerSchema.extend({
  followUps: z.array(FollowUpViewSchema).openapi({ description: 'Newest first' }),
  testDrives: z.array(TestDriveViewSchema),
  orders: z
    .array(z.record(z.string(), z.unknown()))
    .openapi({ description: 'The customer’s orders, newest first' }),
  cars: z
    .array(z.record(z.string(), z.unknown()))
    .openapi({ description: 'Cars allocated to the customer’s orders (VIN, model, delivery date)' }),
  services: z
    .array(z.record(z.string(), z.unknown()))
    .openapi({ description: 'Service orders of the customer or of their cars, newest first' }),
}).openapi('CustomerDetail');

const NewCustomerSchema = z
  .object({
    storeId: z.string().max(32).optional(),
    name: z.string().trim().min(1).max(100),
    mobile: MobileSchema,
    email: z.email().optional(),
    address: z.string().max(300).optional(),
    grade: Grade.optional(),
    intentLevel: Level.optional(),
    value: z.enum(['high', 'normal']).optional(),
    purchaseType: z.enum(['first', 'additional', 'trade_in']).optional(),
    source: z.enum(SOURCES).optional(),
    budgetMin: fen.optional(),
    budgetMax: fen.optional(),
    preferences: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('NewCustomer');

const CustomerChangeSchema = z.object({
  grade: Grade.optional(),
  intentLevel: Level.optional(),
  value: z.enum(['high', 'normal']).optional(),
  purchaseType: z.enum(['first', 'additional', 'trade_in']).optional(),
  lostReason: z.string().max(500).optional(),
  email: z.email().optional(),
  address: z.string().max(300).optional(),
});

const FollowUpSchema = z.object({
  at: z.iso.datetime({ offset: true }).optional(),
  channel: z.enum(['call', 'wechat', 'visit', 'sms']),
  content: z.string().min(1).max(2000),
  result: z.string().max(500).optional(),
  nextAt: z.iso.datetime({ offset: true }).optional(),
  intentLevel: Level.optional(),
});

const TestDriveSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  model: z.string().min(1).max(100),
  vehicleId: z.uuid().optional(),
  licenceChecked: z.boolean(),
  odometerOut: z.number().int().min(0).optional(),
  odometerIn: z.number().int().min(0).optional(),
  feedback: z.string().max(2000).optional(),
});

const ListQuery = PageQuerySchema.extend({
  storeId: z.string().max(32).optional(),
  grade: Grade.optional(),
  intentLevel: Level.optional(),
  source: z.enum(SOURCES).optional(),
  consultantId: z.uuid().optional(),
  q: z.string().trim().min(1).max(50).optional(),
});

const read = requireRole(...ROLES_FOR.readCustomers);
const write = requireRole(...ROLES_FOR.writeCustomers);
const tags = ['customers'];
const Created = z.object({ id: z.uuid() });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/customers',
    tags,
    middleware: read,
    summary: 'Customers, overdue follow-ups first',
    request: { query: ListQuery },
    responses: {
      200: json(z.object({ items: z.array(CustomerSchema), total: z.number().int() }), 'Customers'),
      401: ERRORS[401],
      403: ERRORS[403],
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/customers',
    tags,
    middleware: write,
    summary: 'Create a customer (409 on a duplicate mobile)',
    request: { body: jsonBody(NewCustomerSchema) },
    responses: {
      201: json(CustomerSchema, 'Created'),
      401: ERRORS[401],
      403: ERRORS[403],
      409: ERRORS[409],
      422: ERRORS[422],
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/customers/{id}',
    tags,
    middleware: read,
    summary: 'A customer with follow-ups and test drives',
    request: { params: IdParamSchema },
    responses: { 200: json(CustomerDetailSchema, 'Customer'), 401: ERRORS[401], 404: ERRORS[404] },
  }),
  update: createRoute({
    method: 'patch',
    path: '/customers/{id}',
    tags,
    middleware: write,
    summary: 'Change grade, level, value (lost needs a reason)',
    request: { params: IdParamSchema, body: jsonBody(CustomerChangeSchema) },
    responses: {
      200: json(CustomerSchema, 'Customer'),
      401: ERRORS[401],
      404: ERRORS[404],
      422: ERRORS[422],
    },
  }),
  followUp: createRoute({
    method: 'post',
    path: '/customers/{id}/follow-ups',
    tags,
    middleware: write,
    summary: 'Record a follow-up',
    request: { params: IdParamSchema, body: jsonBody(FollowUpSchema) },
    responses: {
      201: json(Created.extend({ nextAt: z.string().nullable() }), 'Recorded'),
      401: ERRORS[401],
      404: ERRORS[404],
      422: ERRORS[422],
    },
  }),
  testDrive: createRoute({
    method: 'post',
    path: '/customers/{id}/test-drives',
    tags,
    middleware: write,
    summary: 'Record a test drive',
    request: { params: IdParamSchema, body: jsonBody(TestDriveSchema) },
    responses: { 201: json(Created, 'Recorded'), 401: ERRORS[401], 404: ERRORS[404], 422: ERRORS[422] },
  }),
};

/** The CRM routes, to mount under `/api`. */
export function customerRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.list, async (c) =>
      c.json(await listCustomers(db, currentActor(c), c.req.valid('query'), deps.clock()), 200),
    )
    .openapi(routes.create, async (c) =>
      c.json(await createCustomer(db, currentActor(c), c.req.valid('json'), deps.clock()), 201),
    )
    .openapi(routes.get, async (c) =>
      c.json(await getCustomer(db, currentActor(c), c.req.valid('param').id, deps.clock()), 200),
    )
    .openapi(routes.update, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await updateCustomer(db, currentActor(c), id, c.req.valid('json'), deps.clock()), 200);
    })
    .openapi(routes.followUp, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await addFollowUp(db, currentActor(c), id, c.req.valid('json'), deps.clock()), 201);
    })
    .openapi(routes.testDrive, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await addTestDrive(db, currentActor(c), id, c.req.valid('json')), 201);
    });
}

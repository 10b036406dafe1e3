/**
 * Inventory operations: `POST /api/vehicles/:id/transfer`, `POST /api/vehicles/:id/receive`,
 * `GET/POST /api/stock-takes`, `POST /api/orders/:id/allocate`. Each is one transaction; logistics
 * and managers only.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, IdParamSchema, json, jsonBody } from '../../schemas/common.ts';
import { ROLES_FOR } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { allocateVehicle } from '../inventory/allocate.ts';
import { createStockTake, listStockTakes } from '../inventory/stock-takes.ts';
import { receiveVehicle, transferVehicle } from '../inventory/transfers.ts';
import { VehicleSchema } from './vehicles.ts';

const StockTakeSchema = z
  .object({
    id: z.uuid(),
    storeId: z.string(),
    countedCount: z.number().int(),
    systemCount: z.number().int(),
    gains: z.number().int(),
    losses: z.number().int(),
    gainVins: z.array(z.string()),
    lossVins: z.array(z.string()),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .openapi('StockTake');

const tags = ['inventory'];
const write = requireRole(...ROLES_FOR.writeVehicles);
const errors = { 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 409: ERRORS[409], 422: ERRORS[422] };

const routes = {
  transfer: createRoute({
    method: 'post',
    path: '/vehicles/{id}/transfer',
    tags,
    middleware: write,
    summary: 'Send an in-stock vehicle to another store; repeated by the target store, receives it',
    request: { params: IdParamSchema, body: jsonBody(z.object({ toStoreId: z.string().min(1).max(32) })) },
    responses: { 200: json(VehicleSchema, 'Vehicle'), ...errors },
  }),
  receive: createRoute({
    method: 'post',
    path: '/vehicles/{id}/receive',
    tags,
    middleware: write,
    summary: 'The receiving store takes a transferring vehicle into stock',
    request: { params: IdParamSchema },
    responses: { 200: json(VehicleSchema, 'Vehicle'), ...errors },
  }),
  createTake: createRoute({
    method: 'post',
    path: '/stock-takes',
    tags,
    middleware: write,
    summary: 'Record a stock-take: counted VINs against the system, gains and losses',
    request: {
      body: jsonBody(
        z.object({
          storeId: z.string().max(32).optional(),
          counted: z.array(z.string().trim().length(17)).max(5000),
          note: z.string().max(500).optional(),
        }),
      ),
    },
    responses: { 201: json(StockTakeSchema, 'Recorded'), ...errors },
  }),
  listTakes: createRoute({
    method: 'get',
    path: '/stock-takes',
    tags,
    middleware: write,
    summary: 'The latest stock-takes in scope',
    request: { query: z.object({ storeId: z.string().max(32).optional() }) },
    responses: { 200: json(z.object({ items: z.array(StockTakeSchema) }), 'Stock-takes'), ...errors },
  }),
  allocate: createRoute({
    method: 'post',
    path: '/orders/{id}/allocate',
    tags,
    middleware: write,
    summary: 'Allocate a stock vehicle to an approved or paid order that has none',
    request: { params: IdParamSchema, body: jsonBody(z.object({ vin: z.string().trim().length(17) })) },
    responses: {
      200: json(
        z.object({
          orderId: z.string(),
          vin: z.string(),
          via: z.enum(['flow', 'reserve']),
          instanceId: z.string().nullable(),
        }),
        'Allocated',
      ),
      ...errors,
    },
  }),
};

/** The inventory operation routes, to mount under `/api`. */
export function inventoryOpsRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.transfer, async (c) => {
      const { id } = c.req.valid('param');
      const { toStoreId } = c.req.valid('json');
      return c.json(await transferVehicle(db, currentActor(c), id, toStoreId, deps.clock()), 200);
    })
    .openapi(routes.receive, async (c) =>
      c.json(await receiveVehicle(db, currentActor(c), c.req.valid('param').id, deps.clock()), 200),
    )
    .openapi(routes.createTake, async (c) =>
      c.json(await createStockTake(db, currentActor(c), c.req.valid('json'), deps.clock()), 201),
    )
    .openapi(routes.listTakes, async (c) =>
      c.json(await listStockTakes(db, currentActor(c), c.req.valid('query').storeId), 200),
    )
    .openapi(routes.allocate, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await allocateVehicle(deps, currentActor(c), id, c.req.valid('json').vin), 200);
    });
}

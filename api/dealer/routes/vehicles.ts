/**
 * Inventory: `GET/POST /api/vehicles`, `GET /api/vehicles/export.xlsx`, `POST /api/vehicles/import`.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { labelOf, STORE_NAMES, VEHICLE_STATUS_LABELS } from '../../../dealer-rules/labels.ts';
import { AppError } from '../../../engine/errors.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, json, jsonBody, PageQuerySchema } from '../../schemas/common.ts';
import { ROLES_FOR } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { importVehicles, readUpload } from '../inventory/vehicle-import.ts';
import {
  createVehicle,
  exportVehicles,
  listVehicles,
  type toVehicleView,
} from '../inventory/vehicle-repo.ts';
import { toXlsx, XLSX_MIME, type XlsxColumn } from '../xlsx.ts';

/** The API shape of a vehicle (shared with the inventory operations). */
export const VehicleSchema = z
  .object({
    id: z.uuid(),
    vin: z.string(),
    brand: z.string(),
    model: z.string(),
    trim: z.string(),
    exteriorColor: z.string(),
    interiorColor: z.string().nullable(),
    productionDate: z.string(),
    stockInDate: z.string().nullable(),
    engineNo: z.string().nullable(),
    certificateNo: z.string().nullable(),
    location: z.string().nullable(),
    storeId: z.string(),
    cost: z.number().int().nullable(),
    listPrice: z.number().int(),
    status: z.string(),
    reservedOrderId: z.string().nullable(),
    transferToStoreId: z.string().nullable(),
    vinOverrideBy: z.string().nullable(),
    ageDays: z.number().int(),
    agingBucket: z.string(),
    agingLevel: z.enum(['ok', 'warn', 'alert', 'critical']),
  })
  .openapi('Vehicle');

const ModelStockSchema = z.object({
  storeId: z.string(),
  brand: z.string(),
  model: z.string(),
  stock: z.number().int(),
  monthlySales: z.number(),
  coefficient: z.number().nullable(),
  warnings: z.array(z.enum(['low_stock', 'stock_high', 'overstock'])),
});

const date = z.iso.date();
const NewVehicleSchema = z
  .object({
    storeId: z.string().max(32).optional(),
    vin: z.string().trim().length(17),
    brand: z.string().min(1).max(100),
    model: z.string().min(1).max(100),
    trim: z.string().min(1).max(100),
    exteriorColor: z.string().min(1).max(100),
    interiorColor: z.string().max(100).optional(),
    productionDate: date,
    stockInDate: date.optional(),
    engineNo: z.string().max(50).optional(),
    certificateNo: z.string().max(50).optional(),
    location: z.string().max(100).optional(),
    cost: z.number().int().min(0).optional(),
    listPrice: z.number().int().min(1),
    status: z.enum(['in_stock', 'in_transit']).optional(),
    vinOverride: z
      .boolean()
      .optional()
      .openapi({ description: 'Accept a wrong check digit (recorded with who)' }),
  })
  .openapi('NewVehicle');

const ListQuery = PageQuerySchema.extend({
  storeId: z.string().max(32).optional(),
  status: z.string().optional(),
  brand: z.string().optional(),
  model: z.string().optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .openapi({ description: 'Words, each matching the VIN start or part of brand, model, trim or colour' }),
});

const tags = ['inventory'];
const read = requireRole(...ROLES_FOR.readVehicles);
const write = requireRole(...ROLES_FOR.writeVehicles);

const routes = {
  list: createRoute({
    method: 'get',
    path: '/vehicles',
    tags,
    middleware: read,
    summary: 'Vehicles with age and per-model stock warnings',
    request: { query: ListQuery },
    responses: {
      200: json(
        z.object({
          items: z.array(VehicleSchema),
          total: z.number().int(),
          models: z.array(ModelStockSchema),
        }),
        'Vehicles',
      ),
      401: ERRORS[401],
      403: ERRORS[403],
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/vehicles',
    tags,
    middleware: write,
    summary: 'Add a vehicle (VIN checked, unique)',
    request: { body: jsonBody(NewVehicleSchema) },
    responses: {
      201: json(VehicleSchema, 'Added'),
      401: ERRORS[401],
      403: ERRORS[403],
      409: ERRORS[409],
      422: ERRORS[422],
    },
  }),
  export: createRoute({
    method: 'get',
    path: '/vehicles/export.xlsx',
    tags,
    middleware: read,
    summary: 'The filtered inventory as xlsx',
    request: { query: ListQuery.omit({ page: true, pageSize: true }) },
    responses: {
      200: {
        description: 'xlsx',
        content: { [XLSX_MIME]: { schema: z.string().openapi({ format: 'binary' }) } },
      },
      401: ERRORS[401],
    },
  }),
  import: createRoute({
    method: 'post',
    path: '/vehicles/import',
    tags,
    middleware: write,
    summary: 'Import vehicles from CSV or xlsx, all or nothing (422 lists every bad row)',
    request: {
      query: z.object({ storeId: z.string().max(32).optional() }),
      body: {
        required: true,
        content: {
          'text/csv': { schema: z.string() },
          [XLSX_MIME]: { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
    },
    responses: {
      201: json(z.object({ imported: z.number().int() }), 'Imported'),
      401: ERRORS[401],
      403: ERRORS[403],
      409: ERRORS[409],
      422: ERRORS[422],
    },
  }),
};

type VehicleView = ReturnType<typeof toVehicleView>;
const COLUMNS: XlsxColumn<VehicleView>[] = [
  { header: 'VIN', value: (v) => v.vin, width: 20 },
  { header: '门店', value: (v) => labelOf(STORE_NAMES, v.storeId, 'zh-CN'), width: 12 },
  { header: '品牌', value: (v) => v.brand },
  { header: '车型', value: (v) => v.model },
  { header: '配置', value: (v) => v.trim },
  { header: '外观颜色', value: (v) => v.exteriorColor },
  { header: '内饰颜色', value: (v) => v.interiorColor },
  { header: '生产日期', value: (v) => v.productionDate, width: 12, date: true },
  { header: '入库日期', value: (v) => v.stockInDate, width: 12, date: true },
  { header: '库龄(天)', value: (v) => v.ageDays, width: 10 },
  { header: '状态', value: (v) => labelOf(VEHICLE_STATUS_LABELS, v.status, 'zh-CN') },
  { header: '成本', value: (v) => v.cost, fen: true },
  { header: '指导价', value: (v) => v.listPrice, fen: true },
  { header: '库位', value: (v) => v.location },
];

/** The inventory routes, to mount under `/api`. */
export function vehicleRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.list, async (c) =>
      c.json(await listVehicles(db, currentActor(c), c.req.valid('query'), deps.clock()), 200),
    )
    .openapi(routes.create, async (c) =>
      c.json(await createVehicle(db, currentActor(c), c.req.valid('json'), deps.clock()), 201),
    )
    .openapi(routes.export, async (c) => {
      const rows = await exportVehicles(db, currentActor(c), c.req.valid('query'), deps.clock());
      const bytes = await toXlsx('库存', COLUMNS, rows);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': XLSX_MIME,
        'content-disposition': 'attachment; filename="vehicles.xlsx"',
      });
    })
    .openapi(routes.import, async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new AppError('bad_request', 'Empty upload');
      const rows = await readUpload(bytes, c.req.header('content-type') ?? '');
      return c.json(await importVehicles(db, currentActor(c), rows, c.req.valid('query').storeId), 201);
    });
}

/** `GET /api/maintenance-reminders?due=overdue|week|month&asOf=YYYY-MM-DD`, `POST /api/maintenance-reminders/:id/done`. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireRole } from '../../rbac.ts';
import { ERRORS, IdParamSchema, json, jsonBody } from '../../schemas/common.ts';
import { ROLES_FOR } from '../access.ts';
import { completeReminder, listReminders } from '../after-sales/reminders-repo.ts';
import type { ResolvedDealerDeps } from '../deps.ts';

const nullable = z.string().nullable();
const ReminderSchema = z
  .object({
    id: z.uuid(),
    storeId: z.string(),
    vin: nullable,
    customerId: nullable,
    customerName: nullable,
    mobile: nullable,
    orderId: nullable,
    serviceOrderId: nullable,
    kind: z.string(),
    dueDate: z.string(),
    dueKm: z.number().int().nullable(),
    status: z.string(),
    overdue: z.boolean(),
    note: nullable,
    doneAt: nullable,
    doneBy: nullable,
    createdAt: z.string(),
  })
  .openapi('MaintenanceReminder');

const tags = ['after-sales'];
const middleware = requireRole(...ROLES_FOR.afterSales);
const errors = { 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 409: ERRORS[409], 422: ERRORS[422] };

const routes = {
  list: createRoute({
    method: 'get',
    path: '/maintenance-reminders',
    tags,
    middleware,
    summary: 'Open maintenance reminders, soonest first (overdue, due within a week or a month)',
    request: {
      query: z.object({
        due: z.enum(['overdue', 'week', 'month']).optional(),
        storeId: z.string().max(32).optional(),
        asOf: z.iso.date().optional().openapi({
          description: "The viewer's calendar day (YYYY-MM-DD) the windows count from; default today",
        }),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(ReminderSchema) }), 'Reminders'), ...errors },
  }),
  done: createRoute({
    method: 'post',
    path: '/maintenance-reminders/{id}/done',
    tags,
    middleware,
    summary: 'Mark a reminder done (customer contacted) with a note',
    request: { params: IdParamSchema, body: jsonBody(z.object({ note: z.string().max(500).optional() })) },
    responses: { 200: json(ReminderSchema, 'Done'), ...errors },
  }),
};

/** The maintenance-reminder routes, to mount under `/api`. */
export function reminderRoutes(deps: ResolvedDealerDeps) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.list, async (c) =>
      c.json(await listReminders(db, currentActor(c), c.req.valid('query'), deps.clock()), 200),
    )
    .openapi(routes.done, async (c) => {
      const { id } = c.req.valid('param');
      const { note } = c.req.valid('json');
      return c.json(await completeReminder(db, currentActor(c), id, note, deps.clock()), 200);
    });
}

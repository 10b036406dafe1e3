/**
 * `/api/stores/:id/calendar`: a store's business calendar (working hours, weekends, public holidays,
 * make-up working days) that deadlines in working time count with. Anyone of the store (or a group
 * role) reads it; admins replace it.
 */

import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';

import { allowAnyUser, allowRoles, canAccessStore, currentActor } from '../rbac.ts';
import { ERRORS, json, jsonBody } from '../schemas/common.ts';
import { BusinessCalendarSchema, CalendarViewSchema, StoreParamSchema } from '../schemas/versions.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['stores'];

const getRoute = createRoute({
  method: 'get',
  path: '/stores/{id}/calendar',
  tags,
  summary: 'The store’s business calendar (the default when it has none of its own)',
  ...allowAnyUser(),
  request: { params: StoreParamSchema },
  responses: {
    200: json(CalendarViewSchema, 'Calendar'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/stores/{id}/calendar',
  tags,
  summary: 'Replace the store’s business calendar (admin)',
  ...allowRoles('admin'),
  request: { params: StoreParamSchema, body: jsonBody(BusinessCalendarSchema) },
  responses: {
    200: json(CalendarViewSchema, 'Calendar'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    422: ERRORS[422],
  },
});

/** The calendar routes, to mount under `/api`. */
export function calendarRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getRoute, async (c) => {
      const { id } = c.req.valid('param');
      if (!canAccessStore(currentActor(c), id))
        throw new AppError('forbidden', `Not allowed to see store ${id}`);
      return c.json(await service.getCalendar(id), 200);
    })
    .openapi(putRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await service.putCalendar(id, c.req.valid('json'), currentActor(c)), 200);
    });
}

/**
 * `GET /api/teams`: the sales teams the actor may see (filters of the order table and reports).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { createRoute } from '../../openapi-route.ts';
import { currentActor, requireUser } from '../../rbac.ts';
import { ERRORS, json } from '../../schemas/common.ts';
import { listScope } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { teams } from '../schema.ts';

const TeamSchema = z.object({ id: z.uuid(), storeId: z.string(), name: z.string() }).openapi('Team');

const listTeams = createRoute({
  method: 'get',
  path: '/teams',
  tags: ['directory'],
  summary: 'Sales teams of the stores the caller may see',
  middleware: requireUser,
  request: { query: z.object({ storeId: z.string().max(32).optional() }) },
  responses: {
    200: json(z.object({ items: z.array(TeamSchema), total: z.number().int() }), 'Teams'),
    401: ERRORS[401],
    403: ERRORS[403],
  },
});

/** The team routes, to mount under `/api`. */
export function teamRoutes(deps: ResolvedDealerDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(listTeams, async (c) => {
    const store = listScope(currentActor(c), c.req.valid('query').storeId);
    const rows = await deps.database.db
      .select({ id: teams.id, storeId: teams.storeId, name: teams.name })
      .from(teams)
      .where(store ? eq(teams.storeId, store) : undefined)
      .orderBy(asc(teams.storeId), asc(teams.name));
    return c.json({ items: rows, total: rows.length }, 200);
  });
}

/**
 * `GET /healthz`: 200 when the database answers `SELECT 1`, 503 otherwise. Public, for load balancers.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { json } from '../schemas/common.ts';

const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['up', 'down']) });

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['meta'],
  summary: 'Liveness and database reachability',
  security: [],
  responses: { 200: json(HealthSchema, 'Healthy'), 503: json(HealthSchema, 'Database unreachable') },
});

/** The health route, to mount at the root. */
export function healthRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
    try {
      await db.execute(sql`select 1`);
      return c.json({ status: 'ok' as const, database: 'up' as const }, 200);
    } catch (err) {
      c.get('logger')?.warn({ err }, 'health check failed');
      return c.json({ status: 'unavailable' as const, database: 'down' as const }, 503);
    }
  });
}

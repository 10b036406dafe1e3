/**
 * `GET /api/meta/effects`: the effect catalogue the flow designer offers in its action picker and
 * the validator checks effect names against.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser } from '../rbac.ts';
import { ERRORS, json } from '../schemas/common.ts';

/** One effect the server can run. */
export interface EffectInfo {
  name: string;
  label?: string;
  description?: string;
  /** Argument names with a short description each. */
  args?: Record<string, string>;
}

const EffectSchema = z
  .object({
    name: z.string(),
    label: z.string().optional(),
    description: z.string().optional(),
    args: z.record(z.string(), z.string()).optional(),
  })
  .openapi('Effect');

const effectsRoute = createRoute({
  method: 'get',
  path: '/meta/effects',
  tags: ['meta'],
  summary: 'Effects a workflow may reference',
  ...allowAnyUser(),
  responses: {
    200: json(z.object({ items: z.array(EffectSchema), total: z.number().int() }), 'Effect catalogue'),
    401: ERRORS[401],
  },
});

/** The meta routes, to mount under `/api`; `effects` is read on each request (handlers may register late). */
export function metaRoutes(effects: () => EffectInfo[]) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(effectsRoute, (c) => {
    const items = [...effects()].sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ items, total: items.length }, 200);
  });
}

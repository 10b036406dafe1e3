/**
 * `/api/openapi.json`: the OpenAPI 3.1 document generated from the routes' schemas (3.1, so that
 * "any JSON value" is `{}` rather than 3.0's type-less `nullable`), with the server set and an
 * `operationId` on every operation, derived centrally from method and path. Linted by Redocly's
 * recommended rules in `openapi-lint.test.ts`.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/**
 * `get /api/workflows/{key}/versions` → `getWorkflowsByKeyVersions`: the method, then each path segment
 * in camel case (`{param}` as `By<Param>`), without the `/api` prefix.
 *
 * @example operationIdOf('post', '/api/instances/{id}/events') // 'postInstancesByIdEvents'
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((s) => s !== '' && s !== 'api')
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const parts = (param ? param[1]! : segment).split(/[^A-Za-z0-9]+/).filter(Boolean);
      const camel = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
      return param ? [`By${camel}`] : [camel];
    });
  return method.toLowerCase() + words.join('');
}

/** The document for `app`, with servers and operation ids. */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>): Document {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Dealerflow API',
      version: '0.1.0',
      description:
        'Workflow and approval engine for 4S dealerships. Each operation lists the roles it admits in ' +
        '`x-roles` (`*`: any logged-in user; absent: public), from the same guard the server runs.',
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearerAuth: [] }],
  });
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op && !op.operationId) op.operationId = operationIdOf(method, path);
    }
  }
  return doc;
}

/**
 * The HTTP application: middleware chain, the `/api` route modules, OpenAPI and docs, health, and
 * the designer's static files. `createApp` opens no port, so tests call `app.request()`.
 */

import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { BlankSchema, Schema } from 'hono/types';
import { AppError } from '../engine/errors.ts';
import type { Database } from '../engine/store/db.ts';
import { TaskEvents } from '../engine/store/task-events.ts';
import { authenticate } from './auth/authenticate.ts';
import { authRoutes } from './auth/routes.ts';
import { ActorCache } from './auth/sessions.ts';
import type { AppEnv } from './context.ts';
import { describeEffects } from './effect-catalogue.ts';
import { handleError, handleNotFound, validationHook } from './errors.ts';
import { eventRoutes } from './live/events-route.ts';
import { createLogger, type Logger } from './logger.ts';
import { idempotency } from './middleware/idempotency.ts';
import { inputPolicy } from './middleware/input-policy.ts';
import { requestId } from './middleware/request-id.ts';
import { openApiDocument } from './openapi-document.ts';
import { adminOutboxRoutes } from './routes/admin-outbox.ts';
import { calendarRoutes } from './routes/calendars.ts';
import { ccRoutes } from './routes/cc.ts';
import { fileRoutes, MAX_FILES_PER_UPLOAD } from './routes/files.ts';
import { formRoutes } from './routes/forms.ts';
import { healthRoutes } from './routes/health.ts';
import { instanceWithdrawRoutes } from './routes/instance-withdraw.ts';
import { instanceRoutes } from './routes/instances.ts';
import { type EffectInfo, metaRoutes } from './routes/meta.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { taskActionRoutes } from './routes/task-actions.ts';
import { taskRoutes } from './routes/tasks.ts';
import { userRoutes } from './routes/users.ts';
import { versionRoutes } from './routes/versions.ts';
import { workflowRoutes } from './routes/workflows.ts';
import type { ApiService } from './service-port.ts';
import { designerStatic } from './static.ts';

/** What the application is built from; only `service` and `database` are required. */
export interface CreateAppOptions<D extends Schema = BlankSchema> {
  service: ApiService;
  /** With `listen` (as `openDatabase` gives), `GET /api/events` streams live task events. */
  database: Pick<Database, 'db' | 'listen'>;
  logger?: Logger;
  /** The dealership routes (api/dealer/), mounted under `/api`. */
  dealer?: OpenAPIHono<AppEnv, D>;
  /** The effect catalogue for `GET /api/meta/effects` (default: the service's effects). */
  effects?: () => EffectInfo[];
  /** Request body limit in bytes (default 1 MiB); uploads have their own (`fileLimit`). */
  bodyLimit?: number;
  /** Largest uploaded file in bytes (default 20 MiB); an upload request may carry several. */
  fileLimit?: number;
  sessionTtlHours?: number;
  /** Where the designer's build lives (default designer/dist). */
  designerDist?: string;
  /** How long a token → actor lookup is cached in process (default 5 s). */
  actorCacheMs?: number;
  /**
   * The process's task-event hub for `GET /api/events` (default: one over `database`, listening
   * from the first stream on). Pass your own to `stop()` it at shutdown, which ends open streams.
   */
  taskEvents?: TaskEvents;
  /** Milliseconds between heartbeat comments on event streams (default 25 000). */
  eventsHeartbeatMs?: number;
  /** The clock of login throttling, the message centre and the outbox admin routes (default: the system clock). */
  clock?: () => Date;
}

/**
 * The Content-Security-Policy of every page and response: only this origin's scripts, no inline
 * script, no plugins, no framing by others. `'unsafe-eval'` stays because the browser validates
 * forms with ajv, which compiles each JSON Schema to a function; `'unsafe-inline'` styles because
 * antd writes its CSS-in-JS into style tags.
 */
const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};
/** The API explorer loads Swagger UI from its CDN. */
const DOCS_CSP = {
  ...APP_CSP,
  scriptSrc: ["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'],
  styleSrc: ["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'],
};
const appHeaders = secureHeaders({ contentSecurityPolicy: APP_CSP });

/** POSTs that neither create nor act, so never replayed. */
const NOT_IDEMPOTENT = ['/api/auth/login', '/api/auth/logout', '/api/workflows/validate', '/api/files'];

const DEFAULT_FILE_LIMIT = 20 * 1024 * 1024;

/**
 * The request body limit: `maxSize` for every request but file uploads, which may carry
 * `MAX_FILES_PER_UPLOAD` files of `fileLimit` bytes (plus 1 MiB for the multipart framing).
 */
function limitBodies(maxSize: number, fileLimit: number): MiddlewareHandler<AppEnv> {
  const limit = (size: number, what: string) =>
    bodyLimit({
      maxSize: size,
      onError: () => {
        throw new AppError('payload_too_large', `${what} exceeds ${size} bytes`, [
          { path: '', message: `larger than ${size} bytes` },
        ]);
      },
    });
  const general = limit(maxSize, 'Request body');
  const upload = limit(fileLimit * MAX_FILES_PER_UPLOAD + 1024 * 1024, 'Upload');
  return async function limitBody(c, next) {
    const isUpload = c.req.method === 'POST' && c.req.path === '/api/files';
    return isUpload ? upload(c, next) : general(c, next);
  };
}

/**
 * Builds the application.
 *
 * @example
 * const app = createApp({ service, database });
 * const res = await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
 */
export function createApp<D extends Schema = BlankSchema>(options: CreateAppOptions<D>) {
  const { service, database } = options;
  const db = database.db;
  const logger = options.logger ?? createLogger();
  const cache = new ActorCache(options.actorCacheMs ?? 5_000);
  const maxSize = options.bodyLimit ?? 1024 * 1024;
  const taskEvents =
    options.taskEvents ?? (database.listen ? new TaskEvents(database, { logger }) : undefined);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use('*', requestId(logger));
  app.use('/api/docs', secureHeaders({ contentSecurityPolicy: DOCS_CSP }));
  app.use('*', async (c, next) => (c.req.path === '/api/docs' ? next() : appHeaders(c, next)));
  app.use('/api/*', limitBodies(maxSize, options.fileLimit ?? DEFAULT_FILE_LIMIT));
  app.use('/api/*', inputPolicy());
  app.use('/api/*', authenticate(db, cache));
  app.use('/api/*', idempotency(db, { exclude: NOT_IDEMPOTENT }));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route(
      '/',
      authRoutes({ db, cache, sessionTtlHours: options.sessionTtlHours ?? 12, clock: options.clock }),
    )
    .route('/', workflowRoutes(service))
    .route('/', formRoutes(service))
    .route('/', instanceRoutes(service))
    .route('/', taskActionRoutes(service))
    .route('/', taskRoutes(service))
    .route('/', instanceWithdrawRoutes(service))
    .route('/', ccRoutes(service))
    .route('/', userRoutes(db))
    .route('/', fileRoutes(db, { fileLimit: options.fileLimit ?? DEFAULT_FILE_LIMIT }))
    .route('/', metaRoutes(options.effects ?? (() => describeEffects(service.effectNames()))))
    .route('/', eventRoutes(taskEvents, { heartbeatMs: options.eventsHeartbeatMs }))
    .route('/', notificationRoutes(db, options.clock))
    .route('/', adminOutboxRoutes(db, options.clock))
    .route('/', versionRoutes(service))
    .route('/', calendarRoutes(service));

  const routes = app
    .route('/api', api)
    .route('/api', options.dealer ?? new OpenAPIHono<AppEnv, D>())
    .route('/', healthRoutes(db));

  // Built once, on first request: every route is registered by then.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', (c) => {
    document ??= openApiDocument(app);
    return c.json(document);
  });
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json', title: 'Dealerflow API' }));
  app.use('*', designerStatic(options.designerDist));
  return routes;
}

/**
 * The route types of the core API, for the designer's typed client (`hc<AppType>`). The dealership's
 * routes join it as `ReturnType<typeof createApp<S>>` with `S` the schema of `createDealerRoutes`,
 * which needs every dealer route path to keep its literal type (a `string` path widens all routes).
 */
export type AppType = ReturnType<typeof createApp<BlankSchema>>;

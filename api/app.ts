/**
 * The HTTP application: middleware chain, the `/api` route modules, OpenAPI and docs, health, and
 * the designer's static files. `createApp` opens no port, so tests call `app.request()`.
 */

import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { BlankSchema, Schema } from 'hono/types';
import { AppError } from '../engine/errors.ts';
import type { Database } from '../engine/store/db.ts';
import { TaskEvents } from '../engine/store/task-events.ts';
import { accountRoutes } from './auth/account-routes.ts';
import { authenticate } from './auth/authenticate.ts';
import { authRoutes } from './auth/routes.ts';
import { ActorCache } from './auth/sessions.ts';
import type { AppEnv } from './context.ts';
import { describeEffects, type EffectDoc } from './effect-catalogue.ts';
import { handleError, handleNotFound, validationHook } from './errors.ts';
import { UploadRate } from './files/upload-rate.ts';
import { eventRoutes } from './live/events-route.ts';
import { createLogger, type Logger } from './logger.ts';
import { closeUnreadBodies } from './middleware/close-unread-body.ts';
import { idempotency } from './middleware/idempotency.ts';
import { inputPolicy } from './middleware/input-policy.ts';
import { requestId } from './middleware/request-id.ts';
import { sameOriginWrites } from './middleware/same-origin.ts';
import { openApiDocument } from './openapi-document.ts';
import { ADMIN_ROLE, type RoleDefinition, setRoleCatalogue } from './rbac.ts';
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
  /**
   * The application's role catalogue (api/rbac.ts): its `seesEveryStore` roles become the group roles
   * (default: only admin).
   */
  roles?: readonly RoleDefinition[];
  /** The effect catalogue for `GET /api/meta/effects` (default: the service's effects). */
  effects?: () => EffectInfo[];
  /** The application's effects' labels, descriptions and arguments, for that catalogue (api/effect-catalogue.ts). */
  effectDocs?: Readonly<Record<string, EffectDoc>>;
  /** Request body limit in bytes (default 1 MiB); uploads have their own (`fileLimit`). */
  bodyLimit?: number;
  /** Largest uploaded file in bytes (default 20 MiB); an upload request may carry several. */
  fileLimit?: number;
  /** Largest upload request in bytes (default: `MAX_FILES_PER_UPLOAD` files of `fileLimit`, plus 1 MiB). */
  uploadRequestLimit?: number;
  /** Bytes a user may upload per minute (default 200 MiB); past it, 429 with Retry-After. */
  uploadRatePerMinute?: number;
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
  /** The clock of sessions and login throttling, the upload rate, the message centre and the outbox admin routes (default: the system clock). */
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
/**
 * The API explorer loads Swagger UI from its CDN; its one inline script runs by the response's nonce
 * (still no `'unsafe-inline'` script).
 */
const DOCS_CSP = {
  ...APP_CSP,
  scriptSrc: [NONCE, 'https://cdn.jsdelivr.net'],
  styleSrc: ["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'],
};
const SWAGGER_UI = 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5';

/** The API explorer page: Swagger UI over `/api/openapi.json`, its start script allowed by `nonce`. */
function docsPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dealerflow API</title><link rel="stylesheet" href="${SWAGGER_UI}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${SWAGGER_UI}/swagger-ui-bundle.js" crossorigin="anonymous"></script>
<script nonce="${nonce}">window.onload = () => { window.ui = SwaggerUIBundle({ dom_id: '#swagger-ui', url: '/api/openapi.json' }); };</script>
</body></html>`;
}
/** Browser features no page of ours uses: refused to the page and to anything it might embed. */
const PERMISSIONS_POLICY = {
  camera: [],
  microphone: [],
  geolocation: [],
  payment: [],
  usb: [],
  serial: [],
  bluetooth: [],
  hid: [],
  midi: [],
  displayCapture: [],
} satisfies NonNullable<Parameters<typeof secureHeaders>[0]>['permissionsPolicy'];
/**
 * Besides the CSP, secureHeaders sends `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options: SAMEORIGIN`, HSTS and the cross-origin isolation headers on every response.
 */
const appHeaders = secureHeaders({ contentSecurityPolicy: APP_CSP, permissionsPolicy: PERMISSIONS_POLICY });
const docsHeaders = secureHeaders({ contentSecurityPolicy: DOCS_CSP, permissionsPolicy: PERMISSIONS_POLICY });
/**
 * A JSON answer is data, never a document a browser renders: it gets a shorter and stricter set than
 * the pages' fourteen headers — nothing may load in it, nothing may frame it. On the busiest routes
 * the pages' set (~0.9 KB, set on each finished answer) cost a tenth of a request's CPU.
 */
const JSON_HEADERS: [string, string][] = [
  [
    'Content-Security-Policy',
    "default-src 'none'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
  ],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];
const noNext = async () => {};

/** The security headers of an answer: the JSON set for JSON, the pages' for everything else. */
const securityHeaders: MiddlewareHandler<AppEnv> = async function securityHeaders(c, next) {
  if (c.req.path === '/api/docs') return next();
  await next();
  const headers = c.res.headers;
  if (headers.get('content-type')?.startsWith('application/json')) {
    // On the answer's own headers: `c.header` on a finished answer would copy the answer.
    for (const [name, value] of JSON_HEADERS) headers.set(name, value);
  } else {
    // The pages' set, as Hono's middleware writes it once the answer exists.
    await appHeaders(c, noNext);
  }
};

/** POSTs that neither create nor act, so never replayed. */
const NOT_IDEMPOTENT = ['/api/auth/login', '/api/auth/logout', '/api/workflows/validate', '/api/files'];

const DEFAULT_FILE_LIMIT = 20 * 1024 * 1024;
const DEFAULT_UPLOAD_RATE = 200 * 1024 * 1024;

/**
 * The request body limit, `maxSize`, for every request but file uploads, which stream and count
 * their own bytes (api/routes/files.ts).
 */
function limitBodies(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new AppError('payload_too_large', `Request body exceeds ${maxSize} bytes`, [
      { path: '', message: `larger than ${maxSize} bytes` },
    ]);
  };
  const general = bodyLimit({ maxSize, onError: tooLarge });
  return async function limitBody(c, next) {
    const method = c.req.method;
    const isUpload = method === 'POST' && c.req.path === '/api/files';
    // GET and HEAD carry no body (bodyLimit lets them through too).
    if (isUpload || method === 'GET' || method === 'HEAD') return next();
    // A body of declared length is judged by its header alone, as bodyLimit does — without
    // touching `c.req.raw.body`, which would build a web ReadableStream for every request.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > maxSize) tooLarge();
      return next();
    }
    return general(c, next);
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
  setRoleCatalogue(options.roles ?? [ADMIN_ROLE]);
  const cache = new ActorCache(options.actorCacheMs ?? 5_000);
  const maxSize = options.bodyLimit ?? 1024 * 1024;
  const fileLimit = options.fileLimit ?? DEFAULT_FILE_LIMIT;
  const uploads = {
    fileLimit,
    requestLimit: options.uploadRequestLimit ?? fileLimit * MAX_FILES_PER_UPLOAD + 1024 * 1024,
    rate: new UploadRate(options.uploadRatePerMinute ?? DEFAULT_UPLOAD_RATE, () =>
      (options.clock?.() ?? new Date()).getTime(),
    ),
  };
  const taskEvents =
    options.taskEvents ?? (database.listen ? new TaskEvents(database, { logger }) : undefined);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use('*', requestId(logger));
  app.use('/api/docs', docsHeaders);
  app.use('*', securityHeaders);
  app.use('*', closeUnreadBodies());
  app.use('/api/*', limitBodies(maxSize));
  app.use('/api/*', inputPolicy());
  app.use('/api/*', authenticate(db, cache, options.clock));
  app.use('/api/*', sameOriginWrites());
  app.use('/api/*', idempotency(db, { exclude: NOT_IDEMPOTENT }));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route(
      '/',
      authRoutes({ db, cache, sessionTtlHours: options.sessionTtlHours ?? 12, clock: options.clock }),
    )
    .route('/', accountRoutes({ db, cache, clock: options.clock }))
    .route('/', workflowRoutes(service))
    .route('/', formRoutes(service))
    .route('/', instanceRoutes(service))
    .route('/', taskActionRoutes(service))
    .route('/', taskRoutes(service))
    .route('/', instanceWithdrawRoutes(service))
    .route('/', ccRoutes(service))
    .route('/', userRoutes(db))
    .route('/', fileRoutes(db, uploads))
    .route(
      '/',
      metaRoutes(options.effects ?? (() => describeEffects(service.effectNames(), options.effectDocs))),
    )
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
  app.get('/api/docs', (c) => c.html(docsPage(c.get('secureHeadersNonce') ?? '')));
  app.use('*', designerStatic(options.designerDist));
  return routes;
}

/**
 * The route types of the core API, for the designer's typed client (`hc<AppType>`). The dealership's
 * routes join it as `ReturnType<typeof createApp<S>>` with `S` the schema of `createDealerRoutes`,
 * which needs every dealer route path to keep its literal type (a `string` path widens all routes).
 */
export type AppType = ReturnType<typeof createApp<BlankSchema>>;

/**
 * The designer's typed way to the server: `openapi-fetch` over `paths`, the contract generated from
 * the routes (`schema.d.ts`; docs/architecture.md "The HTTP contract"). A call names the route as
 * the server declares it and is checked against it: path and query parameters, body and answer.
 * Cookies carry the session; every GET carries the group user's store filter; failures are thrown as
 * `ApiError` (api-client.ts), and a 401 (but a failed login) reaches the `onUnauthorized` listeners.
 *
 * @example
 * const page = await api.get('/api/tasks', { params: { query: { scope: 'mine' } } });
 * await api.post('/api/tasks/{id}/complete', { params: { path: { id } }, body: { outcome: 'approve' } });
 */
import createClient, { type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import { apiUrl, clientState, type Query, toApiError } from '../api-client.ts';
import type { paths } from './schema.d.ts';

/** The verbs the designer uses. */
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The routes that answer `method`. */
export type ApiPath<M extends ApiMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, object> ? P : never;
}[keyof paths];

/** The options of one call: `params` (`path`, `query`), `body`, `signal`, as the route declares them. */
export type ApiInit<P extends keyof paths, M extends ApiMethod> = MaybeOptionalInit<paths[P], M>;

/** The init argument, optional when the route needs no parameters nor body. */
export type ApiArgs<P extends keyof paths, M extends ApiMethod> =
  undefined extends ApiInit<P, M> ? [init?: ApiInit<P, M>] : [init: ApiInit<P, M>];

type Responses<O> = O extends { responses: infer R } ? R : never;

/** The JSON bodies of a route's 2xx answers, as declared (no mapped copy: named types stay named). */
type SuccessBody<P extends keyof paths, M extends ApiMethod> = {
  [S in keyof Responses<paths[P][M]>]: S extends 200 | 201 | 202
    ? Responses<paths[P][M]>[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never;
}[keyof Responses<paths[P][M]>];

/** What a successful call answers: its JSON body, or `undefined` for a route that only answers 204. */
export type ApiData<P extends keyof paths, M extends ApiMethod> = [SuccessBody<P, M>] extends [never]
  ? undefined
  : SuccessBody<P, M>;

/** Sends the store filter on reads and the UI language on every call; turns failures into `ApiError`. */
const contractMiddleware: Middleware = {
  onRequest({ request, schemaPath }) {
    request.headers.set('Accept', 'application/json');
    request.headers.set('Accept-Language', clientState.locale());
    if (request.method !== 'GET' || !clientState.storeFilter || schemaPath.startsWith('/api/auth')) {
      return request;
    }
    const url = new URL(request.url);
    if (!url.searchParams.has('storeId')) url.searchParams.set('storeId', clientState.storeFilter);
    return new Request(url, request);
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return response;
    const error = await toApiError(response);
    if (error.status === 401 && schemaPath !== '/api/auth/login') {
      for (const listener of clientState.unauthorizedListeners) listener(error);
    }
    throw error;
  },
};

/** The openapi-fetch client itself, for what `api` does not cover (a different `parseAs`). */
export const client = createClient<paths>({
  // fetch needs an absolute URL outside a browser page (tests); in the browser this is same-origin.
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  credentials: 'include',
  // Read on every call, so msw (which replaces `fetch` when a test starts) sees the requests.
  fetch: (request) => globalThis.fetch(request),
  // Empty values are left out, arrays repeated (`?status=a&status=b`), as the routes parse them.
  querySerializer: (query) => apiUrl('', query as Query).slice(1),
});
client.use(contractMiddleware);

/**
 * One call with a `signal` besides the route's own options (what `useApiQuery` needs); `api` is
 * the shorter spelling.
 */
export async function callApi<P extends keyof paths, M extends ApiMethod>(
  method: M,
  path: P,
  init: ApiInit<P, M> | undefined,
  signal?: AbortSignal,
): Promise<ApiData<P, M>> {
  // The public signatures below carry the types; openapi-fetch's conditional ones do not survive
  // being forwarded through a generic path, so the call itself is untyped.
  const request = client.request as (m: string, p: string, i?: object) => Promise<{ data?: unknown }>;
  const { data } = await request(method, path, signal ? { ...init, signal } : init);
  return data as ApiData<P, M>;
}

/**
 * The typed verbs: each resolves to the route's answer or rejects with an `ApiError`.
 *
 * @example const { items } = await api.get('/api/workflows', { params: { query: { startable: 'me' } } });
 */
export const api = {
  get: <P extends ApiPath<'get'>>(path: P, ...[init]: ApiArgs<P, 'get'>) => callApi('get', path, init),
  post: <P extends ApiPath<'post'>>(path: P, ...[init]: ApiArgs<P, 'post'>) => callApi('post', path, init),
  put: <P extends ApiPath<'put'>>(path: P, ...[init]: ApiArgs<P, 'put'>) => callApi('put', path, init),
  patch: <P extends ApiPath<'patch'>>(path: P, ...[init]: ApiArgs<P, 'patch'>) =>
    callApi('patch', path, init),
  delete: <P extends ApiPath<'delete'>>(path: P, ...[init]: ApiArgs<P, 'delete'>) =>
    callApi('delete', path, init),
};

/** The JSON body a route takes (e.g. to type a form's values by it). */
export type ApiBody<P extends keyof paths, M extends ApiMethod> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters a GET route takes (e.g. to type a list page's filters by them). */
export type ApiQuery<P extends ApiPath<'get'>> = NonNullable<paths[P]['get']['parameters']['query']>;

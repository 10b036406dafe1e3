/**
 * msw handlers typed by the same contract as the designer's client (`designer/api/schema.d.ts`): the
 * route is named as the server declares it (`/api/tasks/{id}`) and the resolver must answer (part of)
 * its response body, an error body or nothing, so a field renamed on the server fails the type check
 * of the tests that still send the old one.
 *
 * @example
 * server.use(contract.get('/api/tasks/{id}', () => HttpResponse.json(makeTaskDetail())));
 */
import {
  type DefaultBodyType,
  type HttpResponseResolver,
  http,
  type PathParams,
  type RequestHandlerOptions,
} from 'msw';
import type { ApiData, ApiMethod, ApiPath } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

/** `T` with every property optional, at every depth (arrays keep their element type's shape). */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * What a handler may answer on `path`: the route's body (only the fields the test's page reads need
 * be there, but every field named must be one the route answers), the API's error body, or `null`.
 */
export type ContractBody<P extends ApiPath<M>, M extends ApiMethod> =
  | DeepPartial<ApiData<P, M>>
  | components['schemas']['Error']
  | null;

type Resolver<P extends ApiPath<M>, M extends ApiMethod> = HttpResponseResolver<
  PathParams,
  DefaultBodyType,
  ContractBody<P, M> & DefaultBodyType
>;

/** `/api/tasks/{id}` → `/api/tasks/:id`, msw's spelling of the same route. */
export function mswPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

function handler<M extends ApiMethod>(method: M) {
  return <P extends ApiPath<M>>(path: P, resolver: Resolver<P, M>, options?: RequestHandlerOptions) =>
    http[method](mswPath(path), resolver, options);
}

/** The typed counterparts of `http.get` etc. */
export const contract = {
  get: handler('get'),
  post: handler('post'),
  put: handler('put'),
  patch: handler('patch'),
  delete: handler('delete'),
};

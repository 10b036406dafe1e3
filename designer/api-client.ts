/**
 * The designer's only way to the server: a small typed fetch client over `/api` (docs/architecture.md "The HTTP contract").
 * Cookies carry the session (`credentials: 'include'`), bodies are JSON, failures are thrown as
 * `ApiError` with the server's `{ error: { code, message, details } }`.
 */

/** One field problem from a 422: `path` is dotted (`customer.mobile`) or a JSON pointer (`/discount`). */
export interface ApiErrorDetail {
  path: string;
  message: string;
  code?: string;
  state?: string;
}

/** A failed request: HTTP status plus the server's error code, message and field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

interface ClientState {
  locale: () => string;
  storeFilter: string | null;
  unauthorizedListeners: Set<(error: ApiError) => void>;
}

const state: ClientState = { locale: () => 'zh-CN', storeFilter: null, unauthorizedListeners: new Set() };

/** The language, store filter and 401 listeners, read by the typed client (api/client.ts) on every call. */
export const clientState: Readonly<ClientState> = state;

/** Where the client reads the UI language from (sent as `Accept-Language`). */
export function setLocaleSource(read: () => string): void {
  state.locale = read;
}

/** The group user's store filter, sent as `storeId` on every read; null for all stores. */
export function setStoreFilter(storeId: string | null): void {
  state.storeFilter = storeId;
}

/** Calls `listener` on every 401 except a failed login; returns the unsubscribe function. */
export function onUnauthorized(listener: (error: ApiError) => void): () => void {
  state.unauthorizedListeners.add(listener);
  return () => state.unauthorizedListeners.delete(listener);
}

/**
 * Builds a same-origin URL with the query (empty values dropped, arrays repeated).
 *
 * @example
 * apiUrl('/api/orders/export.xlsx', { status: 'paid', q: '' }); // '/api/orders/export.xlsx?status=paid'
 */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function toDetails(raw: unknown): ApiErrorDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message, code, state } = d as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    // Validation problems also carry a `code` (the designer words them in the UI language) and a `state`.
    const detail: ApiErrorDetail = { path: typeof path === 'string' ? path : '', message };
    if (typeof code === 'string') detail.code = code;
    if (typeof state === 'string') detail.state = state;
    return [detail];
  });
}

/** The `ApiError` a failed response carries (its body's `error`, else its status). */
export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    return new ApiError(
      response.status,
      typeof code === 'string' ? code : 'error',
      typeof message === 'string' ? message : response.statusText,
      toDetails(details),
    );
  }
  return new ApiError(response.status, 'error', response.statusText || `HTTP ${response.status}`);
}

/** Options of one request. */
export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A file's bytes sent as they are (an upload) instead of a JSON body, with their Content-Type. */
  file?: { bytes: ArrayBuffer; type: string };
  /** A multipart body (file uploads); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * Sends one request and parses the JSON answer.
 *
 * @example
 * const page = await request<Page<TaskView>>('GET', '/api/tasks', { query: { scope: 'mine' } });
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const query = { ...options.query };
  if (method === 'GET' && state.storeFilter && !path.startsWith('/api/auth')) {
    query.storeId ??= state.storeFilter;
  }
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.locale() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file) headers['Content-Type'] = options.file.type;
  // fetch needs an absolute URL outside a browser page (tests); in the browser this is same-origin.
  const url = new URL(apiUrl(path, query), globalThis.location?.origin ?? 'http://localhost').toString();
  const response = await fetch(url, {
    method,
    credentials: 'include',
    headers: { ...headers, ...options.headers },
    body:
      options.form ??
      options.file?.bytes ??
      (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  });
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && path !== '/api/auth/login') {
      for (const listener of state.unauthorizedListeners) listener(error);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Shorthands for the verbs the designer uses. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

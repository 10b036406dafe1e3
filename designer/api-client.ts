/**
 * What the typed client (api/client.ts; docs/architecture.md "The browser's typed client") shares
 * with the rest of the designer: the `ApiError` every failed call throws (the server's
 * `{ error: { code, message, details } }`), the UI language and store filter it sends, the 401
 * listeners, and same-origin URLs for plain links (exports, downloads).
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

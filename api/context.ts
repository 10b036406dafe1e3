/**
 * The Hono environment every API module shares: what middleware puts on the request context.
 * Route modules (including api/dealer/) type their apps with `AppEnv` to read the actor.
 */
import type { Logger } from 'pino';
import type { Actor } from '../engine/types.ts';

/** Variables set by the API's middleware chain. */
export interface AppVariables {
  /** Set by request-id middleware on every request. */
  requestId: string;
  /** A pino child logger bound to the request id. */
  logger: Logger;
  /** Set by the authenticate middleware when a valid token or cookie came with the request. */
  actor?: Actor;
  /** sha256 of the session token that authenticated the request (for logout). */
  sessionTokenHash?: string;
  /** The id of that session (the session list's `current`). */
  sessionId?: string;
  /** How the request authenticated: the Authorization header, or the browser's session cookie (Origin-checked on writes). */
  authVia?: 'bearer' | 'cookie';
  /** Set by a route that read the request body to its end before refusing it (uploads). */
  bodyDrained?: boolean;
}

/** The Hono `Env` of every API app. */
export interface AppEnv {
  Variables: AppVariables;
}

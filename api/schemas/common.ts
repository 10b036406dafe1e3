/**
 * Schemas shared by every route module: errors, ids, paging, users. The OpenAPI document is
 * generated from these, so they are the contract (docs/architecture.md "The HTTP contract").
 */
import { z } from '@hono/zod-openapi';
import type { JsonObject } from '../../engine/types.ts';
import { DEFINITION_KEY_PATTERN } from '../../forms/keys.ts';

/** One problem: a JSON-pointer field path (`/customer/mobile`, `''` for the whole request) and a message. */
export const ErrorDetailSchema = z
  .object({ path: z.string(), message: z.string() })
  .catchall(z.unknown())
  .openapi('ErrorDetail');

/** Every error body: `{ error: { code, message, details? } }`. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
    }),
  })
  .openapi('Error');

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error responses a route may answer, for the OpenAPI document. */
export const ERRORS = {
  400: errorContent('Malformed request'),
  401: errorContent('Not logged in'),
  403: errorContent('Not allowed'),
  404: errorContent('Unknown resource'),
  409: errorContent('Conflict (already done, stale version)'),
  413: errorContent('Body too large'),
  415: errorContent('Unsupported media type'),
  422: errorContent('Invalid data, with field paths'),
  429: errorContent('Too many requests (see Retry-After)'),
} as const;

/** What a route that acts on an existing record may answer besides success. */
export const ACTION_ERRORS = {
  401: ERRORS[401],
  403: ERRORS[403],
  404: ERRORS[404],
  409: ERRORS[409],
  422: ERRORS[422],
} as const;

/** Wraps a schema as a JSON response. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Wraps a schema as a required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** `:id` path parameter; anything but a UUID answers 404. */
export const IdParamSchema = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b5e3c6e-0000-4000-8000-000000000000' }),
});

/** `:key` of a workflow or form (forms/keys.ts): lower-case words joined by dashes. */
export const KeyParamSchema = z.object({
  key: z
    .string()
    .regex(DEFINITION_KEY_PATTERN)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'order-approval' }),
});

/** `:key` and `:version` (a positive integer) path parameters. */
export const KeyVersionParamSchema = KeyParamSchema.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

/** `page` from 1, `pageSize` 1..500 (default 20). */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(500).default(20).openapi({ example: 20 }),
});

/**
 * A JSON object whose shape the service checks (contexts, form data). It was parsed from a JSON
 * body, so every value is JSON by construction.
 */
export const JsonObjectSchema = z.record(z.string(), z.unknown()).transform((value) => value as JsonObject);

/**
 * An XState state value (a state name, or an object of parallel / nested states), any JSON. Unlike a
 * bare `z.unknown()` the property is required in the document, and so in the designer's contract.
 */
export const StateValueSchema = z
  // `any`, not `unknown`: Hono types an `unknown` response field as `null`.
  .any()
  .refine((value) => value !== undefined, 'required')
  .openapi({ description: 'The XState state value: a state name, or an object of parallel / nested states' });

/** A user as pickers and `/api/auth/me` show them (never secrets). */
export const UserSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    storeId: z.string().nullable(),
    team: z.string().nullable().optional(),
  })
  .openapi('User');

/** `{ ok: true }`. */
export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');

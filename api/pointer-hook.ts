/**
 * A validation hook like `validationHook` (errors.ts) whose 422 details carry JSON-pointer paths
 * (`/key`, `/machine/id`), for routes written after the project moved to pointers.
 */
import type { z } from '@hono/zod-openapi';
import { AppError } from '../engine/errors.ts';

const escapeSegment = (segment: PropertyKey) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** Throws 404 for a bad path parameter, 422 with JSON-pointer paths for anything else invalid. */
export function pointerValidationHook<T>(
  result: { target: string } & ({ success: true; data: T } | { success: false; error: z.ZodError }),
): undefined {
  if (result.success) return undefined;
  if (result.target === 'param') throw new AppError('not_found', 'Not found');
  throw new AppError(
    'invalid',
    'Invalid request',
    result.error.issues.map((issue) => ({
      path: issue.path.length === 0 ? '' : `/${issue.path.map(escapeSegment).join('/')}`,
      message: issue.message,
    })),
  );
}

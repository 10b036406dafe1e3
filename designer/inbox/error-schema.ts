/** Turning the server's 422 field details into rjsf's error schema so they show on the fields. */
import type { ErrorSchema } from '@rjsf/utils';
import { fromPointer } from '../../forms/schema-utils.ts';
import type { ApiErrorDetail } from '../api-client.ts';

type Node = { __errors?: string[]; [key: string]: unknown };

/**
 * Builds the rjsf `extraErrors` from 422 details (JSON-pointer paths); paths under `/data` (the request body's form data)
 * are taken as form fields, and a detail without a path goes to the root.
 *
 * @example
 * detailsToErrorSchema([{ path: '/discount', message: '超过上限' }]); // { discount: { __errors: ['超过上限'] } }
 */
export function detailsToErrorSchema(details: readonly ApiErrorDetail[]): ErrorSchema {
  const root: Node = {};
  for (const { path, message } of details) {
    let segments = fromPointer(path);
    if (segments[0] === 'data') segments = segments.slice(1);
    let node = root;
    for (const segment of segments) {
      const next = (node[segment] as Node | undefined) ?? {};
      node[segment] = next;
      node = next;
    }
    node.__errors = [...(node.__errors ?? []), message];
  }
  return root as ErrorSchema;
}

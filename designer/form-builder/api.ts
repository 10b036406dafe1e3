/**
 * The form builder's calls to `/api/forms` (docs/architecture.md "The HTTP contract"), typed, over the shared api-client.
 */
import type { FormDefinition, FormVersion } from '../../forms/types.ts';
import { api } from '../api/client.ts';

/** `GET /api/forms/:key`. */
export interface FormView {
  key: string;
  title: string;
  latestVersion: number | null;
  hasDraft: boolean;
  draft: FormDefinition | null;
  published: FormVersion | null;
}

export interface FormVersionView extends FormVersion {
  publishedAt?: string;
  publishedBy?: string | null;
  /** The publisher's display name (servers from issue 9 on). */
  publishedByName?: string | null;
}

export const formApi = {
  get: (key: string) => api.get('/api/forms/{key}', { params: { path: { key: key } } }),
  saveDraft: (form: FormDefinition) =>
    api.put('/api/forms/{key}/draft', { params: { path: { key: form.key } }, body: form }),
  publish: (key: string) => api.post('/api/forms/{key}/publish', { params: { path: { key: key } } }),
  versions: (key: string) => api.get('/api/forms/{key}/versions', { params: { path: { key: key } } }),
};

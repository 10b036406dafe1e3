/**
 * The form builder's calls to `/api/forms` (docs/architecture.md "The HTTP contract"), typed, over the shared api-client.
 */
import type { FormDefinition, FormVersion } from '../../forms/types.ts';
import { api } from '../api-client.ts';

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

const enc = encodeURIComponent;

export const formApi = {
  get: (key: string) => api.get<FormView>(`/api/forms/${enc(key)}`),
  saveDraft: (form: FormDefinition) => api.put<FormView>(`/api/forms/${enc(form.key)}/draft`, form),
  publish: (key: string) => api.post<{ version: number }>(`/api/forms/${enc(key)}/publish`),
  versions: (key: string) =>
    api.get<{ items: FormVersionView[]; total: number }>(`/api/forms/${enc(key)}/versions`),
};

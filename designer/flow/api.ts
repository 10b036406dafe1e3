/**
 * The flow designer's calls to the server (docs/architecture.md "The HTTP contract"), typed, over the shared api-client.
 */
import type { Problem, WorkflowDefinition } from '../../engine/types.ts';
import { fromPointer } from '../../forms/schema-utils.ts';
import { api } from '../api/client.ts';
import { ApiError } from '../api-client.ts';

/** `GET /api/workflows/:key`. */
export interface DefinitionView {
  key: string;
  name: string;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
  draft: WorkflowDefinition | null;
  published: WorkflowDefinition | null;
  problems: Problem[];
}

export interface VersionView {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  /** The publisher's display name (servers from issue 9 on). */
  publishedByName?: string | null;
  definition: WorkflowDefinition;
}

export interface UserOption {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  storeId: string | null;
}

export interface RoleOption {
  code: string;
  labelZh: string;
  labelEn: string;
}

export interface FormSummary {
  key: string;
  title: string;
  latestVersion: number | null;
}

export interface EffectInfo {
  name: string;
  label?: string;
  description?: string;
  args?: Record<string, string>;
}

export const flowApi = {
  getDefinition: (key: string) => api.get('/api/workflows/{key}', { params: { path: { key: key } } }),
  saveDraft: (def: WorkflowDefinition) =>
    api.put('/api/workflows/{key}/draft', { params: { path: { key: def.key } }, body: def }),
  publish: (key: string) => api.post('/api/workflows/{key}/publish', { params: { path: { key: key } } }),
  versions: (key: string) => api.get('/api/workflows/{key}/versions', { params: { path: { key: key } } }),
  users: () => api.get('/api/users', { params: { query: { limit: 500 } } }),
  roles: () => api.get('/api/roles'),
  forms: () => api.get('/api/forms'),
  form: (key: string) => api.get('/api/forms/{key}', { params: { path: { key: key } } }),
  effects: () => api.get('/api/meta/effects'),
  /**
   * Validates a definition on the server; the problems found (empty when it is valid).
   *
   * @example
   * const problems = await flowApi.validate(def); // [{ path: '/machine/states/x/on/GO', message: '...' }]
   */
  validate: async (definition: WorkflowDefinition): Promise<Problem[]> => {
    try {
      await api.post('/api/workflows/validate', { body: { definition } });
      return [];
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) return err.details.map(toProblem);
      throw err;
    }
  },
};

/** The state a problem belongs to: its `state`, or read from a `/machine/states/a/states/b…` pointer. */
export function problemState(problem: Problem): string | undefined {
  if (problem.state) return problem.state;
  const segs = fromPointer(problem.path);
  if (segs[0] !== 'machine') return undefined;
  const names: string[] = [];
  for (let i = 1; i + 1 < segs.length && segs[i] === 'states'; i += 2) names.push(segs[i + 1] as string);
  return names.length ? names.join('.') : undefined;
}

function toProblem(detail: { path: string; message: string }): Problem {
  const p: Problem = { path: detail.path, message: detail.message };
  const extra = detail as { state?: unknown; code?: unknown };
  if (typeof extra.state === 'string') p.state = extra.state;
  if (typeof extra.code === 'string') p.code = extra.code;
  return p;
}

/**
 * Publishing the application's shipped flows and forms (those never published yet) at start-up.
 */
import type { Actor, WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition } from '../../forms/types.ts';
import type { ApiService } from '../service-port.ts';

/** The flows and forms that ship (workflows/). */
export interface ShippedFlows {
  workflows: WorkflowDefinition[];
  forms: FormDefinition[];
}

/** Who publishes shipped flows: the system, with admin rights. */
export const SEED_ACTOR: Actor = { id: 'system', username: 'system', roles: ['admin'], storeId: null };

type Publisher = Pick<
  ApiService,
  | 'listDefinitions'
  | 'saveDraft'
  | 'publish'
  | 'listForms'
  | 'saveFormDraft'
  | 'publishForm'
  | 'getVersion'
  | 'listFormVersions'
>;

/** JSON with object keys sorted, so documents compare equal whatever order storage gave their keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Whether the shipped flow should be published again: its latest version is an earlier shipped one
 * (published by the system, not since edited by an admin: no draft) that differs from the file — so a
 * release's new rules (who may start it, which events it takes) reach databases seeded before.
 */
async function isOutdatedShipped(
  service: Publisher,
  definition: WorkflowDefinition,
  row: { latestVersion: number | null; hasDraft: boolean },
): Promise<boolean> {
  if (row.latestVersion === null || row.hasDraft) return false;
  const latest = await service.getVersion(definition.key, row.latestVersion);
  return latest.publishedBy === SEED_ACTOR.id && canonical(latest.definition) !== canonical(definition);
}

/**
 * The same for a shipped form: its latest version was published by the system, not edited since, and
 * differs from the file (new labels, its translations), so databases seeded before get the new words.
 */
async function isOutdatedShippedForm(
  service: Publisher,
  form: FormDefinition,
  row: { latestVersion: number | null; hasDraft: boolean },
): Promise<boolean> {
  if (row.latestVersion === null || row.hasDraft) return false;
  const latest = (await service.listFormVersions(form.key)).find((v) => v.version === row.latestVersion);
  if (!latest || latest.publishedBy !== SEED_ACTOR.id) return false;
  const { version: _version, publishedBy: _by, publishedByName: _name, ...published } = latest;
  return canonical(published) !== canonical({ ...form, uiSchema: form.uiSchema ?? {} });
}

/** What `publishShipped` did: keys published (`form:x`, `workflow:y`) and those that failed, with why. */
export interface PublishReport {
  published: string[];
  failed: { key: string; error: string }[];
}

async function attempt(report: PublishReport, key: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    report.published.push(key);
  } catch (error) {
    // One broken shipped document must not keep the server from starting; the log says which.
    const details = (error as { details?: unknown }).details;
    const message = error instanceof Error ? error.message : String(error);
    report.failed.push({ key, error: details ? `${message} ${JSON.stringify(details)}` : message });
  }
}

/**
 * Publishes the shipped forms, then the shipped workflows, that have no published version yet, and
 * shipped workflows whose latest version is an earlier, unedited shipped one (`isOutdatedShipped`).
 * Forms go first because workflows are validated against them.
 *
 * @example
 * const { published, failed } = await publishShipped(service, { workflows: WORKFLOWS, forms: FORMS });
 */
export async function publishShipped(service: Publisher, shipped: ShippedFlows): Promise<PublishReport> {
  const report: PublishReport = { published: [], failed: [] };
  const forms = new Map((await service.listForms()).map((f) => [f.key, f]));
  for (const form of shipped.forms) {
    const row = forms.get(form.key);
    if (row?.latestVersion != null && !(await isOutdatedShippedForm(service, form, row))) continue;
    await attempt(report, `form:${form.key}`, async () => {
      await service.saveFormDraft(form, SEED_ACTOR);
      await service.publishForm(form.key, SEED_ACTOR);
    });
  }
  const workflows = new Map((await service.listDefinitions()).map((d) => [d.key, d]));
  for (const definition of shipped.workflows) {
    const row = workflows.get(definition.key);
    if (row?.latestVersion != null && !(await isOutdatedShipped(service, definition, row))) continue;
    await attempt(report, `workflow:${definition.key}`, async () => {
      await service.saveDraft(definition, SEED_ACTOR);
      await service.publish(definition.key, SEED_ACTOR);
    });
  }
  return report;
}

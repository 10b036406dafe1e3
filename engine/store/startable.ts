/**
 * `GET /api/workflows?startable=me`: the published, non-archived flows a person may start by hand (the
 * 发起申请 page), each with its start form's published version — the same rule `startInstanceByHand`
 * enforces (starters.ts).
 */
import type { JSONSchema, UISchema } from '../../forms/types.ts';
import { mayStart } from '../starters.ts';
import type { Actor } from '../types.ts';
import { publishedActiveFlows } from './catalogue.ts';
import { isAdmin, type StoreContext } from './context.ts';
import { loadVersion } from './engine-runner.ts';
import { latestFormVersions } from './forms-repo.ts';

/** A flow on the 发起申请 page. */
export interface StartableWorkflow {
  key: string;
  name: string;
  description?: string;
  category?: string;
  icon?: string;
  version: number;
  /** The start form's latest published version; null when the flow has none (or it is unpublished). */
  startForm: { key: string; version: number; title: string; schema: JSONSchema; uiSchema: UISchema } | null;
}

/** The flows `actor` may start by hand, by key. */
export async function startableWorkflows(ctx: StoreContext, actor: Actor): Promise<StartableWorkflow[]> {
  const db = ctx.database.db;
  const flows = await publishedActiveFlows(db);
  const definitions = await Promise.all(
    flows.map(async (f) => ({ ...f, definition: await loadVersion(ctx, db, f.key, f.version) })),
  );
  const allowed = definitions.filter((d) => mayStart(d.definition, actor, { privileged: isAdmin(actor) }));
  const forms = await latestFormVersions(
    db,
    allowed.flatMap((d) => (d.definition.startForm ? [d.definition.startForm] : [])),
  );
  return allowed.map(({ key, version, definition: def }) => {
    const form = def.startForm ? forms.get(def.startForm) : undefined;
    return {
      key,
      name: def.name,
      ...(def.description ? { description: def.description } : {}),
      ...(def.category ? { category: def.category } : {}),
      ...(def.icon ? { icon: def.icon } : {}),
      version,
      startForm: form
        ? {
            key: form.key,
            version: form.version,
            title: form.title,
            schema: form.schema,
            uiSchema: form.uiSchema ?? {},
          }
        : null,
    };
  });
}

/**
 * What people do to instances over the generic HTTP routes, as opposed to the application's own paths
 * (domain endpoints, effects, chained starts, timers), which call `startInstance` / `sendEvent` directly:
 * a start by hand honours the flow's `starters`, its archive and its `startForm`; an event from outside
 * must be declared in the flow's `events`, come from someone it names and fit its schema.
 */
import { eq } from 'drizzle-orm';
import type { FormVersion, Locale } from '../../forms/types.ts';
import { validateSubmission } from '../../forms/validate.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { checkExternalEvent, mayStart } from '../starters.ts';
import type { Actor, EngineInput, JsonObject } from '../types.ts';
import { isAdmin, type StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { loadVersion } from './engine-runner.ts';
import { fastStartByHand } from './fast-step.ts';
import { latestFormVersion } from './forms-repo.ts';
import { lockInstance, startInstance, stepLockedInstance } from './instances.ts';
import { checkReferences } from './references.ts';
import { workflowDefinitions } from './schema.ts';
import { transact } from './transactions.ts';
import type { InstanceView, StartInput } from './types.ts';
import { viewAfterWrite } from './views.ts';

/**
 * Starts an instance for a person: 404 unknown or never published, 409 archived, 403 when the flow's
 * starters do not admit them (application-only flows admit nobody, admins included), 422 with
 * JSON-pointer paths (inside `input`) when the input does not fit the start form's published version.
 * With a start form, only the form's fields are taken from `input`.
 */
export async function startInstanceByHand(
  ctx: StoreContext,
  input: StartInput,
  actor: Actor,
  locale: Locale = 'zh-CN',
): Promise<InstanceView> {
  // One statement when the start allows (fast-step.ts); else the transaction below.
  const sql = ctx.database.sql;
  if (sql) {
    const view = await fastStartByHand(ctx, sql, input, actor, {
      mayStart: (definition, who) => mayStart(definition, who, { privileged: isAdmin(who) }),
    });
    if (view) return view;
  }
  return transact(ctx, async (tx) => {
    const [row] = await tx
      .select({ latest: workflowDefinitions.latestVersion, archivedAt: workflowDefinitions.archivedAt })
      .from(workflowDefinitions)
      .where(eq(workflowDefinitions.key, input.workflowKey));
    if (!row || row.latest === null) throw notFound('Published workflow', input.workflowKey);
    if (row.archivedAt !== null) throw conflict(`Workflow ${input.workflowKey} is archived: no new starts`);
    const definition = await loadVersion(ctx, tx, input.workflowKey, row.latest);
    if (!mayStart(definition, actor, { privileged: isAdmin(actor) })) {
      throw forbidden(`${actor.username} may not start ${input.workflowKey}`);
    }
    const start = definition.startForm
      ? await startFormData(tx, definition.startForm, input.input ?? {}, locale)
      : undefined;
    const view = await startInstance(ctx, { ...input, input: start?.data ?? input.input ?? {} }, actor, tx);
    if (start) {
      // Like task data: the customers, vehicles, people and files it names must exist and be usable
      // (422 rolls the start back), and its files become readable to whoever may see the instance.
      await checkReferences(
        ctx.references,
        { tx, actor, instance: { id: view.id, storeId: view.storeId } },
        { form: start.form, data: start.data, fields: {}, taskId: null, locale },
        ctx.ports.files,
      );
    }
    return view;
  });
}

async function startFormData(
  tx: Tx,
  formKey: string,
  data: JsonObject,
  locale: Locale,
): Promise<{ form: FormVersion; data: JsonObject }> {
  const form = await latestFormVersion(tx, formKey);
  if (!form) throw conflict(`The start form ${formKey} is not published`);
  const result = validateSubmission(form, data, {}, {}, locale);
  if (!result.ok) {
    throw invalid(
      'The input does not fit the start form',
      result.errors.map((e) => ({ path: e.path, message: e.message })),
    );
  }
  return { form, data: result.data as JsonObject };
}

/**
 * Sends an event from outside (`POST /api/instances/:id/events`): 403 for an event the flow does not
 * declare, one only the application sends, or a sender the rule does not name; 422 (paths inside
 * `data`) when the data does not fit the declared schema; 409 when the current state does not take it.
 */
export function sendEventByHand(
  ctx: StoreContext,
  instanceId: string,
  event: { type: string; data?: JsonObject },
  actor: Actor,
): Promise<InstanceView> {
  return transact(ctx, async (tx) => {
    const row = await lockInstance(tx, instanceId);
    const definition = await loadVersion(ctx, tx, row.workflowKey, row.workflowVersion);
    const refusal = checkExternalEvent(definition, event, actor, row.startedBy);
    if (refusal?.code === 'forbidden') throw forbidden(refusal.message);
    if (refusal)
      throw invalid(
        refusal.message,
        refusal.details.map((d) => ({ ...d })),
      );
    const input: EngineInput = { kind: 'event', type: event.type, data: event.data ?? {} };
    const stepped = await stepLockedInstance(ctx, tx, row, input, actor);
    return viewAfterWrite(tx, stepped.row, stepped.result.effects.length > 0);
  });
}

/**
 * The effects every server has: `notify` and `webhook` leave the process through the outbox (a worker
 * delivers them with retries), `workflow.start` starts a child instance in the same transaction.
 * A `notify` with topic `workflow.cc` (a CC node) also writes its CC rows (cc.ts, through the API's CC
 * port) in the transaction.
 */
import { invalid } from '../errors.ts';
import type { Actor, Json, JsonObject } from '../types.ts';
import { ccFromEffect } from './cc.ts';
import { type EffectContext, type EffectRegistry, type StoreLogger, SYSTEM_ACTOR } from './context.ts';
import type { CcPort } from './ports.ts';
import { outbox } from './schema.ts';
import type { InstanceView, RecordLink, StartInput } from './types.ts';

/** What `workflow.start` needs of the service (avoids importing the class here). */
interface Starter {
  startInstance(input: StartInput, actor: Actor, tx?: EffectContext['tx']): Promise<InstanceView>;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toOutbox(topic: string, clock: () => Date) {
  return async (args: JsonObject, ctx: EffectContext) => {
    const now = clock().toISOString();
    const { id, workflowKey, businessKey } = ctx.instance;
    await ctx.tx.insert(outbox).values({
      instanceId: id,
      topic,
      payload: { ...args, instanceId: id, instance: { id, workflowKey, businessKey } },
      createdAt: now,
      availableAt: now,
    });
  };
}

/** `args.record` of `workflow.start` when it names a record (`{ type, id }`). */
function recordArg(value: Json | undefined): RecordLink | undefined {
  if (!isObject(value) || typeof value.type !== 'string' || typeof value.id !== 'string') return undefined;
  return { type: value.type, id: value.id };
}

async function startChild(args: JsonObject, ctx: EffectContext): Promise<void> {
  if (typeof args.workflowKey !== 'string') {
    throw invalid('workflow.start needs a workflowKey', [{ path: '/args/workflowKey', message: 'required' }]);
  }
  const input: StartInput = {
    workflowKey: args.workflowKey,
    input: isObject(args.input) ? args.input : {},
    businessKey: typeof args.businessKey === 'string' ? args.businessKey : ctx.instance.businessKey,
    record: recordArg(args.record) ?? ctx.instance.record,
    storeId: ctx.instance.storeId,
  };
  // Chained starts act as the system (engine/types.ts), so the child's starter roles do not apply.
  await (ctx.service as Starter).startInstance(input, SYSTEM_ACTOR, ctx.tx);
}

/** The built-in effect handlers, timestamping outbox rows with `clock`; CC nodes write through `cc`. */
export function builtinEffects(clock: () => Date, logger: StoreLogger, cc: CcPort): EffectRegistry {
  const outboxNotify = toOutbox('notify', clock);
  return {
    notify: async (args, ctx) => {
      await ccFromEffect(args, ctx, clock, logger, cc);
      await outboxNotify(args, ctx);
    },
    webhook: toOutbox('webhook', clock),
    'workflow.start': startChild,
  };
}

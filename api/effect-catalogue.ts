/**
 * What each effect the server knows does, for the flow designer's action picker
 * (`GET /api/meta/effects`). Names come from the service's registry; the platform documents its
 * built-in effects here and the application its own (`createApp({ effectDocs })`, e.g.
 * api/dealer/effect-docs.ts); effects without an entry are listed by name only.
 */
import type { EffectInfo } from './routes/meta.ts';

/** What is known about one effect: its label, description and arguments. */
export type EffectDoc = Omit<EffectInfo, 'name'>;

/** The built-in effects' labels, descriptions and arguments (workflows/README.md is the contract). */
export const EFFECT_DOCS: Record<string, EffectDoc> = {
  notify: {
    label: '通知',
    description: 'Message people (in-app, SMS, WeCom) through the outbox.',
    args: { topic: 'message topic', payload: 'message data' },
  },
  webhook: {
    label: 'Webhook',
    description: 'POST a JSON payload to another system through the outbox, with retries.',
    args: { topic: 'event name', payload: 'data sent' },
  },
  'workflow.start': {
    label: '启动流程',
    description: 'Start another workflow in the same transaction, acting as the system.',
    args: {
      workflowKey: 'the flow to start',
      input: 'its starting context',
      businessKey: 'default: this one',
    },
  },
};

/** Effect names with what is known about them (the application's docs over the built-ins'), sorted by name. */
export function describeEffects(
  names: readonly string[],
  applicationDocs: Readonly<Record<string, EffectDoc>> = {},
): EffectInfo[] {
  const docs = { ...EFFECT_DOCS, ...applicationDocs };
  return [...names].sort().map((name) => ({ name, ...docs[name] }));
}

/**
 * The outbox channels a server process delivers through, by topic, built from its settings:
 * `notify` (message centre, forwarded to the group robots when some are configured), `webhook`
 * (signed), `sms.customer` and `email.customer` (the dealership's customer messages), `robot`.
 */

import type { OutboxChannel } from '../../engine/store/outbox-worker.ts';
import type { Logger } from '../logger.ts';
import { type NotificationForward, notifyChannel } from '../store/notifications.ts';
import { emailChannel, type SmtpSettings } from './email.ts';
import {
  dingtalkRobot,
  loggingSmsProvider,
  type RobotProvider,
  robotChannel,
  type SmsProvider,
  smsChannel,
  wecomRobot,
} from './providers.ts';
import { type WebhookSettings, webhookChannel } from './webhook.ts';

/** Everything the channels need to know (api/env.ts reads it from the environment). */
export interface OutboxSettings {
  webhook: WebhookSettings;
  smtp: SmtpSettings;
  /** Group robots' webhook URLs; none configured: no robot posts. */
  robots: {
    wecomUrl?: string | undefined;
    dingtalkUrl?: string | undefined;
    dingtalkSecret?: string | undefined;
  };
  /** Notification kinds forwarded to the group robots (e.g. `deadline.escalated`); empty: none. */
  robotKinds: string[];
}

/** Providers a caller (a test, a real deployment) puts in place of the shipped ones. */
export interface ChannelOverrides {
  sms?: SmsProvider;
  robots?: RobotProvider[];
}

/** The configured group robots. */
export function robotsOf(settings: OutboxSettings['robots']): RobotProvider[] {
  return [
    ...(settings.wecomUrl ? [wecomRobot(settings.wecomUrl)] : []),
    ...(settings.dingtalkUrl ? [dingtalkRobot(settings.dingtalkUrl, settings.dingtalkSecret)] : []),
  ];
}

/**
 * The channels by topic.
 *
 * @example
 * const worker = new OutboxWorker({ database, channels: createOutboxChannels(settings, logger) });
 */
export function createOutboxChannels(
  settings: OutboxSettings,
  logger: Logger,
  overrides: ChannelOverrides = {},
): Record<string, OutboxChannel> {
  const robots = overrides.robots ?? robotsOf(settings.robots);
  const forward: NotificationForward | undefined =
    robots.length > 0 && settings.robotKinds.length > 0
      ? async (draft) => {
          if (!settings.robotKinds.includes(draft.kind)) return;
          const text = draft.body ? `${draft.title}\n${draft.body}` : draft.title;
          await Promise.all(robots.map((r) => r.post(text)));
        }
      : undefined;
  return {
    notify: notifyChannel(forward),
    webhook: webhookChannel(settings.webhook),
    'sms.customer': smsChannel(overrides.sms ?? loggingSmsProvider(logger)),
    'email.customer': emailChannel(settings.smtp, logger),
    ...(robots.length > 0 ? { robot: robotChannel(robots) } : {}),
  };
}

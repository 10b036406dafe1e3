/**
 * Providers behind the SMS and group-robot channels. A provider is a small interface; the shipped
 * ones log (SMS) or post to the robots' documented webhook APIs (WeCom / DingTalk group robots). A
 * real SMS gateway (Aliyun, Tencent Cloud, ...) is another `SmsProvider` chosen by configuration.
 */
import { createHmac } from 'node:crypto';
import type { OutboxChannel } from '../../engine/store/outbox-worker.ts';
import { PermanentDeliveryError } from '../../engine/store/outbox-worker.ts';
import type { Logger } from '../logger.ts';

/** Sends one text message to a mobile number. */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<void>;
}

/** Posts one text to a chat group. */
export interface RobotProvider {
  readonly name: string;
  post(text: string): Promise<void>;
}

/** An SMS provider that only logs (development, demo, and until a gateway is configured). */
export function loggingSmsProvider(logger: Pick<Logger, 'info'>): SmsProvider {
  return {
    name: 'log',
    async send(to, text) {
      logger.info({ to, text }, 'sms (logging provider)');
    },
  };
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = (await response.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
  if (!response.ok) throw new Error(`Robot answered ${response.status}`);
  // Both robots answer 200 with `errcode` ≠ 0 when they refuse (bad key, rate limit).
  if (answer.errcode) throw new Error(`Robot refused: ${answer.errcode} ${answer.errmsg ?? ''}`.trim());
}

/** A WeCom (企业微信) group robot: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...`. */
export function wecomRobot(url: string, timeoutMs = 10_000): RobotProvider {
  return {
    name: 'wecom',
    post: (text) => postJson(url, { msgtype: 'text', text: { content: text } }, timeoutMs),
  };
}

/**
 * A DingTalk (钉钉) group robot: `https://oapi.dingtalk.com/robot/send?access_token=...`, signed
 * (`timestamp` and `sign` = base64 HMAC-SHA256 of `timestamp + "\n" + secret`) when a secret is set.
 */
export function dingtalkRobot(
  url: string,
  secret?: string,
  clock = () => new Date(),
  timeoutMs = 10_000,
): RobotProvider {
  return {
    name: 'dingtalk',
    post(text) {
      let target = url;
      if (secret) {
        const timestamp = clock().getTime();
        const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
        target += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
      }
      return postJson(target, { msgtype: 'text', text: { content: text } }, timeoutMs);
    },
  };
}

/** The outbox channel of `sms.customer`: payload `{ to, message }`. */
export function smsChannel(provider: SmsProvider): OutboxChannel {
  return {
    async deliver({ payload }) {
      const { to, message } = payload;
      if (typeof to !== 'string' || !to || typeof message !== 'string') {
        throw new PermanentDeliveryError('SMS needs `to` and `message`');
      }
      await provider.send(to, message);
    },
  };
}

/** The outbox channel of `robot`: payload `{ text }` goes to every configured group robot. */
export function robotChannel(robots: RobotProvider[]): OutboxChannel {
  return {
    async deliver({ payload }) {
      if (typeof payload.text !== 'string') throw new PermanentDeliveryError('Robot message needs `text`');
      const text = payload.text;
      await Promise.all(robots.map((r) => r.post(text)));
    },
  };
}

/**
 * Process settings. The only module that reads `process.env`; parsed once with zod at start-up.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { OutboxSettings } from './outbox/channels.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings in the environment mean "not set". */
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const flag = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
    .transform((v) => ['1', 'true', 'on', 'yes'].includes(v))
    .optional(),
);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: optionalString.pipe(z.string().startsWith('postgres').optional()),
  DATA_DIR: optionalString.transform((v) => v ?? './data'),
  DEMO: flag,
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Server processes sharing the port (node:cluster); more than 1 needs DATABASE_URL. */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** PostgreSQL connections per server process (with DATABASE_URL); default defaultDatabasePool(). */
  DATABASE_POOL: z.coerce.number().int().min(1).max(200).optional(),
  /** Memory for instances recently written by this process, whose next completion skips a read; 0: off. */
  INSTANCE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /** Request body limit in bytes. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Largest uploaded file (`POST /api/files`), in MiB. */
  FILE_LIMIT_MB: z.coerce.number().positive().max(1024).default(20),
  /** Largest upload request (all its files), in MiB. */
  UPLOAD_REQUEST_LIMIT_MB: z.coerce.number().positive().max(4096).default(50),
  /** Bytes one user may upload per minute, in MiB (past it: 429 with Retry-After). */
  UPLOAD_RATE_MB_PER_MIN: z.coerce.number().positive().default(200),
  /** How often the timer loop looks for due timers, in ms. */
  TIMER_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  /** How often the outbox worker looks for due messages, in ms; 0 turns the worker off. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** Deliveries of a message before it is dead-lettered. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** The key webhooks are signed with (HMAC-SHA256); unset: webhooks are dead-lettered. */
  WEBHOOK_SECRET: optionalString,
  /** Where `webhook` effects without their own `url` go. */
  WEBHOOK_URL: optionalString.pipe(z.string().url().optional()),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** SMTP server for e-mail; unset: e-mails are logged, not sent. */
  SMTP_HOST: optionalString,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: flag,
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  SMTP_FROM: optionalString.transform((v) => v ?? 'Dealerflow <noreply@dealerflow.local>'),
  /** Group robots' webhook URLs (企业微信 / 钉钉) and the DingTalk signing secret. */
  ROBOT_WECOM_URL: optionalString.pipe(z.string().url().optional()),
  ROBOT_DINGTALK_URL: optionalString.pipe(z.string().url().optional()),
  ROBOT_DINGTALK_SECRET: optionalString,
  /** Comma-separated notification kinds also posted to the group robots, e.g. `deadline.escalated`. */
  ROBOT_KINDS: optionalString,
});

/** Parsed, typed process settings. */
export interface ServerEnv {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Seed demo users and data: on by default with the embedded database only. */
  demo: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Server processes sharing the port; 1 = this process serves. */
  workers: number;
  /** PostgreSQL connections of this process (DATABASE_POOL, else defaultDatabasePool()). */
  databasePool: number;
  /** MiB for instances this process wrote recently (engine/store/recent-instances.ts); 0: off. */
  instanceCacheMb: number;
  bodyLimit: number;
  sessionTtlHours: number;
  /** Largest uploaded file, in bytes. */
  fileLimit: number;
  /** Largest upload request, in bytes. */
  uploadRequestLimit: number;
  /** Bytes one user may upload per minute. */
  uploadRatePerMinute: number;
  /** Milliseconds between the timer loop's looks for due timers. */
  timerIntervalMs: number;
  /** Milliseconds between the outbox worker's looks for due messages; 0: no worker in this process. */
  outboxIntervalMs: number;
  outboxMaxAttempts: number;
  /** The outbox channels' settings. */
  outbox: OutboxSettings;
}

/**
 * Connections per server process when DATABASE_POOL is not set: twice the cores, 4 to 10 — PostgreSQL's
 * own rule of thumb for active connections (2 × cores + disks) with the server beside it, as Dealerflow
 * is usually installed. More requests in flight than connections pipeline their statements; on two cores
 * 4 connections instead of 10 cut PostgreSQL's CPU per task completion by about 40 % (test/bench/RESULTS.md).
 */
export function defaultDatabasePool(cores = availableParallelism()): number {
  return Math.min(10, Math.max(4, 2 * cores));
}

/**
 * Parses an environment-like record; throws a readable error when a setting is malformed.
 *
 * @example
 * parseEnv({ PORT: '8080' }).port; // 8080
 */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = result.data;
  if (e.WORKERS > 1 && e.DATABASE_URL === undefined) {
    throw new Error(
      'Invalid environment:\nWORKERS: more than 1 needs DATABASE_URL (the embedded database is single-process)',
    );
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    demo: e.DEMO ?? e.DATABASE_URL === undefined,
    logLevel: e.LOG_LEVEL,
    workers: e.WORKERS,
    databasePool: e.DATABASE_POOL ?? defaultDatabasePool(),
    instanceCacheMb: e.INSTANCE_CACHE_MB,
    bodyLimit: e.BODY_LIMIT,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    fileLimit: Math.floor(e.FILE_LIMIT_MB * 1024 * 1024),
    uploadRequestLimit: Math.floor(e.UPLOAD_REQUEST_LIMIT_MB * 1024 * 1024),
    uploadRatePerMinute: Math.floor(e.UPLOAD_RATE_MB_PER_MIN * 1024 * 1024),
    timerIntervalMs: e.TIMER_INTERVAL_MS,
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    outbox: {
      webhook: { secret: e.WEBHOOK_SECRET, defaultUrl: e.WEBHOOK_URL, timeoutMs: e.WEBHOOK_TIMEOUT_MS },
      smtp: {
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        secure: e.SMTP_SECURE ?? e.SMTP_PORT === 465,
        user: e.SMTP_USER,
        password: e.SMTP_PASSWORD,
        from: e.SMTP_FROM,
      },
      robots: {
        wecomUrl: e.ROBOT_WECOM_URL,
        dingtalkUrl: e.ROBOT_DINGTALK_URL,
        dingtalkSecret: e.ROBOT_DINGTALK_SECRET,
      },
      robotKinds: (e.ROBOT_KINDS ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    },
  };
}

let cached: ServerEnv | undefined;

/** The process's settings, read from `process.env` on first use. */
export function loadEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

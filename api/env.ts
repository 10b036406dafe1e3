/**
 * Process settings. The only module that reads `process.env`; parsed once with zod at start-up.
 */
import { z } from 'zod';

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
  /** Request body limit in bytes. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Largest uploaded file (`POST /api/files`), in MiB. */
  FILE_LIMIT_MB: z.coerce.number().positive().max(1024).default(20),
  /** How often the timer loop looks for due timers, in ms. */
  TIMER_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
});

/** Parsed, typed process settings. */
export interface ServerEnv {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Seed demo users and data: on by default with the embedded database only. */
  demo: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  bodyLimit: number;
  sessionTtlHours: number;
  /** Largest uploaded file, in bytes. */
  fileLimit: number;
  /** Milliseconds between the timer loop's looks for due timers. */
  timerIntervalMs: number;
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
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    demo: e.DEMO ?? e.DATABASE_URL === undefined,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    fileLimit: Math.floor(e.FILE_LIMIT_MB * 1024 * 1024),
    timerIntervalMs: e.TIMER_INTERVAL_MS,
  };
}

let cached: ServerEnv | undefined;

/** The process's settings, read from `process.env` on first use. */
export function loadEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

import { defaultDatabasePool, parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('defaults to port 3000, ./data, demo on with the embedded database', () => {
    expect(parseEnv({})).toEqual({
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      demo: true,
      logLevel: 'info',
      workers: 1,
      databasePool: defaultDatabasePool(),
      instanceCacheMb: 64,
      bodyLimit: 1024 * 1024,
      sessionTtlHours: 12,
      fileLimit: 20 * 1024 * 1024,
      uploadRequestLimit: 50 * 1024 * 1024,
      uploadRatePerMinute: 200 * 1024 * 1024,
      timerIntervalMs: 1000,
      outboxIntervalMs: 1000,
      outboxMaxAttempts: 8,
      outbox: {
        webhook: { secret: undefined, defaultUrl: undefined, timeoutMs: 10_000 },
        smtp: {
          host: undefined,
          port: 587,
          secure: false,
          user: undefined,
          password: undefined,
          from: 'Dealerflow <noreply@dealerflow.local>',
        },
        robots: { wecomUrl: undefined, dingtalkUrl: undefined, dingtalkSecret: undefined },
        robotKinds: [],
      },
    });
  });

  it('reads the outbox settings: interval, SMTP, webhook secret, robot kinds', () => {
    const env = parseEnv({
      OUTBOX_INTERVAL_MS: '0',
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      WEBHOOK_SECRET: 's3cret',
      ROBOT_KINDS: 'deadline.escalated, reminder',
    });
    expect(env.outboxIntervalMs).toBe(0);
    expect(env.outbox.smtp).toMatchObject({ host: 'smtp.example.com', port: 465, secure: true });
    expect(env.outbox.webhook.secret).toBe('s3cret');
    expect(env.outbox.robotKinds).toEqual(['deadline.escalated', 'reminder']);
  });

  it('turns demo off by default when DATABASE_URL is set', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(env.databaseUrl).toBe('postgres://u@h:5432/db');
    expect(env.demo).toBe(false);
  });

  it('turns demo on with PostgreSQL when DEMO=1', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db', DEMO: '1' }).demo).toBe(true);
  });

  it('turns demo off with the embedded database when DEMO=0', () => {
    expect(parseEnv({ DEMO: '0' }).demo).toBe(false);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', DATA_DIR: '', DEMO: '' })).toMatchObject({
      databaseUrl: undefined,
      dataDir: './data',
      demo: true,
    });
  });

  it('reads numbers', () => {
    expect(
      parseEnv({
        PORT: '8080',
        BODY_LIMIT: '2048',
        SESSION_TTL_HOURS: '1.5',
        TIMER_INTERVAL_MS: '250',
        FILE_LIMIT_MB: '0.5',
        UPLOAD_REQUEST_LIMIT_MB: '2',
        UPLOAD_RATE_MB_PER_MIN: '10',
        INSTANCE_CACHE_MB: '0',
        DATABASE_POOL: '4',
      }),
    ).toMatchObject({
      port: 8080,
      bodyLimit: 2048,
      fileLimit: 512 * 1024,
      uploadRequestLimit: 2 * 1024 * 1024,
      uploadRatePerMinute: 10 * 1024 * 1024,
      sessionTtlHours: 1.5,
      timerIntervalMs: 250,
      instanceCacheMb: 0,
      databasePool: 4,
    });
  });

  it('gives each process twice its cores in PostgreSQL connections, 4 to 10, unless DATABASE_POOL says', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultDatabasePool(cores))).toEqual([4, 4, 6, 8, 10, 10]);
    expect(parseEnv({ DATABASE_POOL: '20' }).databasePool).toBe(20);
  });

  it.each([
    ['a port that is not a number', { PORT: 'http' }],
    ['a database URL that is not PostgreSQL', { DATABASE_URL: 'mysql://x' }],
    ['an unknown log level', { LOG_LEVEL: 'loud' }],
    ['an unknown DEMO value', { DEMO: 'maybe' }],
    ['a timer interval that is not a whole number of ms', { TIMER_INTERVAL_MS: '0.5' }],
    ['several workers on the embedded database', { WORKERS: '2' }],
    ['no workers', { WORKERS: '0', DATABASE_URL: 'postgres://u@h/db' }],
    ['a negative instance cache', { INSTANCE_CACHE_MB: '-1' }],
    ['a pool without connections', { DATABASE_POOL: '0' }],
  ])('rejects %s with the setting named', (_what, source) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(Object.keys(source)[0]!));
  });
});

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../engine/errors.ts';
import type { AppEnv } from './context.ts';
import { handleError, issuesToDetails, STATUS_BY_CODE, toErrorResponse } from './errors.ts';
import { createSilentLogger } from './logger.ts';

describe('an AppError thrown in a route', () => {
  // Every code of the taxonomy (the keys of the map are checked against ErrorCode by the compiler).
  const codes = Object.keys(STATUS_BY_CODE) as ErrorCode[];

  it.each(codes)(
    'answers %s in the body with an error status that reads back as the same code',
    async (code) => {
      const app = new Hono<AppEnv>();
      app.onError(handleError);
      app.get('/fail', () => {
        throw new AppError(code, 'Refused', [{ path: '/x', message: 'why' }]);
      });
      const res = await app.request('/fail');
      expect(await res.json()).toEqual({
        error: { code, message: 'Refused', details: [{ path: '/x', message: 'why' }] },
      });
      // A transient outage is the server's (5xx, retry); everything else is the caller's (4xx).
      expect(res.status >= 500).toBe(code === 'unavailable');
      expect(res.status).toBeGreaterThanOrEqual(400);
      // A client (or a proxy's HTTPException) that only sees the status recovers the code.
      expect(toErrorResponse(new HTTPException(res.status as 400))?.body.error.code).toBe(code);
    },
  );

  it('answers invalid data with 422, the status every field-path error carries', async () => {
    expect(toErrorResponse(new AppError('invalid', 'Bad', [{ path: '/a', message: 'm' }]))?.status).toBe(422);
  });
});

describe('toErrorResponse', () => {
  it('keeps an AppError’s code, message and details', () => {
    const details = [{ path: '/outcome', message: 'unknown' }];
    expect(toErrorResponse(new AppError('invalid', 'Bad', details))).toEqual({
      status: 422,
      body: { error: { code: 'invalid', message: 'Bad', details } },
    });
  });

  it('maps a driver unique violation wrapped by drizzle to 409', () => {
    const driver = Object.assign(new Error('duplicate key'), { code: '23505' });
    const wrapped = new Error('Failed query', { cause: driver });
    expect(toErrorResponse(wrapped)?.status).toBe(409);
  });

  it('maps malformed input the database refused (22P02) to 422', () => {
    const driver = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    expect(toErrorResponse(new Error('Failed query', { cause: driver }))).toEqual({
      status: 422,
      body: { error: { code: 'invalid', message: 'Invalid data' } },
    });
  });

  it('maps a refused connection to 503', () => {
    expect(toErrorResponse(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))?.status).toBe(503);
  });

  it('keeps the status of an HTTPException', () => {
    expect(toErrorResponse(new HTTPException(415, { message: 'Unsupported Media Type' }))).toEqual({
      status: 415,
      body: { error: { code: 'unsupported_media_type', message: 'Unsupported Media Type' } },
    });
  });

  it('knows nothing of other errors', () => {
    expect(toErrorResponse(new TypeError('x is undefined'))).toBeUndefined();
  });
});

describe('issuesToDetails', () => {
  it('answers issue paths as JSON pointers, escaping ~ and /', () => {
    const schema = z.object({
      input: z.object({ customer: z.object({ mobile: z.string() }) }),
      items: z.array(z.number()),
      'a/b~c': z.string(),
    });
    const result = schema.safeParse({ input: { customer: { mobile: 1 } }, items: [1, 'x'], 'a/b~c': 0 });
    expect(result.success).toBe(false);
    const paths = issuesToDetails(result.error?.issues ?? []).map((d) => d.path);
    expect(paths).toEqual(['/input/customer/mobile', '/items/1', '/a~1b~0c']);
  });
});

describe('handleError', () => {
  const wrapped = (cause: Error) => new Error('Failed query', { cause });
  const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each([
    ['a refused connection', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['every address refused', new AggregateError([coded('connect', 'ECONNREFUSED')], 'connect')],
    ['an administrator’s shutdown (57P01)', wrapped(coded('terminating connection', '57P01'))],
    ['a server starting up (57P03)', wrapped(coded('the database system is starting up', '57P03'))],
    ['a connection closed mid-query', wrapped(coded('write CONNECTION_CLOSED', 'CONNECTION_CLOSED'))],
    ['a connection that timed out', coded('write CONNECT_TIMEOUT', 'CONNECT_TIMEOUT')],
  ])('answers %s with 503 and Retry-After', async (_what, error) => {
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.get('/down', () => {
      throw error;
    });
    const res = await app.request('/down');
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
  });

  it('answers unknown errors with a bare 500 and no internals', async () => {
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.use('*', async (c, next) => {
      c.set('logger', createSilentLogger());
      c.set('requestId', 'r1');
      await next();
    });
    app.get('/boom', () => {
      throw new Error('secret table name');
    });
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'Internal error' } });
  });
});

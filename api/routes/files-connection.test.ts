/**
 * Uploads refused on a real socket: a body refused before it was read closes the connection (kept
 * alive, the rest of that body would be read as the next request), and a body read to its end
 * leaves the connection usable for the requests after it. Also the per-user upload rate.
 */
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { responses } from '../../test/fixtures/raw-http.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

const FILE_LIMIT = 4096;
const PNG = '\x89PNG\r\n\x1a\n';

function multipart(token: string, content: string, declaredLength?: number): string {
  const body = `--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${content}\r\n--b--\r\n`;
  return (
    `POST /api/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: ${declaredLength ?? Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`
  );
}

const health = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

describe('uploads on a real connection', () => {
  const pglite = DATABASES[0]!;
  let db: TestDatabase;
  let t: TestApp;
  let server: ServerType;
  let port: number;

  beforeAll(async () => {
    db = await pglite.open();
    t = await createTestApp(db, { fileLimit: FILE_LIMIT, uploadRequestLimit: 64 * 1024 });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });

  async function open(): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  }

  it('answers 413 to a body declared over the request limit and closes the connection', async () => {
    const socket = await open();
    const read = responses(socket);
    socket.write(multipart(await t.token('consultant'), `${PNG}xxxx`, 10 * 1024 * 1024), 'latin1');
    const refused = await read.next();
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe('close');
    await read.closed;
    const again = await open();
    const next = responses(again);
    again.write(health);
    expect((await next.next()).status).toBe(200);
    again.destroy();
  });

  it('keeps the connection usable after refusing a file it read to the end', async () => {
    const socket = await open();
    const read = responses(socket);
    const token = await t.token('consultant');
    socket.write(multipart(token, `${PNG}${'x'.repeat(FILE_LIMIT * 2)}`) + health + health, 'latin1');
    expect((await read.next()).status).toBe(413);
    expect((await read.next()).status).toBe(200);
    expect((await read.next()).status).toBe(200);
    socket.destroy();
  });

  it('stores an upload after a refused one on the same connection', async () => {
    const socket = await open();
    const read = responses(socket);
    const token = await t.token('consultant');
    socket.write(multipart(token, '<svg/>') + multipart(token, `${PNG}ok`), 'latin1');
    expect((await read.next()).status).toBe(415);
    const stored = await read.next();
    expect(stored.status).toBe(201);
    expect(JSON.parse(stored.body)).toMatchObject({ items: [{ name: 'a.png', size: 10 }] });
    socket.destroy();
  });
});

describe('the upload rate', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await DATABASES[0]!.open();
    t = await createTestApp(db, { fileLimit: 64 * 1024, uploadRatePerMinute: 100 * 1024 });
  });
  afterAll(() => db.close());

  async function upload(as: string, bytes: number): Promise<Response> {
    const data = new Uint8Array(bytes);
    data.set([0x89, 0x50, 0x4e, 0x47]);
    const form = new FormData();
    form.append('file', new File([data], 'scan.png', { type: 'image/png' }));
    // As a browser sends it: with its Content-Length.
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const body = await encoded.arrayBuffer();
    return t.app.request('/api/files', {
      method: 'POST',
      body,
      headers: {
        authorization: `Bearer ${await t.token(as)}`,
        'content-type': encoded.headers.get('content-type') ?? '',
        'content-length': String(body.byteLength),
      },
    });
  }

  it('answers 429 with Retry-After once a user has used the minute’s allowance, and not to others', async () => {
    expect((await upload('consultant', 60 * 1024)).status).toBe(201);
    const refused = await upload('consultant', 60 * 1024);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
    expect((await upload('manager', 60 * 1024)).status).toBe(201);
  });
});

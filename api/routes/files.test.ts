import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 0, 255, 254]);
const PDF = new TextEncoder().encode('%PDF-1.4\n% test\n%%EOF\n');
const DOCX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]);
const FILE_LIMIT = 4096;

interface Meta {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storeId: string | null;
  url: string;
}

describe.each(DATABASES)('files on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db, { fileLimit: FILE_LIMIT });
  });
  afterAll(() => db.close());

  function form(...files: { bytes: Uint8Array; name: string; type?: string }[]): FormData {
    const data = new FormData();
    for (const f of files)
      data.append('file', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? '' }));
    return data;
  }

  async function upload(as: string | undefined, body: FormData, query = ''): Promise<Response> {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await t.token(as)}` } : {};
    return t.app.request(`/api/files${query}`, { method: 'POST', body, headers });
  }

  async function uploadOne(as: string, query = ''): Promise<Meta> {
    const res = await upload(as, form({ bytes: PNG, name: '行驶证.png', type: 'image/png' }), query);
    expect(res.status).toBe(201);
    const { items } = (await res.json()) as { items: Meta[] };
    return items[0]!;
  }

  it('stores an upload and gives back the same bytes with its type, inline', async () => {
    const meta = await uploadOne('consultant');
    expect(meta).toMatchObject({ name: '行驶证.png', mime: 'image/png', size: PNG.length, storeId: 'BJ01' });
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    const res = await t.call('GET', meta.url, { as: 'consultant' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="___.png"; filename*=UTF-8''${encodeURIComponent('行驶证.png')}`,
    );
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it('answers a file’s metadata', async () => {
    const meta = await uploadOne('consultant');
    const res = await t.call('GET', `/api/files/${meta.id}/meta`, { as: 'consultant' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(
      expect.objectContaining({ id: meta.id, size: PNG.length, sha256: meta.sha256 }),
    );
  });

  it('stores several files at once, typing them by extension when the browser sent no type', async () => {
    const res = await upload(
      'consultant',
      form(
        { bytes: PDF, name: 'quote.pdf' },
        { bytes: DOCX, name: '合同.docx', type: 'application/octet-stream' },
      ),
    );
    expect(res.status).toBe(201);
    const { items } = (await res.json()) as { items: Meta[] };
    expect(items.map((m) => m.mime)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    const doc = await t.call('GET', items[1]!.url, { as: 'consultant' });
    expect(doc.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await doc.arrayBuffer())).toEqual(DOCX);
  });

  it('refuses a file over the limit with 413 and the field path', async () => {
    const big = new Uint8Array(FILE_LIMIT + 1);
    big.set(PNG);
    const res = await upload(
      'consultant',
      form({ bytes: PNG, name: 'a.png' }, { bytes: big, name: 'b.png' }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'payload_too_large', details: [{ path: '/file/1' }] },
    });
  });

  it('refuses an upload body over the upload limit with 413 before reading it', async () => {
    const res = await t.app.request('/api/files', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await t.token('consultant')}`,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(FILE_LIMIT * 10 + 1024 * 1024 + 1),
      },
      body: 'x',
    });
    expect(res.status).toBe(413);
  });

  it.each([
    [
      'a type we do not take',
      { bytes: new TextEncoder().encode('<script>'), name: 'x.html', type: 'text/html' },
    ],
    [
      'content that is not what it claims',
      { bytes: new TextEncoder().encode('<svg/>'), name: 'x.png', type: 'image/png' },
    ],
    ['an unknown extension without a type', { bytes: PNG, name: 'x.exe' }],
  ])('refuses %s with 415', async (_what, file) => {
    const res = await upload('consultant', form(file));
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      error: { code: 'unsupported_media_type', details: [{ path: '/file' }] },
    });
  });

  it('refuses a body that is not multipart with 415', async () => {
    const res = await t.call('POST', '/api/files', { as: 'consultant', body: { file: 'x' } });
    expect(res.status).toBe(415);
  });

  it.each([
    ['no file part', { note: 'no file' }],
    ['a file part that is text', { file: 'not a file' }],
  ])('refuses an upload with %s with 422 on the field', async (_what, fields) => {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.append(key, value);
    const res = await upload('consultant', body);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { details: [{ path: '/file' }] } });
  });

  it('refuses malformed multipart with 400', async () => {
    const res = await t.app.request('/api/files', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await t.token('consultant')}`,
        'content-type': 'multipart/form-data; boundary=abc',
      },
      body: '--abc\r\nnot a part',
    });
    expect(res.status).toBe(400);
  });

  it('answers 401 to an upload or a download without a login', async () => {
    const meta = await uploadOne('consultant');
    expect((await upload(undefined, form({ bytes: PNG, name: 'a.png' }))).status).toBe(401);
    expect((await t.call('GET', meta.url)).status).toBe(401);
    expect((await t.call('GET', `/api/files/${meta.id}/meta`)).status).toBe(401);
  });

  it('lets the same store and group users read a file, and answers 403 to another store', async () => {
    const meta = await uploadOne('consultant');
    for (const user of ['manager', 'finance', 'gm', 'admin'])
      expect((await t.call('GET', meta.url, { as: user })).status, user).toBe(200);
    for (const path of [meta.url, `/api/files/${meta.id}/meta`])
      expect((await t.call('GET', path, { as: 'consultant_sh' })).status).toBe(403);
  });

  it('files a group user’s upload under the store named, or under none', async () => {
    const forStore = await uploadOne('admin', '?storeId=BJ01');
    expect(forStore.storeId).toBe('BJ01');
    expect((await t.call('GET', forStore.url, { as: 'consultant' })).status).toBe(200);
    const groupOnly = await uploadOne('admin');
    expect(groupOnly.storeId).toBeNull();
    expect((await t.call('GET', groupOnly.url, { as: 'consultant' })).status).toBe(403);
    expect((await t.call('GET', groupOnly.url, { as: 'gm' })).status).toBe(200);
  });

  it('forbids uploading for another store', async () => {
    const res = await upload('consultant', form({ bytes: PNG, name: 'a.png' }), '?storeId=SH01');
    expect(res.status).toBe(403);
  });

  it('stores an upload sent with an Idempotency-Key (uploads are not replayed)', async () => {
    const headers = { authorization: `Bearer ${await t.token('consultant')}`, 'idempotency-key': 'upload-1' };
    const res = await t.app.request('/api/files', {
      method: 'POST',
      body: form({ bytes: PNG, name: 'a.png' }),
      headers,
    });
    expect(res.status).toBe(201);
  });

  it('answers 404 for an unknown file', async () => {
    const res = await t.call('GET', '/api/files/0b5e3c6e-0000-4000-8000-000000000000', { as: 'admin' });
    expect(res.status).toBe(404);
  });
});

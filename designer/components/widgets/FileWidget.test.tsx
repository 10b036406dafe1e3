import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { contract } from '../../testing/contract-http.ts';
import { renderFormField } from '../../testing/render-form-field.tsx';
import { errorResponse, MANAGER, meHandler, server, startMockServer } from '../../testing/server.ts';
import type { FileMeta } from './file-upload.ts';

startMockServer();

function meta(n: number, name: string, mime = 'application/pdf'): FileMeta {
  return {
    id: `44444444-0000-4000-8000-00000000000${n}`,
    name,
    mime,
    size: 2048,
    sha256: 'a'.repeat(64),
    uploadedBy: MANAGER.id,
    storeId: 'BJ01',
    createdAt: '2026-11-23T08:00:00.000Z',
    url: `/api/files/44444444-0000-4000-8000-00000000000${n}`,
  };
}

/** `POST /api/files` storing each upload as the next of `answers`, recording the names sent. */
function uploadHandler(answers: FileMeta[], names: string[]) {
  return contract.post('/api/files', async ({ request }) => {
    const file = (await request.formData()).get('file');
    // The request's File comes from node's fetch, not jsdom: no instanceof.
    if (typeof file !== 'object' || file === null) return errorResponse(422, 'invalid', 'No file');
    names.push(file.name);
    return HttpResponse.json({ items: [answers[names.length - 1]!] }, { status: 201 });
  });
}

const pdf = (name: string) => new File(['%PDF-1.4'], name, { type: 'application/pdf' });

describe('file widget', () => {
  it('uploads a chosen file and stores its id, listing it with a link and its size', async () => {
    const names: string[] = [];
    const changes: unknown[] = [];
    const stored = meta(1, '报价单.pdf');
    server.use(meHandler(MANAGER), uploadHandler([stored], names));
    renderFormField('file', { onChange: (d) => changes.push(d) });
    await userEvent.setup().upload(await screen.findByLabelText('字段'), pdf('报价单.pdf'));
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: stored.id }));
    // jsdom's File loses its name on the way through node's fetch; the browser keeps it.
    expect(names).toHaveLength(1);
    expect(await screen.findByLabelText('查看 报价单.pdf')).toHaveAttribute('href', stored.url);
    expect(screen.getByText('2.0 KB')).toBeInTheDocument();
  });

  it('keeps every id of an array field, and removes one', async () => {
    const names: string[] = [];
    const changes: unknown[] = [];
    const [a, b] = [meta(1, 'a.pdf'), meta(2, 'b.pdf')];
    server.use(meHandler(MANAGER), uploadHandler([a, b], names));
    renderFormField('file', {
      schema: { type: 'array', items: { type: 'string' } },
      onChange: (d) => changes.push(d),
    });
    const user = userEvent.setup();
    const input = await screen.findByLabelText('字段');
    await user.upload(input, [pdf('a.pdf'), pdf('b.pdf')]);
    await waitFor(() =>
      expect((changes.at(-1) as { f?: string[] } | undefined)?.f?.sort()).toEqual([a.id, b.id]),
    );
    // By label, not role: role queries compute styles of every antd node and take seconds in jsdom.
    fireEvent.click(await screen.findByLabelText('移除 a.pdf'));
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: [b.id] }));
  });

  it.each([
    [
      'files a group user’s upload under the task’s store',
      { roles: ['general_manager'], storeId: null },
      'BJ01',
    ],
    [
      'leaves a store user’s upload to the server’s rule',
      { roles: ['sales_manager'], storeId: 'BJ01' },
      null,
    ],
  ])('%s', async (_what, who, expected) => {
    const stores: (string | null)[] = [];
    const changes: unknown[] = [];
    const stored = meta(1, 'a.pdf');
    server.use(
      meHandler({ ...MANAGER, ...who }),
      contract.post('/api/files', ({ request }) => {
        stores.push(new URL(request.url).searchParams.get('storeId'));
        return HttpResponse.json({ items: [stored] }, { status: 201 });
      }),
    );
    renderFormField('file', { formContext: { storeId: 'BJ01' }, onChange: (d) => changes.push(d) });
    // The session is known before the upload, as it is on the task page.
    await waitFor(() => expect(screen.getByTestId('session-user')).toHaveTextContent(MANAGER.username));
    await userEvent.setup().upload(await screen.findByLabelText('字段'), pdf('a.pdf'));
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: stored.id }));
    expect(stores).toEqual([expected]);
  });

  it('shows the server’s reason when an upload is refused', async () => {
    const changes: unknown[] = [];
    server.use(
      meHandler(MANAGER),
      contract.post('/api/files', () =>
        errorResponse(415, 'unsupported_media_type', '不支持的文件类型', [{ path: '/file', message: 'x' }]),
      ),
    );
    renderFormField('file', { onChange: (d) => changes.push(d) });
    await userEvent.setup().upload(await screen.findByLabelText('字段'), pdf('a.pdf'));
    expect(await screen.findByText('上传失败：不支持的文件类型')).toHaveAttribute('role', 'alert');
    expect(changes.filter((c) => (c as { f?: unknown }).f !== undefined)).toEqual([]);
  });

  it('shows held files as links only when read-only', async () => {
    const held = meta(3, '行驶证.png', 'image/png');
    server.use(
      meHandler(MANAGER),
      contract.get('/api/files/{id}/meta', () => HttpResponse.json(held)),
    );
    renderFormField('file', { formData: held.id, readonly: true });
    expect(await screen.findByLabelText('查看 行驶证.png')).toHaveAttribute('href', held.url);
    expect(screen.getByAltText('行驶证.png')).toHaveAttribute('src', held.url);
    expect(screen.queryByText('上传附件')).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/移除/)).not.toBeInTheDocument();
  });
});

import { HttpResponse } from 'msw';
import { ApiError, onUnauthorized, setLocaleSource, setStoreFilter } from '../api-client.ts';
import { contract } from '../testing/contract-http.ts';
import { errorResponse, server, startMockServer } from '../testing/server.ts';
import { api } from './client.ts';

startMockServer();

const EMPTY_PAGE = { items: [], total: 0 };

describe('the typed API client', () => {
  afterEach(() => {
    setStoreFilter(null);
    setLocaleSource(() => 'zh-CN');
  });

  it('sends the query without its empty values', async () => {
    let url: URL | undefined;
    server.use(
      contract.get('/api/orders', ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ ...EMPTY_PAGE, totalCapped: false });
      }),
    );
    await api.get('/api/orders', { params: { query: { q: '', status: 'paid,pending', model: undefined } } });
    expect([...(url?.searchParams.entries() ?? [])]).toEqual([['status', 'paid,pending']]);
  });

  it('fills the path parameters and answers the route’s body', async () => {
    server.use(
      contract.post('/api/cc/{id}/read', ({ params }) =>
        HttpResponse.json({ id: String(params.id), readAt: '2026-12-01T08:00:00.000Z' }),
      ),
    );
    await expect(api.post('/api/cc/{id}/read', { params: { path: { id: 'c 1' } } })).resolves.toEqual({
      id: 'c 1',
      readAt: '2026-12-01T08:00:00.000Z',
    });
  });

  it('sends the group user’s store filter on reads and the UI language on every call', async () => {
    setStoreFilter('SH01');
    setLocaleSource(() => 'en');
    let seen: { storeId: string | null; language: string | null } | undefined;
    server.use(
      contract.get('/api/tasks', ({ request }) => {
        seen = {
          storeId: new URL(request.url).searchParams.get('storeId'),
          language: request.headers.get('accept-language'),
        };
        return HttpResponse.json(EMPTY_PAGE);
      }),
    );
    await api.get('/api/tasks', { params: { query: { scope: 'mine' } } });
    expect(seen).toEqual({ storeId: 'SH01', language: 'en' });
  });

  it('throws the server’s error as an ApiError with its field details', async () => {
    server.use(
      contract.post('/api/customers', () =>
        HttpResponse.json(
          { error: { code: 'invalid', message: 'Invalid', details: [{ path: '/mobile', message: 'bad' }] } },
          { status: 422 },
        ),
      ),
    );
    const failure = await api
      .post('/api/customers', { body: { name: '张三', mobile: '1' } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 422,
      code: 'invalid',
      details: [{ path: '/mobile', message: 'bad' }],
    });
  });

  it('tells the 401 listeners about an expired session but not about a failed login', async () => {
    const heard: number[] = [];
    const stop = onUnauthorized((e) => heard.push(e.status));
    server.use(
      contract.get('/api/auth/me', () => errorResponse(401, 'unauthorized', 'Not logged in')),
      contract.post('/api/auth/login', () => errorResponse(401, 'unauthorized', 'Wrong password')),
    );
    await expect(api.post('/api/auth/login', { body: { username: 'a', password: 'b' } })).rejects.toThrow();
    expect(heard).toEqual([]);
    await expect(api.get('/api/auth/me')).rejects.toThrow();
    expect(heard).toEqual([401]);
    stop();
  });
});

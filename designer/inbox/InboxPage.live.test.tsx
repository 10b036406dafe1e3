import { act, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import type { TaskView } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';

startMockServer();

/** jsdom has no EventSource: a fake the test drives by hand. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data = '{}'): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new MessageEvent(type, { data }));
  }
  /** The connection dropped; the browser is retrying. */
  drop(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }
}

const opened = makeTask({ id: 'n1', name: '财务确认收款', businessKey: 'BJ01202611230001' });

describe('inbox live updates', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('refetches the list and the tab counts when a task event arrives', async () => {
    let mine: TaskView[] = [makeTask({ id: 'a1', name: '销售经理审批' })];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', ({ request }) => {
        const url = new URL(request.url);
        const items = url.searchParams.get('scope') === 'mine' ? mine : [];
        return HttpResponse.json({ items, total: items.length });
      }),
    );
    renderApp('/inbox');
    await screen.findByText('销售经理审批');
    await waitFor(() =>
      expect(within(screen.getByRole('tab', { name: /我的待办/ })).getByTitle('1')).toBeInTheDocument(),
    );
    const stream = await waitFor(() => {
      const found = FakeEventSource.opened.at(-1);
      if (!found) throw new Error('no stream');
      return found;
    });
    expect(stream.url).toBe('/api/events');

    mine = [...mine, opened];
    act(() => {
      stream.emit('ready');
      stream.emit(
        'task',
        JSON.stringify({
          taskId: 'n1',
          instanceId: opened.instanceId,
          name: opened.name,
          state: opened.state,
          status: 'opened',
          assignee: MANAGER.id,
          owner: null,
          candidateUsers: [],
          candidateRoles: [],
          storeId: 'BJ01',
        }),
      );
    });

    expect(await screen.findByText('财务确认收款')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByRole('tab', { name: /我的待办/ })).getByTitle('2')).toBeInTheDocument(),
    );
  });

  it('refetches the 抄送我的 count when a CC event arrives, and says so', async () => {
    let unread = 0;
    let ccRequests = 0;
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/cc', ({ request }) => {
        ccRequests += 1;
        const total = new URL(request.url).searchParams.get('status') === 'unread' ? unread : 0;
        return HttpResponse.json({ items: [], total, unread });
      }),
    );
    renderApp('/inbox');
    const ccTab = await screen.findByRole('tab', { name: /抄送我的/ });
    await waitFor(() => expect(ccRequests).toBeGreaterThan(0));
    await waitFor(() => expect(within(ccTab).getByTitle('0')).toBeInTheDocument());
    const stream = await waitFor(() => {
      const found = FakeEventSource.opened.at(-1);
      if (!found) throw new Error('no stream');
      return found;
    });
    // `ready` refetches too: let that happen first, so only the CC event can bring the new count.
    const beforeReady = ccRequests;
    act(() => stream.emit('ready'));
    await waitFor(() => expect(ccRequests).toBeGreaterThan(beforeReady));

    unread = 1;
    act(() => stream.emit('cc', JSON.stringify({ ccId: 'c1', instanceId: 'i1', userId: MANAGER.id })));

    expect(await screen.findByText('新的抄送')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByRole('tab', { name: /抄送我的/ })).getByTitle('1')).toBeInTheDocument(),
    );
  });

  it('ignores a malformed CC event', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let ccRequests = 0;
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/cc', () => {
        ccRequests += 1;
        return HttpResponse.json({ items: [], total: 0, unread: 0 });
      }),
    );
    renderApp('/inbox');
    await screen.findByRole('tab', { name: /抄送我的/ });
    await waitFor(() => expect(ccRequests).toBeGreaterThan(0));
    const stream = FakeEventSource.opened.at(-1)!;
    // The stream is up (no polling) and the refetch `ready` brings has happened: the count is settled.
    act(() => stream.emit('ready'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    const settled = ccRequests;
    act(() => stream.emit('cc', JSON.stringify({ ccId: 'c1' })));
    // Past the debounce a well-formed event would have refetched by now.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(ccRequests).toBe(settled);
    expect(screen.queryByText('新的抄送')).not.toBeInTheDocument();
  });

  it('polls every 10 s only while the live stream is down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let requests = 0;
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', () => {
        requests += 1;
        return HttpResponse.json({ items: [], total: 0 });
      }),
    );
    renderApp('/inbox');
    await waitFor(() => expect(requests).toBeGreaterThanOrEqual(4));
    const stream = FakeEventSource.opened.at(-1)!;
    act(() => stream.emit('ready'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    const afterReady = requests;

    await act(async () => {
      await vi.advanceTimersByTimeAsync(25_000);
    });
    expect(requests).toBe(afterReady);

    act(() => stream.drop());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    await waitFor(() => expect(requests).toBe(afterReady + 4));
  });
});

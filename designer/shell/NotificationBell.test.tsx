import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type { NotificationItem } from './NotificationBell.tsx';

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
}

const TASK_ID = '11111111-0000-4000-8000-0000000000aa';

const entry = (id: string, title: string, readAt: string | null = null): NotificationItem => ({
  id,
  kind: 'task.arrived',
  title,
  body: null,
  taskId: TASK_ID,
  instanceId: '22222222-0000-4000-8000-000000000001',
  link: `/tasks/${TASK_ID}`,
  createdAt: '2026-11-23T02:00:00.000Z',
  readAt,
});

describe('the notification bell', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the unread count, raises it live when an entry arrives, and opens an entry’s task marked read', async () => {
    let items = [entry('n1', '销售经理审批', null), entry('n0', '早先的消息', '2026-11-22T02:00:00.000Z')];
    const read: string[] = [];
    server.use(
      meHandler(MANAGER),
      contract.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 })),
      contract.get('/api/notifications', () =>
        HttpResponse.json({ items, total: items.length, unread: items.filter((i) => !i.readAt).length }),
      ),
      contract.post('/api/notifications/{id}/read', ({ params }) => {
        read.push(String(params.id));
        items = items.map((i) => (i.id === params.id ? { ...i, readAt: '2026-11-23T03:00:00.000Z' } : i));
        return HttpResponse.json({ id: String(params.id) });
      }),
      contract.get('/api/tasks/{id}', () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'gone' } }, { status: 404 }),
      ),
    );
    renderApp('/inbox');
    // The whole app renders first: a slow machine may need more than the default second.
    // Role queries over the whole antd app are slow: the bell is found by its test id.
    const bell = await screen.findByTestId('notification-bell', {}, { timeout: 5_000 });
    await waitFor(() => expect(bell).toHaveAccessibleName('消息（1 条未读）'), { timeout: 5_000 });

    // A task arrives for the manager: the server announces the new entry on the event stream.
    items = [entry('n2', '财务确认收款'), ...items];
    const stream = await waitFor(() => {
      const found = FakeEventSource.opened.at(-1);
      if (!found) throw new Error('no stream');
      return found;
    });
    act(() => {
      stream.emit('ready');
      stream.emit('notification', JSON.stringify({ id: 'n2' }));
    });
    await waitFor(() => expect(bell).toHaveAccessibleName('消息（2 条未读）'));

    fireEvent.click(bell);
    await screen.findByText('消息中心');
    const rows = await screen.findAllByTestId('notification');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('财务确认收款'),
      expect.stringContaining('销售经理审批'),
      expect.stringContaining('早先的消息'),
    ]);
    fireEvent.click(screen.getByText('财务确认收款'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/tasks/${TASK_ID}`));
    expect(read).toEqual(['n2']);
    await waitFor(() =>
      expect(screen.getByTestId('notification-bell')).toHaveAccessibleName('消息（1 条未读）'),
    );
  });
});

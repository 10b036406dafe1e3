import { act, renderHook } from '@testing-library/react';
import { type TaskLiveEvent, useTaskEvents } from './use-task-events.ts';

/** jsdom has no EventSource: a fake the test drives by hand. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  readonly url: string;
  readonly withCredentials: boolean;

  constructor(url: string, init?: { withCredentials?: boolean }) {
    super();
    this.url = url;
    this.withCredentials = init?.withCredentials ?? false;
    FakeEventSource.opened.push(this);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  emit(type: string, data = '{}'): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new MessageEvent(type, { data }));
  }

  /** The browser gave up (e.g. the server answered 503). */
  fail(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.dispatchEvent(new Event('error'));
  }
}

const TASK = {
  taskId: 't1',
  instanceId: 'i1',
  name: '经理审批',
  state: 'approval.review',
  status: 'opened',
  assignee: null,
  owner: null,
  candidateUsers: [],
  candidateRoles: ['sales_manager'],
  storeId: 'BJ01',
};

const latest = () => FakeEventSource.opened.at(-1)!;

describe('useTaskEvents', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('opens /api/events with credentials and reports ready, task and resync events', () => {
    const events: TaskLiveEvent[] = [];
    renderHook(() => useTaskEvents((e) => events.push(e)));
    expect(latest()).toMatchObject({ url: '/api/events', withCredentials: true });
    act(() => {
      latest().emit('ready');
      latest().emit('task', JSON.stringify(TASK));
      latest().emit('task', 'not json');
      latest().emit('resync');
    });
    expect(events).toEqual([
      { type: 'ready', reconnected: false },
      { type: 'task', task: TASK },
      { type: 'resync' },
    ]);
  });

  it('reports CC events and drops malformed ones', () => {
    const events: TaskLiveEvent[] = [];
    renderHook(() => useTaskEvents((e) => events.push(e)));
    const cc = { ccId: 'c1', instanceId: 'i1', userId: 'u1' };
    act(() => {
      latest().emit('cc', JSON.stringify(cc));
      latest().emit('cc', JSON.stringify({ ccId: 'c2' }));
      latest().emit('cc', 'not json');
    });
    expect(events).toEqual([{ type: 'cc', cc }]);
  });

  it('reopens the stream after the browser gave up, and reports the reconnection', () => {
    vi.useFakeTimers();
    const events: TaskLiveEvent[] = [];
    renderHook(() => useTaskEvents((e) => events.push(e), { retryMs: 1_000 }));
    act(() => latest().emit('ready'));
    act(() => latest().fail());
    expect(FakeEventSource.opened).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1_000));
    expect(FakeEventSource.opened).toHaveLength(2);
    act(() => latest().emit('ready'));
    expect(events.at(-1)).toEqual({ type: 'ready', reconnected: true });
  });

  it('waits longer after each failed attempt', () => {
    vi.useFakeTimers();
    renderHook(() => useTaskEvents(() => {}, { retryMs: 1_000 }));
    act(() => latest().fail());
    act(() => vi.advanceTimersByTime(1_000));
    act(() => latest().fail());
    act(() => vi.advanceTimersByTime(1_999));
    expect(FakeEventSource.opened).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeEventSource.opened).toHaveLength(3);
  });

  it('closes the stream on unmount and opens none while disabled', () => {
    const { unmount } = renderHook(() => useTaskEvents(() => {}));
    const source = latest();
    unmount();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    renderHook(() => useTaskEvents(() => {}, { enabled: false }));
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('calls the newest callback without reopening the stream', () => {
    const first: TaskLiveEvent[] = [];
    const second: TaskLiveEvent[] = [];
    const { rerender } = renderHook(({ sink }) => useTaskEvents((e) => sink.push(e)), {
      initialProps: { sink: first },
    });
    rerender({ sink: second });
    act(() => latest().emit('resync'));
    expect(FakeEventSource.opened).toHaveLength(1);
    expect([first, second]).toEqual([[], [{ type: 'resync' }]]);
  });
});

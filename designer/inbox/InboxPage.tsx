import { App, Badge, Card, Input, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../api-client.ts';
import type { Page, TaskView } from '../api-types.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useApiQuery } from '../components/use-api-query.ts';
import { useInterval } from '../components/use-interval.ts';
import { BatchApprove } from './BatchApprove.tsx';
import { useLiveTasks } from './live-tasks.tsx';
import { type InboxTab, TaskTable } from './TaskTable.tsx';

/** Refresh period of the inbox while the live event stream is down (a fallback only). */
export const INBOX_POLL_MS = 10_000;

const TAB_QUERY: Record<InboxTab, Query> = {
  mine: { scope: 'mine', status: 'open' },
  candidate: { scope: 'candidate', status: 'open' },
  // `all` covers tasks completed straight from the candidate list (never claimed): the server
  // includes what the actor completed.
  completed: { scope: 'all', status: 'completed' },
};
const TABS: InboxTab[] = ['mine', 'candidate', 'completed'];

function useCount(tab: InboxTab, q: string) {
  return useApiQuery<Page<TaskView>>('/api/tasks', { ...TAB_QUERY[tab], q, page: 1, pageSize: 1 });
}

/** `/inbox` (待办): my tasks, tasks to claim and done tasks, with counts, search and paging. */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [tab, setTab] = useState<InboxTab>('mine');
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [claiming, setClaiming] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [now, setNow] = useState(() => new Date());
  const list = useApiQuery<Page<TaskView>>('/api/tasks', { ...TAB_QUERY[tab], q, ...paging });
  const counts = {
    mine: useCount('mine', q),
    candidate: useCount('candidate', q),
    completed: useCount('completed', q),
  };

  // Opening on an empty 我的待办 hides new work: once both counts are known, a user with nothing of
  // their own but tasks to claim starts on 待认领. Decided once, so finishing work never moves the tab.
  const [tabDecided, setTabDecided] = useState(false);
  const mineTotal = counts.mine.data?.total;
  const candidateTotal = counts.candidate.data?.total;
  useEffect(() => {
    if (tabDecided || mineTotal === undefined || candidateTotal === undefined) return;
    setTabDecided(true);
    if (mineTotal === 0 && candidateTotal > 0)
      setTab((current) => (current === 'mine' ? 'candidate' : current));
  }, [tabDecided, mineTotal, candidateTotal]);

  function refresh() {
    setNow(new Date());
    list.reload();
    for (const c of Object.values(counts)) c.reload();
  }
  // Live events refetch at once; the timer only matters while the stream is down.
  const live = useLiveTasks(refresh);
  useInterval(() => {
    if (!live) refresh();
  }, INBOX_POLL_MS);

  async function claim(task: TaskView) {
    setClaiming(task.id);
    try {
      await api.post(`/api/tasks/${task.id}/claim`);
      void message.success(t('inbox.claimed'));
      refresh();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setClaiming(null);
    }
  }

  const items = TABS.map((key) => ({
    key,
    label: (
      <span>
        {t(`inbox.${key}`)}{' '}
        <Badge
          count={counts[key].data?.total ?? 0}
          showZero
          overflowCount={999}
          color={key === 'completed' ? 'gray' : 'blue'}
          data-testid={`count-${key}`}
        />
      </span>
    ),
  }));

  return (
    <Card
      title={<PageTitle>{t('inbox.title')}</PageTitle>}
      extra={
        <Input.Search
          allowClear
          placeholder={t('inbox.searchPlaceholder')}
          onSearch={(value) => {
            setQ(value.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: 260 }}
        />
      }
    >
      <Tabs
        activeKey={tab}
        items={items}
        onChange={(key) => {
          setTabDecided(true);
          setTab(key as InboxTab);
          setSelected([]);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      <QueryError error={list.error} onRetry={list.reload} />
      <BatchApprove
        tasks={(list.data?.items ?? []).filter((task) => selected.includes(task.id))}
        onDone={() => {
          setSelected([]);
          refresh();
        }}
      />
      <TaskTable
        tab={tab}
        tasks={list.data?.items ?? []}
        total={list.data?.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={list.loading}
        now={now}
        claiming={claiming}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        onClaim={(task) => void claim(task)}
        selected={selected}
        onSelect={setSelected}
      />
    </Card>
  );
}

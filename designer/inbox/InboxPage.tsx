import { App, Badge, Card, Checkbox, Input, Segmented, Select, Space, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { CcView, TaskView } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import type { Query } from '../api-client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useInterval } from '../components/use-interval.ts';
import { hasAnyRole } from '../session/roles.ts';
import { useUser } from '../session/session.tsx';
import { BatchApprove } from './BatchApprove.tsx';
import { CcTable, StartedTable } from './InstanceLists.tsx';
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
/** The inbox's tabs: the three task lists, then 我发起的 and 抄送我的. */
export type Tab = InboxTab | 'started' | 'cc';
const TABS: Tab[] = ['mine', 'candidate', 'completed', 'started', 'cc'];
const isTaskTab = (tab: Tab): tab is InboxTab => tab in TAB_QUERY;

/** Roles that may approve in batch (the UI's only gate: each approval is still checked by the server). */
export const BATCH_APPROVERS = ['sales_manager', 'general_manager', 'admin'];
/** 我发起的's status filter; its count is of the running ones. */
type StartedStatus = 'active' | 'done' | 'cancelled' | 'any';

/** The filters above every tab: text, flow, and (open task lists only) overdue. */
interface Filters {
  q: string;
  workflowKey?: string;
  overdue: boolean;
}

function taskQuery(tab: InboxTab, f: Filters): Query {
  const overdue = f.overdue && tab !== 'completed';
  return { ...TAB_QUERY[tab], q: f.q, workflowKey: f.workflowKey, ...(overdue ? { overdue: 'true' } : {}) };
}

function useCount(tab: InboxTab, f: Filters) {
  return useApiQuery('/api/tasks', { params: { query: { ...taskQuery(tab, f), page: 1, pageSize: 1 } } });
}

/**
 * `/inbox` (待办): my tasks, tasks to claim, done tasks, what I submitted and what was CC'd to me,
 * with counts (running instances; unread CCs), search and paging.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const batchAllowed = hasAnyRole(user, BATCH_APPROVERS);
  const [tab, setTab] = useState<Tab>('mine');
  const [startedStatus, setStartedStatus] = useState<StartedStatus>('active');
  const [filters, setFilters] = useState<Filters>({ q: '', overdue: false });
  const { q, workflowKey } = filters;
  const workflows = useApiQuery('/api/workflows', { params: { query: {} } });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [claiming, setClaiming] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [now, setNow] = useState(() => new Date());
  const list = useApiQuery(isTaskTab(tab) ? '/api/tasks' : null, {
    params: {
      query: {
        ...(isTaskTab(tab) ? taskQuery(tab, filters) : {}),
        ...paging,
      },
    },
  });
  const started = useApiQuery(tab === 'started' ? '/api/instances' : null, {
    params: {
      query: {
        startedBy: 'me',
        status: startedStatus,
        q,
        workflowKey,
        ...paging,
      },
    },
  });
  const ccList = useApiQuery(tab === 'cc' ? '/api/cc' : null, {
    params: { query: { q, workflowKey, ...paging } },
  });
  const counts = {
    mine: useCount('mine', filters),
    candidate: useCount('candidate', filters),
    completed: useCount('completed', filters),
    started: useApiQuery('/api/instances', {
      params: {
        query: {
          startedBy: 'me',
          status: 'active',
          q,
          workflowKey,
          page: 1,
          pageSize: 1,
        },
      },
    }),
    cc: useApiQuery('/api/cc', {
      params: { query: { status: 'unread', q, workflowKey, page: 1, pageSize: 1 } },
    }),
  };
  const filterBy = (change: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setPaging((p) => ({ ...p, page: 1 }));
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
    started.reload();
    ccList.reload();
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
      await api.post('/api/tasks/{id}/claim', { params: { path: { id: task.id } } });
      void message.success(t('inbox.claimed'));
      refresh();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setClaiming(null);
    }
  }

  async function markRead(item: CcView) {
    try {
      await api.post('/api/cc/{id}/read', { params: { path: { id: item.id } } });
      ccList.reload();
      counts.cc.reload();
    } catch (e) {
      void message.error((e as Error).message);
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
          color={key === 'completed' ? 'gray' : key === 'cc' ? 'red' : 'blue'}
          data-testid={`count-${key}`}
        />
      </span>
    ),
  }));

  return (
    <Card
      title={<PageTitle>{t('inbox.title')}</PageTitle>}
      extra={
        <Space wrap>
          <Select
            allowClear
            aria-label={t('inbox.workflowFilter')}
            placeholder={t('inbox.allWorkflows')}
            value={workflowKey}
            options={(workflows.data?.items ?? []).map((w) => ({
              value: w.key,
              label: t(`workflowName.${w.key}`, w.name),
            }))}
            onChange={(value: string | undefined) => filterBy({ workflowKey: value })}
            style={{ width: 160 }}
          />
          <Checkbox checked={filters.overdue} onChange={(e) => filterBy({ overdue: e.target.checked })}>
            {t('inbox.overdueOnly')}
          </Checkbox>
          <Input.Search
            allowClear
            placeholder={t('inbox.searchPlaceholder')}
            aria-label={t('inbox.searchPlaceholder')}
            onSearch={(value) => filterBy({ q: value.trim() })}
            style={{ width: 260 }}
          />
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        items={items}
        onChange={(key) => {
          setTabDecided(true);
          setTab(key as Tab);
          setSelected([]);
          setPaging((p) => ({ ...p, page: 1 }));
          // CCs and submissions change without task events of this user's: fetched fresh on every visit.
          counts.started.reload();
          counts.cc.reload();
        }}
      />
      {isTaskTab(tab) && (
        <>
          <QueryError error={list.error} onRetry={list.reload} />
          {batchAllowed && (
            <BatchApprove
              tasks={(list.data?.items ?? []).filter((task) => selected.includes(task.id))}
              onDone={() => {
                setSelected([]);
                refresh();
              }}
            />
          )}
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
            {...(batchAllowed ? { selected, onSelect: setSelected } : {})}
          />
        </>
      )}
      {tab === 'started' && (
        <>
          <Segmented<StartedStatus>
            aria-label={t('inbox.statusFilter')}
            value={startedStatus}
            onChange={(value) => {
              setStartedStatus(value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'active', label: t('instanceStatus.active') },
              { value: 'done', label: t('instanceStatus.done') },
              { value: 'cancelled', label: t('instanceStatus.cancelled') },
              { value: 'any', label: t('inbox.statusAny') },
            ]}
            style={{ marginBottom: 12 }}
          />
          <QueryError error={started.error} onRetry={started.reload} />
          <StartedTable
            items={started.data?.items ?? []}
            total={started.data?.total ?? 0}
            page={paging.page}
            pageSize={paging.pageSize}
            loading={started.loading}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
          />
        </>
      )}
      {tab === 'cc' && (
        <>
          <QueryError error={ccList.error} onRetry={ccList.reload} />
          <CcTable
            items={ccList.data?.items ?? []}
            total={ccList.data?.total ?? 0}
            page={paging.page}
            pageSize={paging.pageSize}
            loading={ccList.loading}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
            onRead={(item) => void markRead(item)}
          />
        </>
      )}
    </Card>
  );
}

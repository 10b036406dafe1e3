import type { Page, TaskView } from '../api-types.ts';
import { useApiQuery } from '../components/use-api-query.ts';

/** The most open tasks counted; the API has no overdue count, so they are counted here. */
export const OVERDUE_SCAN_LIMIT = 500;

/**
 * How many open tasks the user may see are past their due time (`GET /api/tasks?scope=all`),
 * counted from the first 500; `capped` when there were more to look at.
 */
export function useOverdueTasks(now: Date) {
  const tasks = useApiQuery<Page<TaskView>>('/api/tasks', {
    scope: 'all',
    status: 'open',
    page: 1,
    pageSize: OVERDUE_SCAN_LIMIT,
  });
  const items = tasks.data?.items ?? [];
  const count = items.filter((t) => t.dueAt !== null && Date.parse(t.dueAt) < now.getTime()).length;
  return {
    count,
    capped: (tasks.data?.total ?? 0) > items.length,
    loading: tasks.loading,
    error: tasks.error,
  };
}

import { useApiQuery } from '../api/use-api-query.ts';

/** `GET /api/analytics/overdue-tasks`: open tasks past due, counted by the server in the user's scope. */
export interface OverdueTasks {
  count: number;
  asOf: string;
}

/**
 * How many open tasks in the user's scope (own store; every store, or the picked one, for group
 * users) are past their due time — counted in SQL on the server, so nothing is capped.
 */
export function useOverdueTasks() {
  const overdue = useApiQuery('/api/analytics/overdue-tasks');
  return { count: overdue.data?.count ?? 0, loading: overdue.loading, error: overdue.error };
}

/**
 * Batch approval: approves tasks one after another (claiming candidate tasks first) and reports each
 * task's result, so one failure (a form still to fill in, a task someone else took) stops nothing.
 */

import { api } from '../api/client.ts';
import type { TaskView } from '../api/types.ts';
import { ApiError } from '../api-client.ts';

/** What happened to one task of a batch. */
export interface BatchResult {
  task: TaskView;
  ok: boolean;
  /** HTTP status of a failure (422 invalid form, 409 conflict…); absent on success. */
  status?: number;
  message?: string;
}

/** Whether a task may be approved from a list: it must offer the `approve` outcome. */
export function canBatchApprove(task: TaskView): boolean {
  return task.status === 'open' && task.outcomes.includes('approve');
}

/**
 * Approves each task in turn (`claim` first when it has no assignee yet) and resolves with one result
 * per task, in order.
 *
 * @example
 * const results = await approveAll(selected, '同意');
 */
export async function approveAll(tasks: TaskView[], comment: string): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  // Sequential on purpose: tasks of one instance may depend on each other, and the server stays calm.
  for (const task of tasks) {
    try {
      if (task.assignee === null)
        await api.post('/api/tasks/{id}/claim', { params: { path: { id: task.id } } });
      await api.post('/api/tasks/{id}/complete', {
        params: { path: { id: task.id } },
        body: {
          outcome: 'approve',
          ...(comment ? { comment } : {}),
        },
      });
      results.push({ task, ok: true });
    } catch (e) {
      const status = e instanceof ApiError ? e.status : undefined;
      results.push({ task, ok: false, message: (e as Error).message, ...(status ? { status } : {}) });
    }
  }
  return results;
}

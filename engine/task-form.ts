/**
 * Validation of the data submitted with a task against the form version the task pinned: the single
 * call site into the forms module for task completion (docs/flows.md "Per-step field permissions": the server never trusts the browser).
 */
import { validateSubmission } from '../forms/validate.ts';
import type { JsonObject, Problem, StepOptions, TaskRecord } from './types.ts';

/** The data to merge into the context, or what is wrong with it. */
export type TaskDataResult = { ok: true; data: JsonObject } | { ok: false; problems: Problem[] };

/**
 * Checks `data` for `task` with the forms module: unknown, hidden or changed read-only fields are refused,
 * editable ones validated, computed ones recomputed; only accepted fields come back. Without a form, or
 * when `opts.forms` cannot resolve it, the data is taken as it is (it must still be an object).
 * `previous` is what the context holds where the data will be merged (the top level or `bind`).
 */
export function validateTaskData(
  task: TaskRecord,
  data: unknown,
  previous: JsonObject,
  opts: StepOptions,
): TaskDataResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ path: '', message: 'data must be an object' }] };
  }
  const form = task.form ? opts.forms?.(task.form.key) : undefined;
  if (!form) return { ok: true, data: data as JsonObject };
  const result = validateSubmission(form, data, task.fields, previous, opts.locale ?? 'zh-CN');
  if (!result.ok) {
    return {
      ok: false,
      problems: result.errors.map((e) => ({ path: e.path, message: e.message, code: e.keyword })),
    };
  }
  return { ok: true, data: result.data as JsonObject };
}

/**
 * Deadlines as people pick them (a number and 小时 / 天 / 工作日) and as the task spec stores them
 * (`meta.task.deadline = { duration: 'PT4H' | 'P2D', calendar: 'natural' | 'working', ... }`), plus
 * ISO durations in words. The old `sla` is read as a natural-time duration. Pure.
 */
import type { TaskSpec } from '../../engine/types.ts';
import { fmt } from './strings.ts';

/** What happens when a task runs past its deadline. */
export type TimeoutAction = 'none' | 'approve' | 'return' | 'escalate';

/** `meta.task.deadline`, as the server's deadline engine reads it. */
export interface DeadlineSpec {
  duration?: string;
  field?: string;
  calendar?: 'natural' | 'working';
  remind?: { before?: string[]; at?: boolean; after?: string[] };
  onTimeout?: { action: TimeoutAction; role?: string };
}

/** A task spec that may carry a deadline (the engine's type gains it with the deadline work). */
export type TaskWithDeadline = TaskSpec & { deadline?: DeadlineSpec };

export type DeadlineUnit = 'hours' | 'days' | 'workdays';

/** A picked amount: 4 小时, 2 天, 3 工作日. */
export interface PickedDuration {
  amount: number;
  unit: DeadlineUnit;
}

const PARTS = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Reads a stored duration back into the pickers; undefined when it is not a whole number of hours or
 * days (it is then shown as text).
 *
 * @example
 * pickDuration('PT4H', 'natural'); // { amount: 4, unit: 'hours' }
 * pickDuration('P3D', 'working'); // { amount: 3, unit: 'workdays' }
 */
export function pickDuration(
  iso: string,
  calendar: 'natural' | 'working' = 'natural',
): PickedDuration | undefined {
  const m = PARTS.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m;
  if (min || s) return undefined;
  const days = Number(w ?? 0) * 7 + Number(d ?? 0);
  const hours = Number(h ?? 0);
  if (calendar === 'working') return hours === 0 && days > 0 ? { amount: days, unit: 'workdays' } : undefined;
  if (hours === 0 && days > 0) return { amount: days, unit: 'days' };
  return { amount: days * 24 + hours, unit: 'hours' };
}

/**
 * The ISO duration and calendar of a picked amount.
 *
 * @example
 * durationOf({ amount: 2, unit: 'workdays' }); // { duration: 'P2D', calendar: 'working' }
 */
export function durationOf(p: PickedDuration): { duration: string; calendar: 'natural' | 'working' } {
  if (p.unit === 'hours') return { duration: `PT${p.amount}H`, calendar: 'natural' };
  return { duration: `P${p.amount}D`, calendar: p.unit === 'workdays' ? 'working' : 'natural' };
}

/** The task's deadline: its `deadline`, else its old `sla` as natural time; undefined for none. */
export function readDeadline(task: TaskWithDeadline): DeadlineSpec | undefined {
  if (task.deadline) return task.deadline;
  return task.sla ? { duration: task.sla, calendar: 'natural' } : undefined;
}

/** The task with this deadline (the old `sla` is folded into it); undefined removes it. */
export function writeDeadline(task: TaskWithDeadline, deadline: DeadlineSpec | undefined): TaskWithDeadline {
  const { sla: _sla, deadline: _old, ...rest } = task;
  return deadline && (deadline.duration || deadline.field) ? { ...rest, deadline } : rest;
}

/**
 * An ISO duration in words; the text itself when it is not one.
 *
 * @example
 * durationWords('PT4H'); // '4 小时'
 * durationWords('P1DT2H'); // '1 天 2 小时'
 */
export function durationWords(iso: string, calendar: 'natural' | 'working' = 'natural'): string {
  const m = PARTS.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return iso;
  const [, w, d, h, min, s] = m;
  const parts: string[] = [];
  if (w) parts.push(fmt('dur.weeks', { n: Number(w) }));
  if (d) parts.push(fmt(calendar === 'working' ? 'dur.workdays' : 'dur.days', { n: Number(d) }));
  if (h) parts.push(fmt('dur.hours', { n: Number(h) }));
  if (min) parts.push(fmt('dur.minutes', { n: Number(min) }));
  if (s) parts.push(fmt('dur.seconds', { n: Number(s) }));
  return parts.length ? parts.join(' ') : iso;
}

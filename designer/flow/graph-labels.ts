/**
 * What graph mode shows on nodes and edges: kinds and well-known events in the UI language, long
 * guards cut short (the full text goes into a tooltip).
 */
import type { StateConfig } from '../../engine/types.ts';
import { i18n } from '../i18n/i18n.ts';
import { celToWords, type FieldLabels } from './cel-words.ts';
import { fmt, isFlowStringKey } from './strings.ts';

/** Longest guard shown on an edge before it is cut with an ellipsis. */
export const GUARD_MAX = 16;

/** Cuts `text` to at most `max` characters, ending with '…' when something was cut. */
export function ellipsize(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A state kind (task / choice / final / …) in the UI language; unknown kinds stay as they are. */
export function kindLabel(kind: string): string {
  const key = `kind.${kind}`;
  return isFlowStringKey(key) ? fmt(key) : kind;
}

/**
 * An event name in the UI language: well-known events (APPROVE → 同意), then task outcomes as the task
 * page names them (DELIVER → 交车); unknown events stay as they are.
 */
export function eventLabelText(event: string): string {
  const key = `event.${event}`;
  if (isFlowStringKey(key)) return fmt(key);
  const outcome = `outcome.${event.toLowerCase()}`;
  return i18n.exists(outcome) ? i18n.t(outcome) : event;
}

/** A guard in words with the flow's field labels; the expression itself if it cannot be read. */
export function guardWords(guard: string, labels: FieldLabels = {}): string {
  try {
    return celToWords(guard, labels);
  } catch {
    return guard;
  }
}

/** An edge in words, in full: `同意`, `自动 [申请价格 小于 成本价]`. */
export function edgeWords(event: string, guard?: string, labels?: FieldLabels): string {
  const shown = eventLabelText(event);
  return guard === undefined ? shown : `${shown} [${guardWords(guard, labels)}]`;
}

/** The short text shown on an edge (the guard in words) and the full text for its tooltip. */
export function edgeLabel(
  event: string,
  guard?: string,
  labels?: FieldLabels,
): { short: string; full: string } {
  const shown = eventLabelText(event);
  if (guard === undefined) return { short: shown, full: event };
  const words = guardWords(guard, labels);
  return {
    short: `${shown} [${ellipsize(words, GUARD_MAX)}]`,
    full: `${shown} [${words}]\n${event} [${guard}]`,
  };
}

/**
 * A state as people know it: its task's name, its label, a well-known name (approved → 已通过), else
 * the state name itself.
 *
 * @example
 * stateLabelText('rejected', { type: 'final' }); // '已拒绝'
 */
export function stateLabelText(name: string, cfg: StateConfig | undefined): string {
  const own = cfg?.meta?.task?.name ?? cfg?.meta?.label;
  if (own) return own;
  const key = `state.${name}`;
  return isFlowStringKey(key) ? fmt(key) : name;
}

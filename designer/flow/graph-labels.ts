/**
 * What graph mode shows on nodes and edges: kinds and well-known events in the UI language, long
 * guards cut short (the full text goes into a tooltip).
 */
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

/** An event name in the UI language (APPROVE → 同意); unknown events stay as they are. */
export function eventLabelText(event: string): string {
  const key = `event.${event}`;
  return isFlowStringKey(key) ? fmt(key) : event;
}

/** The short text shown on an edge and the full text for its tooltip. */
export function edgeLabel(event: string, guard?: string): { short: string; full: string } {
  const shown = eventLabelText(event);
  const full = guard === undefined ? event : `${event} [${guard}]`;
  return { short: guard === undefined ? shown : `${shown} [${ellipsize(guard, GUARD_MAX)}]`, full };
}

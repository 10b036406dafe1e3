/**
 * Validation problems in the UI language. The server's validator answers in English with a stable
 * `code`; the designer words each known code itself (Chinese by default, English on request), taking
 * the names it quotes from the server's message, and falls back to that message for anything else.
 */
import type { Problem } from '../../engine/types.ts';
import { type FlowStringKey, fmt } from './strings.ts';
import type { ImportNote } from './xstate-import.ts';

/** The quoted names in a message, in order: `Unknown form "x"` → ['x']. */
function quoted(message: string): string[] {
  return [...message.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** Message shapes by code; the first whose test matches decides the string key. */
const RULES: [code: string, test: RegExp | null, key: FlowStringKey][] = [
  ['unknown_target', null, 'problem.unknown_target'],
  ['dead_end', null, 'problem.dead_end'],
  ['unreachable', null, 'problem.unreachable'],
  ['initial', /at least one state/, 'problem.no_states'],
  ['initial', /is not a child/, 'problem.bad_initial'],
  ['initial', /needs an initial/, 'problem.no_initial'],
  ['expression_missing', /missing/, 'problem.expression_missing'],
  ['expression_missing', null, 'problem.expression_not_string'],
  ['expression_syntax', null, 'problem.expression_syntax'],
  ['unknown_name', null, 'problem.unknown_name'],
  ['unknown_guard', null, 'problem.unknown_guard'],
  ['unknown_action', null, 'problem.unknown_action'],
  ['assign_values', null, 'problem.assign_values'],
  ['assign_path', null, 'problem.assign_path'],
  ['effect_name', null, 'problem.effect_name'],
  ['unknown_effect', null, 'problem.unknown_effect'],
  ['effect_args', null, 'problem.effect_args'],
  ['unknown_role', null, 'problem.unknown_role'],
  ['no_assignee', null, 'problem.no_assignee'],
  ['bad_duration', null, 'problem.bad_duration'],
  ['unknown_form', null, 'problem.unknown_form'],
  ['unknown_field', null, 'problem.unknown_field'],
  ['outcome_without_transition', null, 'problem.outcome_without_transition'],
  ['shape.additionalProperties', null, 'problem.shape_unknown_property'],
  ['shape.required', null, 'problem.shape_required'],
  ['shape.enum', null, 'problem.shape_enum'],
];

/**
 * A problem's message in the UI language.
 *
 * @example
 * problemText({ path: '/machine/states/a/meta/task/form', code: 'unknown_form', message: 'Unknown form "x"' });
 * // '未知的表单“x”' (zh-CN) / 'Unknown form "x"' (en)
 */
export function problemText(problem: Problem): string {
  const rule = RULES.find(([code, test]) => code === problem.code && (!test || test.test(problem.message)));
  if (!rule) return problem.message;
  const [a = '', b = ''] = quoted(problem.message);
  const after = (prefix: RegExp) => problem.message.replace(prefix, '');
  const params: Record<string, string> = {
    a,
    b,
    event: /no (\w+) transition/.exec(problem.message)?.[1] ?? '',
    detail: after(/^Syntax error:\s*/),
    list: after(/^must be one of\s*/),
    message: problem.message,
  };
  return fmt(rule[2], params);
}

/** An importer's note in the UI language. */
export function importNoteText(note: ImportNote): string {
  return fmt(note.key, note.params);
}

/**
 * Validation of who may start a flow and which external events it accepts (`starters`, `starterRoles`,
 * `startForm`, `events`): the roles, stores and forms they name exist, every declared event is handled
 * somewhere in the machine and is not a task outcome, every sender list names someone, and every event
 * schema is a usable JSON Schema.
 */

import type { JSONSchema } from '../../forms/types.ts';
import { checkSchema } from '../../forms/validate.ts';
import type { Problem, ValidateOptions } from '../types.ts';
import { asObj, isObj, joinPath, type StateTree } from './state-tree.ts';

/** Problems in `starters`, `starterRoles`, `startForm` and `events`. */
export function checkStartersAndEvents(def: unknown, tree: StateTree, opts: ValidateOptions): Problem[] {
  const d = asObj(def);
  const problems: Problem[] = [];
  const add = (path: string, message: string, code: string) => problems.push({ path, message, code });
  checkNames(d.starterRoles, '/starterRoles', opts.roles, 'role', add);
  const starters = asObj(d.starters);
  checkNames(starters.roles, '/starters/roles', opts.roles, 'role', add);
  checkNames(starters.stores, '/starters/stores', opts.stores, 'store', add);
  if (starters.applicationOnly === true && hasAny(starters, ['roles', 'stores', 'users'])) {
    add(
      '/starters/applicationOnly',
      'A flow only the application starts lists no starters',
      'starters_conflict',
    );
  }
  if (typeof d.startForm === 'string' && opts.forms && !opts.forms[d.startForm]) {
    add('/startForm', `Unknown form "${d.startForm}"`, 'unknown_form');
  }
  if (isObj(d.events)) checkEvents(d.events, tree, opts, add);
  return problems;
}

type Add = (path: string, message: string, code: string) => void;

function hasAny(obj: Record<string, unknown>, keys: string[]): boolean {
  return keys.some((k) => Array.isArray(obj[k]) && (obj[k] as unknown[]).length > 0);
}

function checkNames(list: unknown, path: string, known: string[] | undefined, what: string, add: Add): void {
  if (!known || !Array.isArray(list)) return;
  list.forEach((name, i) => {
    if (typeof name === 'string' && !known.includes(name))
      add(joinPath(path, i), `Unknown ${what} "${name}"`, `unknown_${what}`);
  });
}

function checkEvents(
  events: Record<string, unknown>,
  tree: StateTree,
  opts: ValidateOptions,
  add: Add,
): void {
  const handled = new Set(tree.nodes.flatMap((n) => Object.keys(asObj(n.config.on))));
  const outcomes = outcomeEvents(tree);
  for (const [type, raw] of Object.entries(events)) {
    const path = joinPath('/events', type);
    const rule = asObj(raw);
    if (outcomes.has(type)) {
      add(path, `${type} is a task outcome: people send it by completing the task`, 'event_is_outcome');
    } else if (!handled.has(type) && !handled.has('*')) {
      add(path, `No state handles ${type}`, 'event_not_handled');
    }
    const from = asObj(rule.from);
    checkNames(from.roles, `${path}/from/roles`, opts.roles, 'role', add);
    const names = hasAny(from, ['roles', 'users']) || from.starter === true;
    if (!names && from.applicationOnly !== true) {
      add(`${path}/from`, 'Name who may send it: roles, users, starter or applicationOnly', 'no_sender');
    } else if (names && from.applicationOnly === true) {
      add(`${path}/from/applicationOnly`, 'An application-only event names no senders', 'sender_conflict');
    }
    if (isObj(rule.schema)) {
      for (const e of checkSchema(rule.schema as JSONSchema)) {
        add(`${path}/schema${e.path}`, e.message, 'event_schema');
      }
    }
  }
}

/** Events that completing a task sends (`approve` → `APPROVE`). */
function outcomeEvents(tree: StateTree): Set<string> {
  const events = new Set<string>();
  for (const node of tree.nodes) {
    const task = asObj(asObj(node.config.meta).task);
    if (!isObj(asObj(node.config.meta).task)) continue;
    const outcomes = Array.isArray(task.outcomes) ? task.outcomes : ['complete'];
    for (const o of outcomes) if (typeof o === 'string') events.add(o.toUpperCase());
  }
  return events;
}

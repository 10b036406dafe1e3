/**
 * Validation of what a definition references by name: tasks (assignees, forms, fields, roles, outcomes,
 * SLAs), guards, actions, effects, CEL expressions and `after` durations.
 */
import { isValidDuration } from '../duration.ts';
import { BUILTIN_NAMES, checkExpression } from '../expression.ts';
import type { Problem, ValidateOptions } from '../types.ts';
import {
  asObj,
  isObj,
  joinPath,
  type Obj,
  type StateNodeInfo,
  type StateTree,
  selfAndAncestors,
  statePathOf,
  transitionsOf,
} from './state-tree.ts';

const GUARD_TYPES = ['expr'];
const ACTION_TYPES = ['assign', 'effect'];

interface Ctx {
  tree: StateTree;
  opts: ValidateOptions;
  /** Names expressions may use; undefined when unknowable (a task's form is not given), so unchecked. */
  names: string[] | undefined;
  problems: Problem[];
}

/** Problems in tasks, guards, actions, expressions and durations of every state. */
export function checkBehaviour(def: unknown, tree: StateTree, opts: ValidateOptions): Problem[] {
  const ctx: Ctx = { tree, opts, names: knownNames(def, tree, opts), problems: [] };
  for (const node of tree.nodes) {
    checkActions(node.config.entry, joinPath(node.jsonPath, 'entry'), node, ctx);
    checkActions(node.config.exit, joinPath(node.jsonPath, 'exit'), node, ctx);
    for (const t of transitionsOf(node)) {
      if (t.kind === 'after' && t.key !== undefined && !isValidDuration(t.key)) {
        add(
          ctx,
          node,
          joinPath(joinPath(node.jsonPath, 'after'), t.key),
          `"${t.key}" is not an ISO-8601 duration (e.g. PT4H, P3D)`,
          'bad_duration',
        );
      }
      if (t.config.guard !== undefined) checkGuard(t.config.guard, joinPath(t.jsonPath, 'guard'), node, ctx);
      checkActions(t.config.actions, joinPath(t.jsonPath, 'actions'), node, ctx);
    }
    const task = asObj(node.config.meta).task;
    if (isObj(task)) checkTask(task, joinPath(joinPath(node.jsonPath, 'meta'), 'task'), node, ctx);
  }
  return ctx.problems;
}

function add(ctx: Ctx, node: StateNodeInfo | undefined, path: string, message: string, code: string): void {
  const problem: Problem = { path, message, code };
  const state = node && statePathOf(node);
  if (state) problem.state = state;
  ctx.problems.push(problem);
}

/**
 * Context keys, every referenced form's fields, task `bind` roots and `assign` roots, plus `event`,
 * `actor`, `now`. Undefined when a task names a form whose fields are not given (names may come from it).
 */
function knownNames(def: unknown, tree: StateTree, opts: ValidateOptions): string[] | undefined {
  const names = new Set<string>([...BUILTIN_NAMES, ...Object.keys(asObj(tree.root.config.context))]);
  // The start form's data is the instance's input, merged over the context: its fields are names too.
  const startForm = asObj(def).startForm;
  if (typeof startForm === 'string') {
    const form = opts.forms?.[startForm];
    if (!form) return undefined;
    for (const f of form.fields) names.add(f);
  }
  for (const node of tree.nodes) {
    const task = asObj(asObj(node.config.meta).task);
    if (typeof task.form === 'string') {
      const form = opts.forms?.[task.form];
      if (!form) return undefined;
      for (const f of form.fields) names.add(f);
    }
    if (typeof task.bind === 'string') names.add(task.bind.split('.')[0] ?? '');
    for (const action of allActions(node)) {
      if (action.type !== 'assign') continue;
      for (const key of Object.keys(asObj(asObj(action.params).values))) names.add(key.split('.')[0] ?? '');
    }
  }
  return [...names];
}

function allActions(node: StateNodeInfo): Obj[] {
  const lists = [node.config.entry, node.config.exit, ...transitionsOf(node).map((t) => t.config.actions)];
  return lists.flatMap((a) => (Array.isArray(a) ? a : [a])).filter(isObj);
}

function checkExpr(src: unknown, path: string, node: StateNodeInfo, ctx: Ctx): void {
  if (typeof src !== 'string' || src.trim() === '') {
    const message =
      src === undefined || src === '' ? 'Expression is missing' : 'Expression must be a CEL string';
    add(ctx, node, path, message, 'expression_missing');
    return;
  }
  for (const p of checkExpression(src, ctx.names ?? [])) {
    if (p.name !== undefined && !ctx.names) continue;
    add(ctx, node, path, p.message, p.name === undefined ? 'expression_syntax' : 'unknown_name');
  }
}

function checkGuard(guard: unknown, path: string, node: StateNodeInfo, ctx: Ctx): void {
  const g = asObj(guard);
  if (typeof g.type !== 'string') return; // shape error, reported by the schema
  if (!GUARD_TYPES.includes(g.type)) {
    add(
      ctx,
      node,
      joinPath(path, 'type'),
      `Unknown guard type "${g.type}" (known: ${GUARD_TYPES.join(', ')})`,
      'unknown_guard',
    );
    return;
  }
  checkExpr(asObj(g.params).expr, `${path}/params/expr`, node, ctx);
}

function checkActions(actions: unknown, path: string, node: StateNodeInfo, ctx: Ctx): void {
  if (actions === undefined) return;
  const list = Array.isArray(actions) ? actions : [actions];
  list.forEach((action, i) => {
    const itemPath = Array.isArray(actions) ? joinPath(path, i) : path;
    const a = asObj(action);
    if (typeof a.type !== 'string') return;
    if (!ACTION_TYPES.includes(a.type)) {
      add(
        ctx,
        node,
        `${itemPath}/type`,
        `Unknown action type "${a.type}" (known: ${ACTION_TYPES.join(', ')})`,
        'unknown_action',
      );
    } else if (a.type === 'assign') {
      checkAssign(asObj(a.params), `${itemPath}/params`, node, ctx);
    } else {
      checkEffect(asObj(a.params), `${itemPath}/params`, node, ctx);
    }
  });
}

function checkAssign(params: Obj, path: string, node: StateNodeInfo, ctx: Ctx): void {
  const values = params.values;
  if (!isObj(values) || Object.keys(values).length === 0) {
    add(
      ctx,
      node,
      `${path}/values`,
      'assign needs values: { "context.path": "CEL expression" }',
      'assign_values',
    );
    return;
  }
  for (const [key, expr] of Object.entries(values)) {
    const keyPath = joinPath(`${path}/values`, key);
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(key)) {
      add(ctx, node, keyPath, `"${key}" is not a context path`, 'assign_path');
    }
    checkExpr(expr, keyPath, node, ctx);
  }
}

function checkEffect(params: Obj, path: string, node: StateNodeInfo, ctx: Ctx): void {
  const name = params.name;
  if (typeof name !== 'string' || name === '') {
    add(ctx, node, `${path}/name`, 'effect needs a name', 'effect_name');
  } else if (ctx.opts.effects && !ctx.opts.effects.includes(name)) {
    add(ctx, node, `${path}/name`, `Unknown effect "${name}"`, 'unknown_effect');
  }
  if (params.args !== undefined && !isObj(params.args))
    add(ctx, node, `${path}/args`, 'args must be an object', 'effect_args');
  for (const [key, expr] of Object.entries(asObj(params.argExprs))) {
    checkExpr(expr, joinPath(`${path}/argExprs`, key), node, ctx);
  }
}

function checkRoles(roles: unknown, path: string, node: StateNodeInfo | undefined, ctx: Ctx): void {
  const known = ctx.opts.roles;
  if (!known || !Array.isArray(roles)) return;
  roles.forEach((role, i) => {
    if (typeof role === 'string' && !known.includes(role))
      add(ctx, node, joinPath(path, i), `Unknown role "${role}"`, 'unknown_role');
  });
}

function checkTask(task: Obj, path: string, node: StateNodeInfo, ctx: Ctx): void {
  const assignee = asObj(task.assignee);
  const roles = Array.isArray(assignee.roles) ? assignee.roles : [];
  const users = Array.isArray(assignee.users) ? assignee.users : [];
  const other = typeof assignee.field === 'string' || assignee.manager !== undefined;
  if (roles.length === 0 && users.length === 0 && typeof assignee.expr !== 'string' && !other) {
    add(ctx, node, `${path}/assignee`, 'Task needs an assignee: roles, users or expr', 'no_assignee');
  }
  if (assignee.manager !== undefined && typeof assignee.managerRole !== 'string') {
    add(
      ctx,
      node,
      `${path}/assignee/managerRole`,
      'manager needs the role the managers hold',
      'no_manager_role',
    );
  }
  checkRoles(assignee.roles, `${path}/assignee/roles`, node, ctx);
  if (typeof assignee.managerRole === 'string') {
    checkRoles([assignee.managerRole], `${path}/assignee/managerRole`, node, ctx);
  }
  if (assignee.expr !== undefined) checkExpr(assignee.expr, `${path}/assignee/expr`, node, ctx);
  if (typeof task.sla === 'string' && !isValidDuration(task.sla)) {
    add(
      ctx,
      node,
      `${path}/sla`,
      `"${task.sla}" is not an ISO-8601 duration (e.g. PT4H, P3D)`,
      'bad_duration',
    );
  }
  if (isObj(task.deadline)) checkDeadline(task.deadline, `${path}/deadline`, node, ctx);
  checkTaskForm(task, path, node, ctx);
  checkOutcomes(task, path, node, ctx);
}

function checkTaskForm(task: Obj, path: string, node: StateNodeInfo, ctx: Ctx): void {
  if (typeof task.form !== 'string' || !ctx.opts.forms) return;
  const form = ctx.opts.forms[task.form];
  if (!form) {
    add(ctx, node, `${path}/form`, `Unknown form "${task.form}"`, 'unknown_form');
    return;
  }
  for (const field of Object.keys(asObj(task.fields))) {
    if (!form.fields.includes(field)) {
      add(
        ctx,
        node,
        joinPath(`${path}/fields`, field),
        `Form "${task.form}" has no field "${field}"`,
        'unknown_field',
      );
    }
  }
}

/** Completing with outcome `approve` sends `APPROVE`: the task state or an ancestor must handle it. */
function checkOutcomes(task: Obj, path: string, node: StateNodeInfo, ctx: Ctx): void {
  const declared = Array.isArray(task.outcomes) ? task.outcomes : undefined;
  const outcomes = declared ?? ['complete'];
  const handled = new Set(selfAndAncestors(node).flatMap((n) => Object.keys(asObj(n.config.on))));
  outcomes.forEach((outcome, i) => {
    if (typeof outcome !== 'string') return;
    const event = outcome.toUpperCase();
    if (handled.has(event) || handled.has('*')) return;
    const at = declared ? `${path}/outcomes/${i}` : `${path}/outcomes`;
    add(
      ctx,
      node,
      at,
      `Outcome "${outcome}" has no ${event} transition in this state or an enclosing one`,
      'outcome_without_transition',
    );
  });
}

/** A task deadline: durations that parse, something to count from, an escalation role that exists. */
function checkDeadline(deadline: Obj, path: string, node: StateNodeInfo, ctx: Ctx): void {
  const duration = (value: unknown, at: string) => {
    if (typeof value === 'string' && !isValidDuration(value))
      add(ctx, node, at, `"${value}" is not an ISO-8601 duration (e.g. PT4H, P2D)`, 'bad_duration');
  };
  duration(deadline.duration, `${path}/duration`);
  if (deadline.duration === undefined && deadline.field === undefined)
    add(ctx, node, path, 'A deadline needs a duration or a date field', 'deadline_without_time');
  const remind = asObj(deadline.remind);
  for (const list of ['before', 'after'] as const) {
    if (Array.isArray(remind[list]))
      for (const [i, d] of (remind[list] as unknown[]).entries()) duration(d, `${path}/remind/${list}/${i}`);
  }
  const onTimeout = asObj(deadline.onTimeout);
  if (onTimeout.action === 'escalate') {
    if (typeof onTimeout.role !== 'string')
      add(ctx, node, `${path}/onTimeout/role`, 'Escalation needs a role', 'escalate_without_role');
    else if (ctx.opts.roles && !ctx.opts.roles.includes(onTimeout.role))
      add(ctx, node, `${path}/onTimeout/role`, `Unknown role "${onTimeout.role}"`, 'unknown_role');
  }
}

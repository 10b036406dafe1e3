/**
 * A readable summary of what changed between two versions of a workflow definition, shown before
 * publishing ("新增状态 总经理审批 (gmReview)", "修改 销售经理审批：任务设置、流转").
 */
import type { StateConfig, WorkflowDefinition } from '../../engine/types.ts';
import { jsonEqual } from './machine-utils.ts';
import { type FlowStringKey, fmt } from './strings.ts';

/** One line of the summary. */
export interface ChangeLine {
  kind: 'added' | 'removed' | 'changed';
  /** State path, or '' for the definition itself. */
  state: string;
  text: string;
}

// Names are looked up when a summary is made, so they follow the language switch.
const ASPECTS: [FlowStringKey, (s: StateConfig) => unknown][] = [
  ['diff.task', (s) => s.meta?.task],
  ['diff.transitions', (s) => [s.on, s.always, s.after, (s as { onDone?: unknown }).onDone]],
  ['diff.actions', (s) => [s.entry, s.exit]],
  ['diff.type', (s) => [s.type, s.initial]],
  ['diff.notes', (s) => [s.description, { ...s.meta, task: undefined }]],
];

function flatten(states: Record<string, StateConfig> | undefined, prefix = ''): Map<string, StateConfig> {
  const out = new Map<string, StateConfig>();
  for (const [name, cfg] of Object.entries(states ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.set(path, cfg);
    for (const [p, c] of flatten(cfg.states, path)) out.set(p, c);
  }
  return out;
}

const title = (path: string, cfg: StateConfig) => {
  const label = cfg.meta?.task?.name ?? cfg.meta?.label;
  return label ? `${label} (${path})` : path;
};

/**
 * Summarises the change from `before` (the published version, or null when none) to `after`.
 *
 * @example
 * summarizeChanges(published, draft); // [{ kind: 'added', state: 'gmReview', text: '新增 总经理审批 (gmReview)' }]
 */
export function summarizeChanges(before: WorkflowDefinition | null, after: WorkflowDefinition): ChangeLine[] {
  if (!before) return [{ kind: 'added', state: '', text: fmt('diff.first') }];
  const lines: ChangeLine[] = [];
  const top: string[] = [];
  if (before.name !== after.name) top.push(fmt('diff.name'));
  if ((before.description ?? '') !== (after.description ?? '')) top.push(fmt('diff.description'));
  if (!jsonEqual(before.starterRoles, after.starterRoles)) top.push(fmt('diff.starterRoles'));
  if (before.machine.initial !== after.machine.initial) top.push(fmt('diff.initial'));
  if (!jsonEqual(before.machine.context, after.machine.context)) top.push(fmt('diff.context'));
  if (!jsonEqual(before.machine.on, after.machine.on)) top.push(fmt('diff.globalOn'));
  if (top.length)
    lines.push({ kind: 'changed', state: '', text: fmt('diff.flow', { list: top.join(fmt('diff.sep')) }) });
  const a = flatten(before.machine.states);
  const b = flatten(after.machine.states);
  for (const [path, cfg] of b)
    if (!a.has(path))
      lines.push({ kind: 'added', state: path, text: fmt('diff.added', { what: title(path, cfg) }) });
  for (const [path, cfg] of a) {
    if (!b.has(path))
      lines.push({ kind: 'removed', state: path, text: fmt('diff.removed', { what: title(path, cfg) }) });
  }
  for (const [path, cfg] of b) {
    const old = a.get(path);
    if (!old) continue;
    const changed = ASPECTS.filter(([, get]) => !jsonEqual(strip(get(old)), strip(get(cfg)))).map(([name]) =>
      fmt(name),
    );
    if (changed.length)
      lines.push({
        kind: 'changed',
        state: path,
        text: fmt('diff.changed', { what: title(path, cfg), list: changed.join(fmt('diff.sep')) }),
      });
  }
  return lines;
}

/** Drops undefined members so `{ a: undefined }` equals `{}`. */
function strip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value ?? null));
}

/**
 * A readable summary of what changed between two versions of a workflow definition, shown before
 * publishing ("新增状态 总经理审批 (gmReview)", "修改 销售经理审批：任务设置、流转").
 */
import type { StateConfig, WorkflowDefinition } from '../../engine/types.ts';
import { jsonEqual } from './machine-utils.ts';

/** One line of the summary. */
export interface ChangeLine {
  kind: 'added' | 'removed' | 'changed';
  /** State path, or '' for the definition itself. */
  state: string;
  text: string;
}

const ASPECTS: [string, (s: StateConfig) => unknown][] = [
  ['任务设置', (s) => s.meta?.task],
  ['流转', (s) => [s.on, s.always, s.after, (s as { onDone?: unknown }).onDone]],
  ['进入/离开动作', (s) => [s.entry, s.exit]],
  ['类型', (s) => [s.type, s.initial]],
  ['说明', (s) => [s.description, { ...s.meta, task: undefined }]],
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
  if (!before) return [{ kind: 'added', state: '', text: '首次发布' }];
  const lines: ChangeLine[] = [];
  const top: string[] = [];
  if (before.name !== after.name) top.push('名称');
  if ((before.description ?? '') !== (after.description ?? '')) top.push('描述');
  if (!jsonEqual(before.starterRoles, after.starterRoles)) top.push('发起角色');
  if (before.machine.initial !== after.machine.initial) top.push('起始状态');
  if (!jsonEqual(before.machine.context, after.machine.context)) top.push('初始数据');
  if (!jsonEqual(before.machine.on, after.machine.on)) top.push('全局事件');
  if (top.length) lines.push({ kind: 'changed', state: '', text: `修改流程：${top.join('、')}` });
  const a = flatten(before.machine.states);
  const b = flatten(after.machine.states);
  for (const [path, cfg] of b)
    if (!a.has(path)) lines.push({ kind: 'added', state: path, text: `新增 ${title(path, cfg)}` });
  for (const [path, cfg] of a) {
    if (!b.has(path)) lines.push({ kind: 'removed', state: path, text: `删除 ${title(path, cfg)}` });
  }
  for (const [path, cfg] of b) {
    const old = a.get(path);
    if (!old) continue;
    const changed = ASPECTS.filter(([, get]) => !jsonEqual(strip(get(old)), strip(get(cfg)))).map(
      ([name]) => name,
    );
    if (changed.length)
      lines.push({ kind: 'changed', state: path, text: `修改 ${title(path, cfg)}：${changed.join('、')}` });
  }
  return lines;
}

/** Drops undefined members so `{ a: undefined }` equals `{}`. */
function strip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value ?? null));
}

/**
 * The flow designer's zh-CN strings, in one place. `fmt` fills `{name}` placeholders.
 */

export const FLOW_STRINGS = {
  // misfits: why a machine does not fit the simple (tree) mode
  'misfit.no-states': '流程没有任何状态',
  'misfit.unknown-target': '状态“{state}”指向不存在的状态“{target}”',
  'misfit.foreign-target': '状态“{state}”的流转“{target}”跳出了它所在的层级',
  'misfit.shared-state': '状态“{state}”被多处流转进入（汇合或回环），不是树形结构',
  'misfit.nested-state': '状态“{state}”是嵌套状态，简单模式不支持',
  'misfit.guarded-outcome': '状态“{state}”的审批结果带有条件，简单模式不支持',
  'misfit.no-else': '条件“{state}”没有“其他情况”分支',
  'misfit.unsupported-guard': '条件“{state}”使用了非表达式的守卫',
  'misfit.unsupported-state': '状态“{state}”的结构简单模式无法表示',
  'misfit.off-path-task': '任务状态“{state}”不在审批主线上',
  'misfit.tangled-branches': '条件“{state}”的分支交叉汇合，无法表示为树',
  'misfit.bad-start': '退回状态“{state}”提交后没有回到流程开始',
  // tree edits
  'edit.unknown-node': '找不到节点“{id}”',
  'edit.after-end': '结束节点之后不能再添加节点',
  'edit.after-terminal': '所有分支都已结束，之后不能再添加节点',
  'edit.end-only-in-branch': '结束节点只能放在条件分支的末尾',
  'edit.dead-end': '流程必须以结束节点收尾',
  'edit.start': '发起人节点不能删除',
  'edit.duplicate-state': '状态名“{state}”已被使用',
  'edit.bad-state-name': '状态名“{state}”不合法（字母开头，只含字母、数字、下划线）',
  'edit.min-branches': '分支至少需要两个',
  'edit.else-last': '最后一个分支必须是“其他情况”',
  // default names for new nodes
  'node.approval': '审批人',
  'node.handler': '办理人',
  'node.cc': '抄送人',
  'node.action': '自动处理',
  'node.condition': '条件分支',
  'node.parallel': '并行分支',
  'node.timer': '等待',
  'node.end': '结束',
  'node.start': '发起人',
  'branch.condition': '条件{n}',
  'branch.else': '其他情况',
  'branch.parallel': '分支{n}',
} as const;

export type FlowStringKey = keyof typeof FLOW_STRINGS;

/**
 * Looks up a string and fills its placeholders.
 *
 * @example
 * fmt('misfit.no-else', { state: 'gmCheck' }); // '条件“gmCheck”没有“其他情况”分支'
 */
export function fmt(key: FlowStringKey, params: Record<string, string | number> = {}): string {
  return FLOW_STRINGS[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

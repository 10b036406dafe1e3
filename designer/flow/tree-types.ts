/**
 * The approval TREE the simple (DingTalk / Feishu style) designer edits. Every node remembers the state
 * config it came from (`raw`) so that whatever the tree does not model (labels, entry effects, extra
 * events, timers on tasks) survives a round trip through `machineToTree` / `treeToMachine`.
 */
import type {
  AssigneeSpec,
  MachineConfig,
  StateConfig,
  TaskSpec,
  TransitionConfig,
} from '../../engine/types.ts';

export type NodeKind =
  | 'start'
  | 'approval'
  | 'handler'
  | 'cc'
  | 'action'
  | 'condition'
  | 'parallel'
  | 'timer'
  | 'end';

interface StateNode {
  id: string;
  /** State key within its scope (top level or parallel region). */
  state: string;
  /** The original state config; absent for nodes created in the designer. */
  raw?: StateConfig;
}

/**
 * 发起人: the submitter's step. `state` is set when the machine has a submitter task state, the one
 * approvals "return" to: either the initial state (`initial: true`) or a resubmission state entered
 * only on return, whose first outcome leads back to the first node.
 */
export interface StartNode {
  id: string;
  kind: 'start';
  state?: string;
  initial?: boolean;
  task?: TaskSpec;
  raw?: StateConfig;
}

/** 审批人: a task whose `approve` moves on, `reject` ends the flow, `return` goes back. */
export interface ApprovalNode extends StateNode {
  kind: 'approval';
  task: TaskSpec;
  allowReject: boolean;
  allowReturn: boolean;
  /** State path `reject` goes to. */
  rejectTo?: string;
  /** State path `return` goes to (default: the submitter state). */
  returnTo?: string;
}

/** 办理人: a task with one forward outcome (default `complete`). */
export interface HandlerNode extends StateNode {
  kind: 'handler';
  task: TaskSpec;
}

/** 抄送人: notifies people (kept in `meta.cc`, sent by a `notify` effect) and moves on. */
export interface CcNode extends StateNode {
  kind: 'cc';
  recipients: AssigneeSpec;
}

/** 自动处理: a state that only runs its entry effects and moves on. */
export interface ActionNode extends StateNode {
  kind: 'action';
}

/** 等待: waits an ISO-8601 duration, then moves on. */
export interface TimerNode extends StateNode {
  kind: 'timer';
  duration: string;
}

/** 结束: a final state. The same final may end several branches. */
export interface EndNode extends StateNode {
  kind: 'end';
}

/** One branch of a condition: a CEL guard (`expr` undefined for the last, "else" branch). */
export interface ConditionBranch {
  id: string;
  name?: string;
  expr?: string;
  nodes: FlowNode[];
  /** The original `always` transition, for its actions, meta and guard params. */
  raw?: TransitionConfig;
}

/** 条件分支: the first branch whose guard holds is taken; branches that do not end rejoin after it. */
export interface ConditionNode extends StateNode {
  kind: 'condition';
  branches: ConditionBranch[];
}

/** One region of a parallel state; its chain always ends with the region's final state. */
export interface ParallelBranch {
  id: string;
  region: string;
  nodes: FlowNode[];
  raw?: StateConfig;
}

/** 并行分支: every region runs; the flow continues when all are done. */
export interface ParallelNode extends StateNode {
  kind: 'parallel';
  branches: ParallelBranch[];
}

export type FlowNode =
  | ApprovalNode
  | HandlerNode
  | CcNode
  | ActionNode
  | TimerNode
  | EndNode
  | ConditionNode
  | ParallelNode;

export type TreeNode = StartNode | FlowNode;

/** The whole tree: the machine's own settings, the start, the main chain and states kept aside. */
export interface ApprovalTree {
  /** The machine config without `states` and `initial` (id, context, meta, root `on`, ...). */
  root: Omit<MachineConfig, 'states' | 'initial'>;
  start: StartNode;
  nodes: FlowNode[];
  /** Top-level states off the main chain that hold no task (reject / withdraw finals), kept verbatim. */
  extraStates: Record<string, StateConfig>;
  /** Default reject target for new approval nodes. */
  rejectTo?: string;
}

export type MisfitCode =
  | 'no-states'
  | 'parallel-root'
  | 'no-initial'
  | 'unknown-target'
  | 'foreign-target'
  | 'shared-state'
  | 'nested-state'
  | 'guarded-outcome'
  | 'no-else'
  | 'unsupported-guard'
  | 'unsupported-state'
  | 'off-path-task'
  | 'tangled-branches'
  | 'bad-start';

/** Why a machine does not fit the tree: a code, a readable message and the state concerned. */
export interface Misfit {
  code: MisfitCode;
  state?: string;
  reason: string;
}

export type TreeResult = { ok: true; tree: ApprovalTree } | ({ ok: false } & Misfit);
export type TreeEdit = { ok: true; tree: ApprovalTree } | { ok: false; reason: string };

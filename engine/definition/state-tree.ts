/**
 * A tolerant model of a definition's state tree for the validator: it reads `unknown` input (the shape
 * may be wrong), knows each node's JSON path, XState id and kind, lists transitions with the JSON path
 * of every target, and resolves targets the way XState v5 does.
 */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {});

/** A JSON pointer one key deeper: `joinPath('/machine', 'states')` → `/machine/states` (`~`, `/` escaped). */
export function joinPath(base: string, key: string | number): string {
  return `${base}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

export interface StateNodeInfo {
  key: string;
  /** State keys from the root (empty for the machine itself). */
  path: string[];
  /** XState id: the custom `id`, else `machineId.path.to.state`. */
  id: string;
  /** JSON pointer of the node's config (`/machine/states/review`). */
  jsonPath: string;
  config: Obj;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  parent: StateNodeInfo | undefined;
  children: Map<string, StateNodeInfo>;
}

export interface TargetRef {
  target: string;
  jsonPath: string;
}

export interface TransitionInfo {
  source: StateNodeInfo;
  /** `on`, `after`, `always` or `onDone`. */
  kind: 'on' | 'after' | 'always' | 'onDone';
  /** The event (for `on`) or the duration (for `after`). */
  key?: string;
  jsonPath: string;
  /** The transition object (empty for the string shorthand). */
  config: Obj;
  targets: TargetRef[];
}

/** The tree plus an index by id. */
export interface StateTree {
  root: StateNodeInfo;
  nodes: StateNodeInfo[];
  byId: Map<string, StateNodeInfo>;
}

/** Dotted state path for `Problem.state`; undefined for the machine itself. */
export const statePathOf = (node: StateNodeInfo): string | undefined =>
  node.path.length > 0 ? node.path.join('.') : undefined;

function kindOf(config: Obj): StateNodeInfo['kind'] {
  const t = config.type;
  if (t === 'parallel' || t === 'final' || t === 'history') return t;
  return Object.keys(asObj(config.states)).length > 0 ? 'compound' : 'atomic';
}

/** Builds the tree of `machine` (any shape; non-object states are skipped). */
export function buildStateTree(machine: unknown): StateTree {
  const config = asObj(machine);
  const machineId = typeof config.id === 'string' ? config.id : '(machine)';
  const nodes: StateNodeInfo[] = [];
  const byId = new Map<string, StateNodeInfo>();
  const visit = (cfg: Obj, key: string, path: string[], jsonPath: string, parent?: StateNodeInfo) => {
    const id = typeof cfg.id === 'string' && parent ? cfg.id : [machineId, ...path].join('.');
    const node: StateNodeInfo = {
      key,
      path,
      id,
      jsonPath,
      config: cfg,
      kind: kindOf(cfg),
      parent,
      children: new Map(),
    };
    nodes.push(node);
    byId.set(parent ? id : machineId, node);
    for (const [childKey, child] of Object.entries(asObj(cfg.states))) {
      if (!isObj(child)) continue;
      const childNode = visit(
        child,
        childKey,
        [...path, childKey],
        joinPath(joinPath(jsonPath, 'states'), childKey),
        node,
      );
      node.children.set(childKey, childNode);
    }
    return node;
  };
  const root = visit(config, machineId, [], '/machine');
  return { root, nodes, byId };
}

/** Every transition of a node with the JSON path of each target. */
export function transitionsOf(node: StateNodeInfo): TransitionInfo[] {
  const out: TransitionInfo[] = [];
  const add = (kind: TransitionInfo['kind'], raw: unknown, jsonPath: string, key?: string) => {
    const list = Array.isArray(raw) ? raw : [raw];
    list.forEach((item, i) => {
      const path = Array.isArray(raw) ? joinPath(jsonPath, i) : jsonPath;
      const info: TransitionInfo = { source: node, kind, jsonPath: path, config: asObj(item), targets: [] };
      if (key !== undefined) info.key = key;
      if (typeof item === 'string') info.targets.push({ target: item, jsonPath: path });
      else if (isObj(item)) info.targets.push(...targetsOf(item.target, joinPath(path, 'target')));
      out.push(info);
    });
  };
  for (const kind of ['on', 'after'] as const) {
    for (const [key, raw] of Object.entries(asObj(node.config[kind]))) {
      add(kind, raw, joinPath(joinPath(node.jsonPath, kind), key), key);
    }
  }
  for (const kind of ['always', 'onDone'] as const) {
    if (node.config[kind] !== undefined) add(kind, node.config[kind], joinPath(node.jsonPath, kind));
  }
  return out;
}

function targetsOf(target: unknown, jsonPath: string): TargetRef[] {
  if (typeof target === 'string') return [{ target, jsonPath }];
  if (!Array.isArray(target)) return [];
  return target.flatMap((t, j) =>
    typeof t === 'string' ? [{ target: t, jsonPath: joinPath(jsonPath, j) }] : [],
  );
}

function descend(from: StateNodeInfo | undefined, segments: string[]): StateNodeInfo | undefined {
  let node = from;
  for (const segment of segments) {
    if (segment === '') break;
    node = node?.children.get(segment);
  }
  return node;
}

/**
 * Resolves a target like XState v5: `#id.a.b` from the node with that id, `.child` from the source,
 * `sibling.child` from the source's parent (not allowed on the machine itself).
 */
export function resolveTarget(
  tree: StateTree,
  source: StateNodeInfo,
  target: string,
): StateNodeInfo | undefined {
  if (target.startsWith('#')) {
    const whole = tree.byId.get(target.slice(1));
    if (whole) return whole;
    const [head = '', ...rest] = target.slice(1).split('.');
    return descend(tree.byId.get(head), rest);
  }
  if (target.startsWith('.')) return descend(source, target.slice(1).split('.'));
  if (!source.parent) return undefined;
  return descend(source.parent, target.split('.'));
}

/** The node and its ancestors, innermost first. */
export function selfAndAncestors(node: StateNodeInfo): StateNodeInfo[] {
  const out: StateNodeInfo[] = [];
  for (let n: StateNodeInfo | undefined = node; n; n = n.parent) out.push(n);
  return out;
}

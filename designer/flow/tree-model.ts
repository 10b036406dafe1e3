/**
 * The approval tree model of the simple designer: machine ↔ tree conversion and pure tree edits.
 * See tree-types.ts for the shapes, tree-parse.ts / tree-emit.ts for the conversion rules.
 */

export { CC_TOPIC, treeToMachine } from './tree-emit.ts';
export {
  addBranch,
  copyNode,
  createNode,
  insertNode,
  type NewNodeKind,
  type NodePatch,
  removeBranch,
  removeNode,
  updateBranch,
  updateNode,
} from './tree-ops.ts';
export { machineToTree } from './tree-parse.ts';
export type * from './tree-types.ts';
export {
  chainsOf,
  checkTree,
  finalStatesOf,
  findNode,
  locateBranch,
  locateNode,
  terminates,
} from './tree-walk.ts';

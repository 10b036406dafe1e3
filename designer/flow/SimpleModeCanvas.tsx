/**
 * The simple (DingTalk / Feishu style) designer: the approval tree drawn top to bottom, with a "+"
 * between nodes to insert approval, handler, cc, condition, parallel, timer and end nodes.
 */
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { currentLocale } from '../i18n/i18n.ts';
import type { FieldLabels } from './cel-words.ts';
import { useDesignerOptions } from './designer-options.tsx';
import { durationWords } from './duration-model.ts';
import { fieldLabelMap } from './flow-fields.ts';
import { ellipsize, guardWords, stateLabelText } from './graph-labels.ts';
import { fmt } from './strings.ts';
import {
  type ApprovalTree,
  addBranch,
  createNode,
  type FlowNode,
  insertNode,
  type NewNodeKind,
  removeBranch,
  removeNode,
  type TreeEdit,
  terminates,
} from './tree-model.ts';

export interface SimpleModeCanvasProps {
  tree: ApprovalTree;
  selectedId?: string;
  /** State names with validation problems, marked red. */
  problemStates?: ReadonlySet<string>;
  onChange: (tree: ApprovalTree) => void;
  onSelect: (id: string | undefined) => void;
  onError: (reason: string) => void;
}

/** Header colours, dark enough for white text at WCAG AA (antd palette, shades 7–8). */
const KIND_COLOR: Record<FlowNode['kind'] | 'start', string> = {
  start: '#595959',
  approval: '#ad4e00',
  handler: '#0958d9',
  cc: '#006d75',
  action: '#531dab',
  condition: '#237804',
  parallel: '#1d39c4',
  timer: '#9e1068',
  end: '#434343',
};

const INSERTABLE: NewNodeKind[] = ['approval', 'handler', 'cc', 'condition', 'parallel', 'timer'];
const LINE: CSSProperties = { width: 2, minHeight: 16, background: '#d9d9d9', margin: '0 auto' };

type Ctx = SimpleModeCanvasProps & {
  apply: (edit: TreeEdit, select?: string) => void;
  /** A role code as people know it (sales_manager → 销售经理), the code itself when unknown. */
  roleName: (code: string) => string;
  /** The flow's fields, for conditions in words. */
  labels: FieldLabels;
};

function summary(node: FlowNode, roleName: (code: string) => string): string {
  if (node.kind === 'approval' || node.kind === 'handler') {
    const a = node.task.assignee;
    const roles = (a.roles ?? []).map(roleName);
    const who = [...roles, ...(a.users ?? []), ...(a.expr ? [a.expr] : [])].join('、') || fmt('ui.unset');
    return node.kind === 'approval' ? `${who} · ${fmt(`ui.mode.${node.task.mode ?? 'any'}`)}` : who;
  }
  if (node.kind === 'cc')
    return (
      [...(node.recipients.roles ?? []).map(roleName), ...(node.recipients.users ?? [])].join('、') ||
      fmt('ui.unset')
    );
  if (node.kind === 'timer') return durationWords(node.duration);
  return stateLabelText(node.state, node.raw);
}

function titleOf(node: FlowNode): string {
  if (node.kind === 'approval' || node.kind === 'handler') return node.task.name;
  return (
    node.raw?.meta?.label ??
    (node.kind === 'end' ? stateLabelText(node.state, node.raw) : fmt(`node.${node.kind}`))
  );
}

function AddButton({ ctx, afterId, allowEnd }: { ctx: Ctx; afterId: string; allowEnd: boolean }) {
  const kinds: NewNodeKind[] = allowEnd ? [...INSERTABLE, 'end'] : INSERTABLE;
  const items = kinds.map((kind) => ({ key: kind, label: fmt(`node.${kind}`) }));
  const insert = (kind: NewNodeKind) => {
    const node = createNode(ctx.tree, kind);
    ctx.apply(insertNode(ctx.tree, afterId, node), node.id);
  };
  return (
    <Flex vertical align="center">
      <div style={LINE} />
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => insert(key as NewNodeKind) }}>
        <Button shape="circle" size="small" icon={<PlusOutlined />} aria-label={fmt('ui.add')} />
      </Dropdown>
      <div style={LINE} />
    </Flex>
  );
}

function NodeCard(props: {
  ctx: Ctx;
  id: string;
  kind: FlowNode['kind'] | 'start';
  title: string;
  text: string;
  state?: string;
  removable: boolean;
}) {
  const { ctx, id, kind } = props;
  const selected = ctx.selectedId === id;
  const problem = props.state !== undefined && ctx.problemStates?.has(props.state);
  // The delete button sits over the card's header, beside the card rather than inside it: a button
  // within a button cannot be reached by keyboard or screen reader.
  return (
    <div style={{ position: 'relative' }}>
      <Card
        size="small"
        role="button"
        tabIndex={0}
        aria-label={`${fmt(`node.${kind}`)} ${props.title}`}
        aria-pressed={selected}
        onClick={(e) => {
          e.stopPropagation();
          ctx.onSelect(id);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault();
          ctx.onSelect(id);
        }}
        style={{
          width: 220,
          cursor: 'pointer',
          borderColor: problem ? '#ff4d4f' : selected ? '#1677ff' : undefined,
          borderWidth: problem || selected ? 2 : 1,
        }}
        styles={{ header: { background: KIND_COLOR[kind], color: '#fff', minHeight: 32 } }}
        title={fmt(`node.${kind}`)}
      >
        <Typography.Text strong>{props.title}</Typography.Text>
        <br />
        <Typography.Text type="secondary" ellipsis>
          {props.text}
        </Typography.Text>
      </Card>
      {props.removable && (
        <Button
          type="text"
          size="small"
          style={{ position: 'absolute', top: 4, right: 4 }}
          icon={<CloseOutlined style={{ color: '#fff' }} />}
          aria-label={`${fmt('ui.delete')} ${props.title}`}
          onClick={(e) => {
            e.stopPropagation();
            ctx.apply(removeNode(ctx.tree, id));
          }}
        />
      )}
    </div>
  );
}

/** A condition card's text: its branches' conditions in words (not the state's name), else its name. */
function conditionWords(
  node: Extract<FlowNode, { kind: 'condition' | 'parallel' }>,
  labels: FieldLabels,
): string {
  const words = node.branches.flatMap((b) =>
    'region' in b || b.expr === undefined ? [] : [guardWords(b.expr, labels)],
  );
  return words.length > 0 ? ellipsize(words.join('；'), 40) : node.state;
}

function Branches({ ctx, node }: { ctx: Ctx; node: Extract<FlowNode, { kind: 'condition' | 'parallel' }> }) {
  const isCondition = node.kind === 'condition';
  return (
    <Flex vertical align="center">
      <NodeCard
        ctx={ctx}
        id={node.id}
        kind={node.kind}
        title={titleOf(node)}
        text={isCondition ? conditionWords(node, ctx.labels) : node.state}
        state={node.state}
        removable
      />
      <Button size="small" style={{ marginTop: 8 }} onClick={() => ctx.apply(addBranch(ctx.tree, node.id))}>
        {fmt(isCondition ? 'ui.addCondition' : 'ui.addBranch')}
      </Button>
      <Flex
        gap={24}
        align="flex-start"
        style={{ borderTop: '2px solid #d9d9d9', marginTop: 8, paddingTop: 8 }}
      >
        {node.branches.map((b, i) => {
          const name =
            'region' in b
              ? b.region
              : (b.name ??
                (b.expr === undefined ? fmt('branch.else') : fmt('branch.condition', { n: i + 1 })));
          const guard = 'region' in b ? undefined : b.expr;
          return (
            <Flex key={b.id} vertical align="center">
              <Flex align="center" gap={2}>
                <Tag
                  role="button"
                  tabIndex={0}
                  aria-pressed={ctx.selectedId === b.id}
                  color={ctx.selectedId === b.id ? 'blue' : undefined}
                  onClick={(e) => {
                    e.stopPropagation();
                    ctx.onSelect(b.id);
                  }}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' && e.key !== ' ') return;
                    e.preventDefault();
                    ctx.onSelect(b.id);
                  }}
                  title={guard === undefined ? undefined : guardWords(guard, ctx.labels)}
                  style={{ cursor: 'pointer', maxWidth: 220, whiteSpace: 'normal', marginInlineEnd: 0 }}
                >
                  {`${name}${guard ? `：${ellipsize(guardWords(guard, ctx.labels), 40)}` : ''}`}
                </Tag>
                {!(isCondition && guard === undefined) && (
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined />}
                    aria-label={`${fmt('ui.delete')} ${name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      ctx.apply(removeBranch(ctx.tree, b.id));
                    }}
                  />
                )}
              </Flex>
              <AddButton ctx={ctx} afterId={b.id} allowEnd={isCondition && b.nodes.length === 0} />
              <Chain ctx={ctx} nodes={b.nodes} inBranch={isCondition} />
            </Flex>
          );
        })}
      </Flex>
    </Flex>
  );
}

function Chain({ ctx, nodes, inBranch }: { ctx: Ctx; nodes: FlowNode[]; inBranch: boolean }) {
  return (
    <Flex vertical align="center">
      {nodes.map((node, i) => {
        const last = i === nodes.length - 1;
        const canAppend = node.kind !== 'end' && !(node.kind === 'condition' && terminates([node]));
        return (
          <Flex key={node.id} vertical align="center">
            {node.kind === 'condition' || node.kind === 'parallel' ? (
              <Branches ctx={ctx} node={node} />
            ) : (
              <NodeCard
                ctx={ctx}
                id={node.id}
                kind={node.kind}
                title={titleOf(node)}
                text={summary(node, ctx.roleName)}
                state={node.state}
                removable
              />
            )}
            {canAppend && <AddButton ctx={ctx} afterId={node.id} allowEnd={inBranch && last} />}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The tree canvas. Every edit goes through the pure tree operations; refusals are reported via `onError`. */
export function SimpleModeCanvas(props: SimpleModeCanvasProps) {
  const { tree } = props;
  const apply = (edit: TreeEdit, select?: string) => {
    if (!edit.ok) return props.onError(edit.reason);
    props.onChange(edit.tree);
    if (select) props.onSelect(select);
  };
  const { roles, fields } = useDesignerOptions();
  const en = currentLocale() === 'en';
  const roleName = (code: string) => {
    const role = roles.find((r) => r.code === code);
    return role ? (en ? role.labelEn : role.labelZh) : code;
  };
  const ctx: Ctx = { ...props, apply, roleName, labels: fieldLabelMap(fields) };
  // The start card is the submitter; the state a returned order is resubmitted from comes second.
  const resubmit = tree.start.task?.name ?? tree.start.state;
  const startText = resubmit ? fmt('ui.resubmitIn', { name: resubmit }) : '';
  return (
    <div
      data-testid="simple-canvas"
      style={{ overflow: 'auto', padding: 24, background: '#f5f5f5', height: '100%' }}
    >
      <Flex vertical align="center">
        <NodeCard
          ctx={ctx}
          id={tree.start.id}
          kind="start"
          title={fmt('ui.submitter')}
          text={startText}
          state={tree.start.state}
          removable={false}
        />
        <AddButton ctx={ctx} afterId={tree.start.id} allowEnd={false} />
        <Chain ctx={ctx} nodes={tree.nodes} inBranch={false} />
      </Flex>
    </div>
  );
}

/**
 * The no-code condition builder: rows of "field operator value" over the flow's form fields (by their
 * labels), joined by AND / OR, with one level of sub-groups. It edits a model; the caller turns it
 * into CEL (`conditionToCel`).
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { fenToYuan, yuanToFen } from '../components/money.ts';
import { opWord } from './cel-words.ts';
import {
  type Condition,
  type ConditionGroup,
  type ConditionItem,
  type ConditionValue,
  emptyGroup,
  operatorsFor,
  takesValue,
} from './condition-model.ts';
import type { FieldKind, FlowField } from './flow-fields.ts';
import { fmt } from './strings.ts';

export interface ConditionBuilderProps {
  group: ConditionGroup;
  fields: FlowField[];
  onChange: (group: ConditionGroup) => void;
}

/** Kinds whose fields may be compared with one another (money with money: both in fen). */
const COMPARABLE: FieldKind[] = ['number', 'money', 'date', 'text', 'enum'];

/** Fields a value may be compared with: other fields of the same kind. */
function comparable(fields: FlowField[], field: FlowField | undefined): FlowField[] {
  if (!field || !COMPARABLE.includes(field.kind)) return [];
  return fields.filter((f) => f.path !== field.path && f.kind === field.kind);
}

function LiteralInput({
  field,
  value,
  onChange,
}: {
  field: FlowField | undefined;
  value: ConditionValue | undefined;
  onChange: (v: ConditionValue | undefined) => void;
}) {
  const current = value?.kind === 'literal' ? value.value : undefined;
  const set = (v: string | number | boolean | null | undefined) =>
    onChange(v === null || v === undefined || v === '' ? undefined : { kind: 'literal', value: v });
  const label = fmt('cond.value');
  switch (field?.kind) {
    case 'money':
      return (
        <InputNumber
          aria-label={label}
          min={0}
          precision={2}
          suffix={fmt('cond.yuan')}
          value={typeof current === 'number' ? fenToYuan(current) : null}
          onChange={(v) => set(typeof v === 'number' ? yuanToFen(v) : null)}
          style={{ width: 150 }}
        />
      );
    case 'number':
      return (
        <InputNumber
          aria-label={label}
          value={typeof current === 'number' ? current : null}
          onChange={(v) => set(typeof v === 'number' ? v : null)}
          style={{ width: 130 }}
        />
      );
    case 'date':
      return (
        <Input
          aria-label={label}
          type="date"
          value={typeof current === 'string' ? current : ''}
          onChange={(e) => set(e.target.value)}
          style={{ width: 150 }}
        />
      );
    case 'enum':
    case 'multi':
      return (
        <Select
          aria-label={label}
          value={current === undefined ? undefined : String(current)}
          options={field.options ?? []}
          onChange={(v: string) => set(v)}
          style={{ minWidth: 120 }}
        />
      );
    case 'boolean':
      return (
        <Select
          aria-label={label}
          value={current === undefined ? undefined : String(current)}
          options={[
            { value: 'true', label: fmt('cond.true') },
            { value: 'false', label: fmt('cond.false') },
          ]}
          onChange={(v: string) => set(v === 'true')}
          style={{ width: 90 }}
        />
      );
    default:
      return (
        <Input
          aria-label={label}
          value={current === undefined ? '' : String(current)}
          onChange={(e) => set(e.target.value)}
          style={{ width: 150 }}
        />
      );
  }
}

function ConditionRow({
  cond,
  name,
  fields,
  onChange,
  onRemove,
}: {
  cond: Condition;
  name: string;
  fields: FlowField[];
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const field = fields.find((f) => f.path === cond.field);
  const ops = operatorsFor(field?.kind ?? 'other');
  const others = comparable(fields, field);
  const byField = cond.value?.kind === 'field';
  const fieldOptions = fields.map((f) => ({ value: f.path, label: f.label }));
  if (cond.field && !field) fieldOptions.push({ value: cond.field, label: cond.field });
  return (
    <Flex role="group" aria-label={name} gap={4} wrap align="center">
      <Select
        aria-label={fmt('cond.field')}
        placeholder={fmt('cond.pickField')}
        showSearch={{ optionFilterProp: 'label' }}
        value={cond.field || undefined}
        options={fieldOptions}
        onChange={(path: string) => {
          const kind = fields.find((f) => f.path === path)?.kind ?? 'other';
          onChange({ type: 'condition', field: path, op: operatorsFor(kind)[0] ?? 'eq' });
        }}
        style={{ minWidth: 130 }}
      />
      <Select
        aria-label={fmt('cond.operator')}
        value={cond.op}
        options={ops.map((op) => ({ value: op, label: opWord(op) }))}
        onChange={(op: Condition['op']) =>
          onChange(takesValue(op) ? { ...cond, op } : { type: 'condition', field: cond.field, op })
        }
        style={{ width: 110 }}
      />
      {takesValue(cond.op) && others.length > 0 && (
        <Select
          aria-label={fmt('cond.valueKind')}
          value={byField ? 'field' : 'literal'}
          options={[
            { value: 'literal', label: fmt('cond.literal') },
            { value: 'field', label: fmt('cond.otherField') },
          ]}
          onChange={(k: string) => {
            const { value: _, ...rest } = cond;
            const first = others[0];
            onChange(k === 'field' && first ? { ...rest, value: { kind: 'field', path: first.path } } : rest);
          }}
          style={{ width: 100 }}
        />
      )}
      {takesValue(cond.op) &&
        (byField ? (
          <Select
            aria-label={fmt('cond.otherField')}
            value={cond.value?.kind === 'field' ? cond.value.path : undefined}
            options={others.map((f) => ({ value: f.path, label: f.label }))}
            onChange={(path: string) => onChange({ ...cond, value: { kind: 'field', path } })}
            style={{ minWidth: 120 }}
          />
        ) : (
          <LiteralInput
            field={field}
            value={cond.value}
            onChange={(value) => {
              const { value: _, ...rest } = cond;
              onChange(value ? { ...rest, value } : rest);
            }}
          />
        ))}
      <Button
        type="text"
        size="small"
        icon={<DeleteOutlined />}
        aria-label={`${fmt('cond.removeCondition')} ${name}`}
        onClick={onRemove}
      />
    </Flex>
  );
}

function newCondition(): Condition {
  return { type: 'condition', field: '', op: 'eq' };
}

function GroupEditor({
  group,
  fields,
  name,
  prefix,
  onChange,
}: ConditionBuilderProps & { name: string; prefix: string }) {
  const nested = prefix !== '';
  const setItem = (i: number, item: ConditionItem | undefined) => {
    const items = [...group.items];
    if (item) items[i] = item;
    else items.splice(i, 1);
    onChange({ ...group, items });
  };
  return (
    <Flex
      vertical
      gap={6}
      role="group"
      aria-label={name}
      style={nested ? { borderLeft: '3px solid #d9d9d9', paddingLeft: 8 } : undefined}
    >
      <Radio.Group
        aria-label={fmt('cond.join')}
        size="small"
        optionType="button"
        value={group.join}
        options={[
          { value: 'and', label: fmt('cond.joinAnd') },
          { value: 'or', label: fmt('cond.joinOr') },
        ]}
        onChange={(e) => onChange({ ...group, join: e.target.value as 'and' | 'or' })}
      />
      {group.items.length === 0 && (
        <Typography.Text type="secondary">{fmt('cond.emptyGroup')}</Typography.Text>
      )}
      {group.items.map((item, i) => {
        return item.type === 'condition' ? (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
            key={i}
            cond={item}
            name={fmt('cond.row', { n: `${prefix}${i + 1}` })}
            fields={fields}
            onChange={(c) => setItem(i, c)}
            onRemove={() => setItem(i, undefined)}
          />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
          <Flex key={`g${i}`} vertical gap={4}>
            <GroupEditor
              group={item}
              fields={fields}
              name={`${fmt('cond.group')} ${i + 1}`}
              prefix={`${i + 1}.`}
              onChange={(g) => setItem(i, g)}
            />
            <Button
              size="small"
              type="link"
              danger
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setItem(i, undefined)}
            >
              {`${fmt('cond.removeGroup')} ${i + 1}`}
            </Button>
          </Flex>
        );
      })}
      <Flex gap={6}>
        <Button size="small" onClick={() => onChange({ ...group, items: [...group.items, newCondition()] })}>
          {nested ? `${fmt('cond.addCondition')}（${name}）` : fmt('cond.addCondition')}
        </Button>
        {!nested && (
          <Button
            size="small"
            onClick={() =>
              onChange({
                ...group,
                items: [
                  ...group.items,
                  { ...emptyGroup(group.join === 'and' ? 'or' : 'and'), items: [newCondition()] },
                ],
              })
            }
          >
            {fmt('cond.addGroup')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

/** The builder for one guard. */
export function ConditionBuilder({ group, fields, onChange }: ConditionBuilderProps) {
  return (
    <Flex vertical gap={6}>
      {fields.length === 0 && <Typography.Text type="warning">{fmt('cond.noFields')}</Typography.Text>}
      <GroupEditor group={group} fields={fields} name={fmt('cond.builder')} prefix="" onChange={onChange} />
    </Flex>
  );
}

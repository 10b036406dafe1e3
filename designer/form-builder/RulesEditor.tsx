/**
 * Show/hide rules: "show <field> when <other field> <op> <value>", one row per rule. The preview
 * compiles them with forms/rules.ts, exactly as the server does.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Typography } from 'antd';
import type { VisibilityRule } from '../../forms/types.ts';
import { tf } from './strings.ts';

type Op = VisibilityRule['when']['op'];
const OPS: Op[] = ['eq', 'neq', 'in', 'notEmpty'];

export interface RulesEditorProps {
  rules: VisibilityRule[];
  /** Field names (dotted for fields in sections) a rule may show or look at. */
  fields: string[];
  onChange: (rules: VisibilityRule[]) => void;
}

function valueText(rule: VisibilityRule): string {
  const v = rule.when.value;
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(',') : String(v);
}

function parseValue(op: Op, text: string): unknown {
  if (op === 'notEmpty') return undefined;
  if (op === 'in')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (text === 'true' || text === 'false') return text === 'true';
  return text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
}

/** The rules tab of the form builder. */
export function RulesEditor({ rules, fields, onChange }: RulesEditorProps) {
  const options = fields.map((f) => ({ value: f, label: f }));
  const set = (i: number, rule: VisibilityRule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  return (
    <section aria-label={tf('rules')}>
      {rules.map((rule, i) => (
        <Flex
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are positional; the row remounts when its rule changes
          key={`${i}-${JSON.stringify(rule)}`}
          gap={4}
          wrap
          align="center"
          style={{ marginBottom: 8 }}
        >
          <Typography.Text>{tf('ruleShow')}</Typography.Text>
          <Select
            aria-label={tf('rule.field', { n: i + 1 })}
            style={{ width: 120 }}
            value={rule.field}
            options={options}
            onChange={(field: string) => set(i, { ...rule, field })}
          />
          <Typography.Text>{tf('ruleWhen')}</Typography.Text>
          <Select
            aria-label={tf('rule.when', { n: i + 1 })}
            style={{ width: 120 }}
            value={rule.when.field}
            options={options}
            onChange={(field: string) => set(i, { ...rule, when: { ...rule.when, field } })}
          />
          <Select<Op>
            aria-label={tf('rule.op', { n: i + 1 })}
            style={{ width: 90 }}
            value={rule.when.op}
            options={OPS.map((op) => ({ value: op, label: tf(`op.${op}`) }))}
            onChange={(op) =>
              set(i, {
                ...rule,
                when: {
                  field: rule.when.field,
                  op,
                  ...(op === 'notEmpty' ? {} : { value: rule.when.value }),
                },
              })
            }
          />
          {rule.when.op !== 'notEmpty' && (
            <Input
              aria-label={tf('rule.value', { n: i + 1 })}
              style={{ width: 100 }}
              defaultValue={valueText(rule)}
              onBlur={(e) =>
                set(i, { ...rule, when: { ...rule.when, value: parseValue(rule.when.op, e.target.value) } })
              }
            />
          )}
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label={tf('rule.remove', { n: i + 1 })}
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Button
        disabled={fields.length < 2}
        onClick={() =>
          onChange([...rules, { field: fields[1] ?? '', when: { field: fields[0] ?? '', op: 'notEmpty' } }])
        }
      >
        {tf('addRule')}
      </Button>
    </section>
  );
}

/**
 * A CEL expression field that checks syntax and names as you type, with the pure engine's checker
 * (the same one the server's validation uses).
 */
import { Button, Flex, Input, Typography } from 'antd';
import { useMemo } from 'react';
import { BUILTIN_NAMES, checkExpression } from '../../engine/expression.ts';
import { hasChineseOutsideStrings, wordsToCel } from './cel-words.ts';
import type { FlowField } from './flow-fields.ts';
import { fmt } from './strings.ts';

export interface ExpressionInputProps {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /** Names the expression may use (the context's fields); when empty, names are not checked. */
  names: string[];
  placeholder?: string;
  /** An empty value is fine (the expression is optional); nothing is shown for it. */
  optional?: boolean;
  /** The flow's fields: Chinese typed by label is offered back written with field names. */
  fields?: FlowField[];
  /** Offered when Chinese is typed: switch to the condition builder. */
  onUseBuilder?: () => void;
}

/** The first problem of an expression, or null when it is fine (empty counts as a problem). */
export function expressionProblem(src: string, names: string[]): string | null {
  if (src.trim() === '') return fmt('ui.exprEmpty');
  if (hasChineseOutsideStrings(src))
    return fmt('cond.chinese', { example: names[0] ? `${names[0]} > 0` : 'amount > 0' });
  const problems = checkExpression(src, [...names, ...BUILTIN_NAMES]);
  const relevant = names.length ? problems : problems.filter((p) => p.name === undefined);
  return relevant[0]?.message ?? null;
}

/** A text area for a CEL expression with an inline check. */
export function ExpressionInput({
  id,
  value,
  onChange,
  names,
  placeholder,
  optional,
  fields,
  onUseBuilder,
}: ExpressionInputProps) {
  const empty = optional === true && value.trim() === '';
  const problem = useMemo(() => (empty ? null : expressionProblem(value, names)), [empty, value, names]);
  const chinese = !empty && hasChineseOutsideStrings(value);
  const suggestion = useMemo(() => {
    if (!chinese || !fields) return undefined;
    const cel = wordsToCel(value, fields);
    return cel !== undefined && expressionProblem(cel, names) === null ? cel : undefined;
  }, [chinese, fields, value, names]);
  return (
    <div>
      <Input.TextArea
        id={id}
        value={value}
        autoSize={{ minRows: 1, maxRows: 4 }}
        placeholder={placeholder}
        status={problem ? 'error' : undefined}
        onChange={(e) => onChange(e.target.value)}
        style={{ fontFamily: 'monospace' }}
      />
      {!empty && (
        <Typography.Text type={problem ? 'danger' : 'success'} style={{ fontSize: 12 }} role="status">
          {problem ?? fmt('ui.exprOk')}
        </Typography.Text>
      )}
      {chinese && (suggestion || onUseBuilder) && (
        <Flex gap={6} wrap align="center" style={{ marginTop: 4 }}>
          {suggestion && (
            <>
              <Typography.Text style={{ fontSize: 12 }}>
                {fmt('cond.suggest')}
                <code>{suggestion}</code>
              </Typography.Text>
              <Button size="small" onClick={() => onChange(suggestion)}>
                {fmt('cond.applySuggest')}
              </Button>
            </>
          )}
          {onUseBuilder && (
            <Button size="small" type="primary" onClick={onUseBuilder}>
              {fmt('cond.useBuilder')}
            </Button>
          )}
        </Flex>
      )}
    </div>
  );
}

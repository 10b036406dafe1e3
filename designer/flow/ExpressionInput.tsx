/**
 * A CEL expression field that checks syntax and names as you type, with the pure engine's checker
 * (the same one the server's validation uses).
 */
import { Input, Typography } from 'antd';
import { useMemo } from 'react';
import { BUILTIN_NAMES, checkExpression } from '../../engine/expression.ts';
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
}

/** The first problem of an expression, or null when it is fine (empty counts as a problem). */
export function expressionProblem(src: string, names: string[]): string | null {
  if (src.trim() === '') return fmt('ui.exprEmpty');
  const problems = checkExpression(src, [...names, ...BUILTIN_NAMES]);
  const relevant = names.length ? problems : problems.filter((p) => p.name === undefined);
  return relevant[0]?.message ?? null;
}

/** A text area for a CEL expression with an inline check. */
export function ExpressionInput({ id, value, onChange, names, placeholder, optional }: ExpressionInputProps) {
  const empty = optional === true && value.trim() === '';
  const problem = useMemo(() => (empty ? null : expressionProblem(value, names)), [empty, value, names]);
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
    </div>
  );
}

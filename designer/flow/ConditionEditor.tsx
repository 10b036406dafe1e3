/**
 * A guard's editor: the condition builder, or the CEL text for those who want it. Text the builder
 * cannot show stays text (and says why); the condition is repeated in words underneath.
 */
import { Alert, Flex, Segmented, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ConditionBuilder } from './ConditionBuilder.tsx';
import { celToWords, wordsToCel } from './cel-words.ts';
import { type ConditionGroup, celToCondition, conditionToCel, emptyGroup } from './condition-model.ts';
import { ExpressionInput } from './ExpressionInput.tsx';
import { type FlowField, fieldLabelMap } from './flow-fields.ts';
import { fmt } from './strings.ts';

export interface ConditionEditorProps {
  id?: string;
  /** The guard's CEL expression. */
  value: string;
  onChange: (expr: string) => void;
  fields: FlowField[];
  /** Names expressions may use (checked in text mode). */
  names: string[];
}

type Mode = 'builder' | 'text';

/** Builder / expression switch over one CEL guard. */
export function ConditionEditor({ id, value, onChange, fields, names }: ConditionEditorProps) {
  const parsed = useMemo(() => celToCondition(value), [value]);
  const [mode, setMode] = useState<Mode>(parsed.ok ? 'builder' : 'text');
  const [group, setGroup] = useState<ConditionGroup | undefined>(parsed.ok ? parsed.group : undefined);
  const [refused, setRefused] = useState<string>();
  // What the builder last wrote: a value that differs came from elsewhere (undo, text, another node).
  const written = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (value === written.current) return;
    written.current = undefined;
    if (parsed.ok) setGroup(parsed.group);
    else if (mode === 'builder') setMode('text');
  }, [value, parsed, mode]);

  const editGroup = (g: ConditionGroup) => {
    setGroup(g);
    const cel = conditionToCel(g, fields);
    written.current = cel;
    onChange(cel);
  };
  const switchTo = (next: Mode) => {
    if (next === 'text') {
      setRefused(undefined);
      return setMode('text');
    }
    if (!parsed.ok)
      return setRefused(parsed.syntax ? fmt('cond.syntax') : fmt('cond.notBuildable', { part: parsed.part }));
    setRefused(undefined);
    setGroup(parsed.group);
    setMode('builder');
  };
  // Chinese typed in the text box: read it by the field labels when possible, else start afresh.
  const useBuilder = () => {
    const cel = wordsToCel(value, fields);
    const read = cel === undefined ? undefined : celToCondition(cel);
    setRefused(undefined);
    setMode('builder');
    if (read?.ok) editGroup(read.group);
    else setGroup(emptyGroup());
  };
  const words = useMemo(() => {
    try {
      return celToWords(value, fieldLabelMap(fields));
    } catch {
      return undefined;
    }
  }, [value, fields]);

  return (
    <Flex vertical gap={6}>
      <Segmented<Mode>
        size="small"
        value={mode}
        options={[
          { value: 'builder', label: fmt('cond.builder') },
          { value: 'text', label: fmt('cond.text') },
        ]}
        onChange={switchTo}
      />
      {refused && <Alert type="warning" showIcon title={refused} />}
      {mode === 'builder' && group ? (
        <ConditionBuilder group={group} fields={fields} onChange={editGroup} />
      ) : (
        <ExpressionInput
          id={id}
          value={value}
          names={names}
          fields={fields}
          onChange={onChange}
          onUseBuilder={useBuilder}
        />
      )}
      {words !== undefined && !(parsed.ok === false && parsed.syntax) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="condition-words">
          {fmt('cond.preview', { words })}
        </Typography.Text>
      )}
    </Flex>
  );
}

import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../engine/definition/validate.ts';
import { checkForm } from './check-form.ts';
import { localizeForm } from './i18n.ts';
import type { FormDefinition } from './types.ts';

const form: FormDefinition = {
  key: 'leave',
  title: '请假',
  schema: {
    type: 'object',
    properties: {
      kind: { type: 'string', title: '类型', enum: ['sick', 'annual'] },
      note: { type: 'string' },
    },
  },
  uiSchema: {
    kind: { 'ui:enumNames': ['病假', '年假'], 'ui:help': '选择类型' },
    note: { 'ui:placeholder': '说明' },
  },
  i18n: {
    en: { 请假: 'Leave', 类型: 'Kind', 病假: 'Sick leave', 年假: 'Annual leave', 选择类型: 'Pick one' },
  },
};

describe('a definition in the reader’s language', () => {
  it('translates titles, option names and help; keeps codes and what has no translation', () => {
    const shown = localizeForm(form, 'en');
    expect(shown.title).toBe('Leave');
    expect(shown.schema.properties?.kind).toEqual({
      type: 'string',
      title: 'Kind',
      enum: ['sick', 'annual'],
    });
    expect(shown.uiSchema).toEqual({
      kind: { 'ui:enumNames': ['Sick leave', 'Annual leave'], 'ui:help': 'Pick one' },
      note: { 'ui:placeholder': '说明' },
    });
    expect(localizeForm(form, 'zh-CN')).toBe(form);
  });

  it('refuses translations of an unknown language or that are not text, with JSON-pointer paths', () => {
    const problems = checkForm({
      ...form,
      i18n: { en: { 类型: 3 }, fr: {} } as unknown as FormDefinition['i18n'],
    });
    expect(problems.map((p) => p.path)).toEqual(['/i18n/en/类型', '/i18n/fr']);
    const flow = {
      key: 'leave',
      name: '请假',
      i18n: { de: { 请假: 'Urlaub' } },
      machine: { id: 'leave', initial: 'done', states: { done: { type: 'final' } } },
    };
    expect(validateDefinition(flow).some((p) => p.path.startsWith('/i18n'))).toBe(true);
  });
});

/**
 * One list, one name: the shipped forms offer exactly the shared lists of dealer-rules/vocabulary.ts (codes,
 * order, Chinese names and English translations) that the complaint drawer, the order pages and the
 * server use — and every text a shipped flow or form shows has its English translation.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_CATEGORY,
  COMPLAINT_CHANNEL,
  COMPLAINT_LEVEL,
  codesOf,
  PAYMENT_METHOD,
  type Vocabulary,
} from '../dealer-rules/vocabulary.ts';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_LEVELS,
} from '../designer/after-sales/after-sales-types.ts';
import { en } from '../designer/i18n/en.ts';
import { zhCN } from '../designer/i18n/zh-CN.ts';
import { checkForm, type FormDefinition, formTexts, translate } from '../forms/index.ts';
import { FORMS, WORKFLOWS } from './index.ts';

function form(key: string): FormDefinition {
  const found = FORMS.find((f) => f.key === key);
  if (!found) throw new Error(`no form ${key}`);
  return found;
}

/** A form field's options as people see them: code, Chinese name and English name. */
function optionsOf(f: FormDefinition, field: string): [string, string, string][] {
  const property = f.schema.properties?.[field] as { enum?: string[] } | undefined;
  const ui = f.uiSchema?.[field] as { 'ui:enumNames'?: string[] } | undefined;
  const names = ui?.['ui:enumNames'] ?? [];
  return (property?.enum ?? []).map((code, i) => {
    const zh = names[i] ?? code;
    return [code, zh, translate(zh, f.i18n, 'en')];
  });
}

const terms = (list: Vocabulary<string>) =>
  list.map(([code, t]): [string, string, string] => [code, t.zh, t.en]);

describe('the shared lists', () => {
  it.each([
    ['complaint-record', 'channel', COMPLAINT_CHANNEL],
    ['complaint-record', 'category', COMPLAINT_CATEGORY],
    ['complaint-record', 'level', COMPLAINT_LEVEL],
    ['complaint-handle', 'level', COMPLAINT_LEVEL],
    ['payment-confirm', 'method', PAYMENT_METHOD],
  ] as const)('the %s form offers %s as the shared list says', (key, field, list) => {
    expect(optionsOf(form(key), field)).toEqual(terms(list));
  });

  it('settlement offers the payment methods except a loan, named the same', () => {
    expect(optionsOf(form('settlement'), 'method')).toEqual(
      terms(PAYMENT_METHOD.filter(([code]) => code !== 'loan')),
    );
  });

  it('the complaint drawer and order pages offer the same codes, named the same in both languages', () => {
    expect(COMPLAINT_CHANNELS).toEqual(codesOf(COMPLAINT_CHANNEL));
    expect(COMPLAINT_CATEGORIES).toEqual(codesOf(COMPLAINT_CATEGORY));
    expect(COMPLAINT_LEVELS).toEqual(codesOf(COMPLAINT_LEVEL));
    const drawer = (lang: 'zh' | 'en') => {
      const strings = lang === 'zh' ? zhCN : en;
      return COMPLAINT_CHANNELS.map((code) => strings.complaintChannel[code]);
    };
    expect(drawer('zh')).toEqual(optionsOf(form('complaint-record'), 'channel').map(([, zh]) => zh));
    expect(drawer('en')).toEqual(optionsOf(form('complaint-record'), 'channel').map(([, , name]) => name));
  });

  it('the designer names each shipped flow as the flow itself does, in both languages', () => {
    for (const flow of WORKFLOWS) {
      expect(zhCN.workflowName[flow.key as keyof typeof zhCN.workflowName]).toBe(flow.name);
      expect(en.workflowName[flow.key as keyof typeof en.workflowName]).toBe(
        translate(flow.name, flow.i18n, 'en'),
      );
    }
  });
});

const HAN = /[\u4e00-\u9fff]/;

/** The texts of a flow people see: its name, description, state labels, task names, transition notes. */
function flowTexts(flow: (typeof WORKFLOWS)[number]): string[] {
  const texts = new Set<string>([flow.name, ...(flow.description ? [flow.description] : [])]);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'label' || key === 'name' || key === 'description') && typeof value === 'string')
        texts.add(value);
      else visit(value);
    }
  };
  visit(flow.machine);
  visit(flow.events);
  return [...texts].filter((t) => HAN.test(t));
}

describe('English for every shipped text', () => {
  it.each(FORMS.map((f) => [f.key, f] as const))('form %s', (_key, f) => {
    const untranslated = formTexts(f).filter((t) => HAN.test(t) && translate(t, f.i18n, 'en') === t);
    expect(untranslated).toEqual([]);
    expect(checkForm(f).filter((e) => e.path.startsWith('/i18n'))).toEqual([]);
  });

  it.each(WORKFLOWS.map((w) => [w.key, w] as const))('flow %s', (_key, w) => {
    expect(flowTexts(w).filter((t) => translate(t, w.i18n, 'en') === t)).toEqual([]);
  });
});

import type { WorkflowDefinition } from '../../engine/types.ts';
import { bindOf, dataAt, fieldsShownByForms, readonlyForm, stepFormRefs } from './record-forms.ts';

const definition: Pick<WorkflowDefinition, 'machine'> = {
  machine: {
    id: 'price',
    initial: 'review',
    states: {
      review: {
        meta: { task: { name: '经理审批', form: 'opinion', bind: 'manager', assignee: { roles: ['m'] } } },
      },
      finance: {
        initial: 'check',
        states: {
          check: { meta: { task: { name: '财务审核', form: 'opinion', assignee: { roles: ['f'] } } } },
        },
      },
    },
  },
};

const task = (name: string, state: string, formKey: string | null, formVersion: number | null = 1) => ({
  name,
  state,
  formKey,
  formVersion,
});

describe('the forms of an instance record', () => {
  it('finds where a step keeps its data, nested states and machine-prefixed names included', () => {
    expect(bindOf(definition, 'review')).toBe('manager');
    expect(bindOf(definition, 'price.finance.check')).toBe('');
    expect(bindOf(definition, 'unknown')).toBe('');
    expect(bindOf(undefined, 'review')).toBe('');
  });

  it('lists each step form once per version and place, leaving out the start form and formless steps', () => {
    const refs = stepFormRefs(
      [
        task('发起', 'apply', 'price-request'),
        task('经理审批', 'review', 'opinion'),
        task('经理审批', 'review', 'opinion'),
        task('财务审核', 'finance.check', 'opinion'),
        task('确认', 'confirm', null, null),
      ],
      definition,
      'price-request',
    );
    expect(refs).toEqual([
      { key: 'opinion', version: 1, bind: 'manager', steps: ['经理审批'] },
      { key: 'opinion', version: 1, bind: '', steps: ['财务审核'] },
    ]);
  });

  it('reads a nested place of the data, empty when it holds no object', () => {
    expect(dataAt({ manager: { comment: 'ok' } }, 'manager')).toEqual({ comment: 'ok' });
    expect(dataAt({ a: 1 }, '')).toEqual({ a: 1 });
    expect(dataAt({ manager: 'x' }, 'manager')).toEqual({});
  });

  it('shows only the filled fields, read-only, and nothing when none is filled', () => {
    const form = {
      schema: {
        type: 'object',
        required: ['comment', 'cost'],
        properties: { comment: { type: 'string' }, cost: { type: 'integer' }, note: { type: 'string' } },
      },
      uiSchema: { 'ui:order': ['cost', 'comment', 'note'] },
    };
    const shown = readonlyForm(form, { comment: '同意', note: '' });
    expect(Object.keys(shown?.schema.properties ?? {})).toEqual(['comment']);
    expect(shown?.schema).not.toHaveProperty('required');
    expect(shown?.data).toEqual({ comment: '同意' });
    expect(shown?.fields).toEqual({ comment: 'readonly' });
    expect(readonlyForm(form, { other: 1 })).toBeUndefined();
  });

  it('names the top-level data the forms show', () => {
    const schema = { type: 'object', properties: { a: {}, b: {} } };
    expect([
      ...fieldsShownByForms([
        { bind: '', schema },
        { bind: 'manager.review', schema },
      ]),
    ]).toEqual(['a', 'b', 'manager']);
  });
});

import { render, screen } from '@testing-library/react';
import { enumLabel, ReadonlyFields } from './ReadonlyFields.tsx';

const CHANNEL = { type: 'string', title: '投诉渠道', enum: ['phone', 'wechat'] };

describe('read-only fields', () => {
  it.each([
    ['ui:enumNames beside enum', 'wechat', CHANNEL, { 'ui:enumNames': ['电话', '微信'] }, '微信'],
    ['a oneOf entry title', 'b', { oneOf: [{ const: 'b', title: '乙' }] }, undefined, '乙'],
    ['no names', 'wechat', CHANNEL, undefined, undefined],
  ])('names a choice by %s', (_, value, schema, ui, expected) => {
    expect(enumLabel(value, schema, ui)).toBe(expected);
  });

  it('shows a choice by the name it was picked by, not its code', () => {
    render(
      <ReadonlyFields
        form={{
          key: 'complaint-record',
          version: 1,
          title: '投诉登记',
          schema: { type: 'object', properties: { channel: CHANNEL } },
          uiSchema: { channel: { 'ui:widget': 'radio', 'ui:enumNames': ['电话', '微信'] } },
          data: {},
        }}
        names={['channel']}
        data={{ channel: 'wechat' }}
      />,
    );
    expect(screen.getByText('微信')).toBeInTheDocument();
    expect(screen.queryByText('wechat')).toBeNull();
  });
});

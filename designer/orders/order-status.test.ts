import { stageItems, stageProgress } from './order-status.ts';

describe('order stage progress', () => {
  it.each([
    ['pending', undefined, { current: 0, status: 'process' }],
    ['paid', undefined, { current: 2, status: 'process' }],
    ['delivered', undefined, { current: 5, status: 'finish' }],
    ['returned', undefined, { current: 0, status: 'error' }],
    ['cancelled', 'approved', { current: 1, status: 'error' }],
    ['cancelled', undefined, { current: 0, status: 'error' }],
  ])('puts a %s order (last stage %s) at %j', (status, last, expected) => {
    expect(stageProgress(status, last)).toEqual(expected);
  });
});

describe('order stage items', () => {
  const label = (stage: string) => stage;
  it('shows 车辆在途 as skipped for a stock car that never travelled', () => {
    const items = stageItems(['pending', 'approved', 'paid', 'arrived'], 'arrived', label, '现车');
    expect(items[3]).toEqual({ title: 'in_transit', status: 'wait', description: '现车' });
    expect(items.filter((i) => i.status === 'wait')).toHaveLength(1);
  });

  it('shows 车辆在途 as an ordinary stage for a car that was shipped, and before it is reached', () => {
    expect(
      stageItems(['pending', 'approved', 'paid', 'in_transit', 'arrived'], 'arrived', label, '现车')[3],
    ).toEqual({
      title: 'in_transit',
    });
    expect(stageItems(['pending', 'approved'], 'approved', label, '现车')[3]).toEqual({
      title: 'in_transit',
    });
  });
});

import { stageProgress } from './order-status.ts';

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

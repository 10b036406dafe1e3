import { agingOption, metricValue, satisfactionOption } from './chart-options.ts';

const row = { volume: 3, revenue: 56_940_000, grossProfit: 1_234_567, grossMargin: 0.02168 };

describe('dashboard chart options', () => {
  it.each([
    ['volume', 3],
    ['revenue', 569_400],
    ['grossProfit', 12_345.67],
    ['grossMargin', 2.2],
  ] as const)('charts %s as %d (units, yuan from fen, percent)', (metric, expected) => {
    expect(metricValue(row, metric)).toBe(expected);
  });

  it('colours the aging buckets by severity, red beyond 180 days', () => {
    const option = agingOption(
      {
        asOf: '2026-11-23',
        buckets: [
          { bucket: '61-90', count: 2, cost: 0 },
          { bucket: '180+', count: 1, cost: 0 },
        ],
        byModel: [],
      },
      '车辆数',
    );
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    expect(series?.data).toEqual([
      { value: 2, itemStyle: { color: '#fadb14' } },
      { value: 1, itemStyle: { color: '#f5222d' } },
    ]);
  });

  it('draws one satisfaction line per survey kind, with gaps for months without surveys', () => {
    const option = satisfactionOption(
      {
        overall: [],
        byMonth: [
          { kind: 'csi', month: '2026-10', count: 2, avgScore: 4.5 },
          { kind: 'csi', month: '2026-11', count: 1, avgScore: 5 },
          { kind: 'ssi', month: '2026-11', count: 3, avgScore: 4 },
        ],
      },
      (k) => k.toUpperCase(),
    );
    expect(option.xAxis).toMatchObject({ data: ['2026-10', '2026-11'] });
    expect(option.series).toEqual([
      { type: 'line', name: 'CSI', data: [4.5, 5] },
      { type: 'line', name: 'SSI', data: [null, 4] },
    ]);
  });
});

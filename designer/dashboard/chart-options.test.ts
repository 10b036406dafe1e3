import {
  agingOption,
  distributionOption,
  funnelOption,
  metricValue,
  satisfactionOption,
} from './chart-options.ts';

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
        stock: 3,
        monthlySales: 1,
        coefficient: 3,
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
        distribution: [],
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

  it('labels each funnel stage with its count and its conversion from the stage before', () => {
    const option = funnelOption(
      {
        stages: [
          { stage: 'leads', count: 10, rate: null, ofLeads: 1 },
          { stage: 'visits', count: 4, rate: 0.4, ofLeads: 0.4 },
        ],
        ordersWithoutTestDrive: 0,
        lostReasons: [],
      },
      (s) => s,
    );
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    expect(series?.data).toEqual([
      { name: 'leads 10', value: 10 },
      { name: 'visits 4 (40.0%)', value: 4 },
    ]);
  });

  it('counts surveys per score, one bar series per kind, on the 1–10 scale once a survey used it', () => {
    const option = distributionOption(
      {
        distribution: [
          { kind: 'ssi', score: 10, count: 2 },
          { kind: 'csi', score: 1, count: 1 },
        ],
        overall: [],
        byMonth: [],
      },
      (k) => k,
      (n) => String(n),
    );
    expect(option.series).toEqual([
      { type: 'bar', name: 'csi', barMaxWidth: 24, data: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { type: 'bar', name: 'ssi', barMaxWidth: 24, data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2] },
    ]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { SessionUser } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../testing/server.ts';
import type {
  AgingReport,
  ComplaintReport,
  FunnelReport,
  LeadTimeReport,
  SalesReport,
  SatisfactionReport,
} from './dashboard-types.ts';

// jsdom has no canvas: the chart component shows the option it was given instead of drawing it.
vi.mock('echarts-for-react/esm/core', () => ({
  default: ({ option }: { option: unknown }) => (
    <pre data-testid="echart-option">{JSON.stringify(option)}</pre>
  ),
}));

startMockServer();

const row = (key: string, volume: number, revenue: number, grossProfit: number) => ({
  key,
  label: key,
  volume,
  revenue,
  grossProfit,
  grossMargin: Math.round((grossProfit / revenue) * 10_000) / 10_000,
});
const byMonth: SalesReport = {
  groupBy: 'month',
  rows: [row('2026-10', 4, 80_000_000, 4_000_000), row('2026-11', 6, 120_000_000, 7_200_000)],
  totals: { volume: 10, revenue: 200_000_000, grossProfit: 11_200_000, grossMargin: 0.056 },
};
const byModel: SalesReport = {
  groupBy: 'model',
  rows: [row('BYD 海豹', 7, 130_000_000, 7_000_000), row('BMW X3', 3, 70_000_000, 4_200_000)],
  totals: byMonth.totals,
};
const funnel: FunnelReport = {
  stages: [
    { stage: 'leads', count: 120, rate: null, ofLeads: 1 },
    { stage: 'visits', count: 80, rate: 0.667, ofLeads: 0.667 },
    { stage: 'test_drives', count: 45, rate: 0.563, ofLeads: 0.375 },
    { stage: 'orders', count: 18, rate: 0.4, ofLeads: 0.15 },
    { stage: 'deliveries', count: 10, rate: 0.556, ofLeads: 0.083 },
  ],
  ordersWithoutTestDrive: 2,
  lostReasons: [{ reason: '价格', count: 5 }],
};
const aging: AgingReport = {
  asOf: '2026-11-23',
  stock: 19,
  monthlySales: 8,
  coefficient: 2.38,
  buckets: [
    { bucket: '0-30', count: 8, cost: 0 },
    { bucket: '31-60', count: 5, cost: 0 },
    { bucket: '61-90', count: 3, cost: 0 },
    { bucket: '91-180', count: 2, cost: 0 },
    { bucket: '180+', count: 1, cost: 0 },
  ],
  byModel: [],
};
const lead: LeadTimeReport = {
  delivered: 10,
  avgDays: 12.5,
  minDays: 3,
  maxDays: 30,
  byModel: [{ model: '海豹', delivered: 7, avgDays: 11, minDays: 3, maxDays: 20 }],
};
const csi: SatisfactionReport = {
  distribution: [
    { kind: 'csi', score: 9, count: 4 },
    { kind: 'csi', score: 10, count: 5 },
  ],
  overall: [{ kind: 'csi', count: 9, avgScore: 4.6 }],
  byMonth: [{ kind: 'csi', month: '2026-11', count: 9, avgScore: 4.6 }],
};

const complaints: ComplaintReport = {
  total: 6,
  closed: 5,
  closedInTime: 4,
  inTimeRate: 0.8,
  openOverdue: 1,
  avgHours: 10.5,
  medianHours: 9,
  byLevel: [
    { level: 'normal', total: 6, closed: 5, closedInTime: 4, openOverdue: 1, avgHours: 10.5, medianHours: 9 },
  ],
};

function analyticsApi() {
  const salesQueries: URLSearchParams[] = [];
  const handlers = [
    contract.get('/api/analytics/sales', ({ request }) => {
      const query = new URL(request.url).searchParams;
      salesQueries.push(query);
      return HttpResponse.json(query.get('groupBy') === 'model' ? byModel : byMonth);
    }),
    contract.get('/api/analytics/funnel', () => HttpResponse.json(funnel)),
    contract.get('/api/analytics/inventory-aging', () => HttpResponse.json(aging)),
    contract.get('/api/analytics/delivery-lead-time', () => HttpResponse.json(lead)),
    contract.get('/api/analytics/csi', () => HttpResponse.json(csi)),
    contract.get('/api/analytics/complaints', () => HttpResponse.json(complaints)),
    contract.get('/api/analytics/overdue-tasks', () =>
      HttpResponse.json({ count: 3, asOf: '2026-11-23T02:00:00.000Z' }),
    ),
  ];
  return { salesQueries, handlers };
}

/** The option drawn by the chart announced as `label`. */
function chartOption(label: string | RegExp): {
  series: { type: string; data: (number | { name?: string; value: number })[] }[];
  xAxis?: { data: string[] };
} {
  const chart = screen.getByRole('img', { name: label });
  return JSON.parse(within(chart).getByTestId('echart-option').textContent ?? '{}');
}

const CONSULTANT: SessionUser = {
  id: '00000000-0000-4000-8000-000000000004',
  username: 'consultant',
  displayName: '李娜',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
};

describe('dashboard', () => {
  it('charts sales, the funnel and inventory aging from the API, with the scope and KPIs in the header', async () => {
    const { handlers } = analyticsApi();
    server.use(meHandler(MANAGER), ...handlers);
    renderApp('/dashboard');

    expect(await screen.findByTestId('dashboard-scope')).toHaveTextContent('北京朝阳店');
    await waitFor(() => expect(chartOption(/销售 · 按月份/).series[0]?.data).toEqual([4, 6]));
    expect(chartOption(/销售 · 按月份/).xAxis?.data).toEqual(['2026-10', '2026-11']);
    await waitFor(() =>
      expect(chartOption('销售漏斗').series[0]?.data).toEqual([
        { name: '有效线索 120', value: 120 },
        { name: '到店 80 (66.7%)', value: 80 },
        { name: '试驾 45 (56.3%)', value: 45 },
        { name: '订单 18 (40.0%)', value: 18 },
        { name: '交车 10 (55.6%)', value: 10 },
      ]),
    );
    const funnelTable = await screen.findByRole('table', { name: '销售漏斗' });
    expect(within(funnelTable).getByText('15.0%')).toBeInTheDocument();
    expect(await screen.findByText('未试驾直接下单 2 人（不计入漏斗）')).toBeInTheDocument();
    // antd's Statistic splits a number into its integer and decimal parts.
    const coefficient = (await screen.findByText('库存系数')).closest('.ant-statistic');
    expect(coefficient).toHaveTextContent('2.38');
    expect(await screen.findByText('在库及在途 19 台 ÷ 月均销量 8 台')).toBeInTheDocument();
    await waitFor(() => expect(chartOption('评分分布').series[0]?.data.slice(7)).toEqual([0, 4, 5]));
    expect(chartOption('评分分布').xAxis?.data).toHaveLength(10);
    const complaintTable = await screen.findByRole('table', { name: '投诉处理' });
    expect(within(complaintTable).getByText('一般')).toBeInTheDocument();
    expect(screen.getAllByText('80.0%').length).toBeGreaterThan(0);
    await waitFor(() =>
      expect(
        chartOption('库龄分布').series[0]?.data.map((d) => (typeof d === 'number' ? d : d.value)),
      ).toEqual([8, 5, 3, 2, 1]),
    );
    expect(screen.getByText('¥2,000,000.00')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByRole('link', { name: '超时待办' })).getByText('3')).toBeInTheDocument(),
    );
  });

  it('switches the sales chart to another dimension and measure', async () => {
    const { salesQueries, handlers } = analyticsApi();
    server.use(meHandler(MANAGER), ...handlers);
    const user = userEvent.setup();
    renderApp('/dashboard');
    await screen.findByRole('img', { name: /销售 · 按月份/ });

    await user.click(screen.getByText('按车型'));
    await user.click(screen.getByText('销售额（元）'));

    await waitFor(() =>
      expect(chartOption(/销售 · 按车型 · 销售额/).series[0]?.data).toEqual([1_300_000, 700_000]),
    );
    expect(chartOption(/销售 · 按车型/).xAxis?.data).toEqual(['BYD 海豹', 'BMW X3']);
    expect(salesQueries.at(-1)?.get('groupBy')).toBe('model');
  });

  it('shows a consultant the dashboard in the nav, labelled 本人, with the server’s overdue count', async () => {
    const { handlers } = analyticsApi();
    server.use(meHandler(CONSULTANT), ...handlers);
    renderApp('/dashboard');
    expect(await screen.findByTestId('dashboard-scope')).toHaveTextContent('本人');
    const menu = document.querySelector<HTMLElement>('.ant-menu')!;
    expect(within(menu).getByText('经营看板')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('超时待办')).toHaveTextContent('3'));
  });
});

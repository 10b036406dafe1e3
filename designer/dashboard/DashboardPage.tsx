import { Card, Col, DatePicker, Empty, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatFen } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import {
  agingOption,
  distributionOption,
  funnelOption,
  leadTimeOption,
  satisfactionOption,
} from './chart-options.ts';
import type {
  AgingReport,
  ComplaintReport,
  FunnelReport,
  LeadTimeReport,
  SalesGroup,
  SalesReport,
  SatisfactionReport,
} from './dashboard-types.ts';
import { EChart } from './EChart.tsx';
import { percent, SalesPanel } from './SalesPanel.tsx';
import { useOverdueTasks } from './use-overdue-tasks.ts';

type Range = [Dayjs | null, Dayjs | null] | null;

/** Who the numbers cover: the group (or the picked store) for group users, else the user's store. */
function useScopeLabel(): string {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter } = useSession();
  if (isGroupUser(user))
    return storeFilter ? t(`stores.${storeFilter}`, storeFilter) : t('dashboard.scopeGroup');
  if (user.roles.includes('sales_consultant') && !user.roles.includes('sales_manager'))
    return t('dashboard.scopeOwn');
  return user.storeId ? t(`stores.${user.storeId}`, user.storeId) : '—';
}

// Each figure keeps its own width so money never runs into its neighbour; the row wraps instead.
const KPI_STYLE = { minWidth: 130, flex: '1 1 130px' };

function Kpis(props: {
  sales?: SalesReport;
  lead?: LeadTimeReport;
  csi?: SatisfactionReport;
  overdue: number;
  /** More open tasks than were scanned: the count is a lower bound. */
}) {
  const { t } = useTranslation();
  const totals = props.sales?.totals;
  const csi = props.csi?.overall.find((o) => o.kind === 'csi')?.avgScore;
  return (
    <Flex wrap gap={24}>
      {[
        { key: 'units', value: totals ? String(totals.volume) : '—' },
        { key: 'revenue', value: totals ? formatFen(totals.revenue) : '—' },
        { key: 'grossProfit', value: totals ? formatFen(totals.grossProfit) : '—' },
        { key: 'grossMargin', value: totals ? percent(totals.grossMargin) : '—' },
        { key: 'leadTime', value: props.lead?.avgDays == null ? '—' : `${props.lead.avgDays}` },
        { key: 'csi', value: csi == null ? '—' : String(csi) },
      ].map((k) => (
        <div key={k.key} style={KPI_STYLE}>
          <Statistic
            title={t(`dashboard.kpi.${k.key}`)}
            value={k.value}
            styles={{ content: { fontSize: 20 } }}
          />
        </div>
      ))}
      <div style={KPI_STYLE}>
        <Link to="/inbox" aria-label={t('dashboard.kpi.overdueTasks')}>
          <Statistic
            title={t('dashboard.kpi.overdueTasks')}
            value={props.overdue}
            styles={{ content: { fontSize: 20, color: props.overdue > 0 ? '#cf1322' : undefined } }}
          />
        </Link>
      </div>
    </Flex>
  );
}

const rate = (ratio: number | null) => (ratio === null ? '—' : percent(ratio));

/** The funnel's stages as a table: count, conversion from the stage before, share of the leads. */
function FunnelTable({ report }: { report: FunnelReport }) {
  const { t } = useTranslation();
  return (
    <>
      <Table
        size="small"
        pagination={false}
        rowKey="stage"
        dataSource={report.stages}
        aria-label={t('dashboard.funnel')}
        columns={[
          {
            key: 'stage',
            title: t('dashboard.stageName'),
            render: (_, s) => t(`dashboard.stage.${s.stage}`, s.stage),
          },
          { key: 'count', title: t('dashboard.people'), dataIndex: 'count', align: 'right' },
          { key: 'rate', title: t('dashboard.stageRate'), render: (_, s) => rate(s.rate), align: 'right' },
          { key: 'of', title: t('dashboard.ofLeads'), render: (_, s) => rate(s.ofLeads), align: 'right' },
        ]}
      />
      {report.ordersWithoutTestDrive > 0 && (
        <Typography.Text type="secondary">
          {t('dashboard.withoutTestDrive', { n: report.ordersWithoutTestDrive })}
        </Typography.Text>
      )}
    </>
  );
}

/** 库存系数 (stock ÷ monthly sales) with what it is made of; above 2 is overstock, above 1.5 a warning. */
function Coefficient({ report }: { report: AgingReport }) {
  const { t } = useTranslation();
  const c = report.coefficient;
  const color = c === null ? undefined : c > 2 ? '#cf1322' : c > 1.5 ? '#d48806' : '#389e0d';
  return (
    <Space size="large" wrap>
      <Statistic
        title={t('dashboard.coefficient')}
        value={c === null ? '—' : c.toFixed(2)}
        styles={{ content: { color } }}
      />
      <Typography.Text type="secondary">
        {c === null
          ? t('dashboard.coefficientNone')
          : t('dashboard.coefficientHint', { stock: report.stock, sales: report.monthlySales })}
      </Typography.Text>
    </Space>
  );
}

/** Complaints of the period: closed in time, hours to close, open past due; per level below. */
function ComplaintHandling({ report }: { report: ComplaintReport }) {
  const { t } = useTranslation();
  const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex wrap gap={24}>
        <Statistic title={t('dashboard.complaintTotal')} value={report.total} />
        <Statistic title={t('dashboard.complaintClosed')} value={report.closed} />
        <Statistic title={t('dashboard.inTimeRate')} value={rate(report.inTimeRate)} />
        <Statistic title={t('dashboard.avgHours')} value={hours(report.avgHours)} />
        <Statistic title={t('dashboard.medianHours')} value={hours(report.medianHours)} />
        <Statistic
          title={t('dashboard.openOverdue')}
          value={report.openOverdue}
          styles={{ content: { color: report.openOverdue > 0 ? '#cf1322' : undefined } }}
        />
      </Flex>
      {report.byLevel.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="level"
          dataSource={report.byLevel}
          aria-label={t('dashboard.complaints')}
          columns={[
            {
              key: 'level',
              title: t('dashboard.level'),
              render: (_, r) => t(`complaintLevel.${r.level}`, r.level),
            },
            { key: 'total', title: t('dashboard.complaintTotal'), dataIndex: 'total', align: 'right' },
            { key: 'closed', title: t('dashboard.complaintClosed'), dataIndex: 'closed', align: 'right' },
            {
              key: 'inTime',
              title: t('dashboard.inTimeRate'),
              align: 'right',
              render: (_, r) => rate(r.closed > 0 ? r.closedInTime / r.closed : null),
            },
            {
              key: 'avg',
              title: t('dashboard.avgHours'),
              align: 'right',
              render: (_, r) => hours(r.avgHours),
            },
            { key: 'overdue', title: t('dashboard.openOverdue'), dataIndex: 'openOverdue', align: 'right' },
          ]}
        />
      )}
    </Space>
  );
}

/** `/dashboard` (经营看板): sales, funnel, aging, lead time, satisfaction and overdue tasks, scoped by the server. */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter, setStoreFilter } = useSession();
  const [groupBy, setGroupBy] = useState<SalesGroup>('month');
  const [range, setRange] = useState<Range>(null);
  const dates = { dateFrom: range?.[0]?.format('YYYY-MM-DD'), dateTo: range?.[1]?.format('YYYY-MM-DD') };
  const sales = useApiQuery('/api/analytics/sales', { params: { query: { groupBy, ...dates } } });
  const funnel = useApiQuery('/api/analytics/funnel', { params: { query: dates } });
  const aging = useApiQuery('/api/analytics/inventory-aging');
  const lead = useApiQuery('/api/analytics/delivery-lead-time', { params: { query: dates } });
  const csi = useApiQuery('/api/analytics/csi', { params: { query: dates } });
  const complaints = useApiQuery('/api/analytics/complaints', { params: { query: dates } });
  const overdue = useOverdueTasks();
  const stage = (s: string) => t(`dashboard.stage.${s}`, s);
  const kind = (k: string) => t(`dashboard.surveyKind.${k}`, k.toUpperCase());
  const scope = useScopeLabel();

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <PageTitle>{t('dashboard.title')}</PageTitle>
            <Tag color="blue" data-testid="dashboard-scope">
              {t('dashboard.scope')}: {scope}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {isGroupUser(user) && (
              <StoreSelect
                allowClear
                aria-label={t('newOrder.store')}
                placeholder={t('app.allStores')}
                value={storeFilter ?? undefined}
                onChange={(s) => setStoreFilter(s ?? null)}
              />
            )}
            <DatePicker.RangePicker
              aria-label={t('common.dateRange')}
              value={range}
              onChange={(value) => setRange(value)}
              allowEmpty={[true, true]}
            />
          </Space>
        }
      >
        <Kpis sales={sales.data} lead={lead.data} csi={csi.data} overdue={overdue.count} />
      </Card>
      <SalesPanel report={sales} groupBy={groupBy} onGroupBy={setGroupBy} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.funnel')} size="small" loading={funnel.loading && !funnel.data}>
            {funnel.data && (
              <>
                <Typography.Text type="secondary">{t('dashboard.funnelHint')}</Typography.Text>
                <EChart label={t('dashboard.funnel')} option={funnelOption(funnel.data, stage)} />
                <FunnelTable report={funnel.data} />
              </>
            )}
            {funnel.data && funnel.data.lostReasons.length > 0 && (
              <section aria-label={t('dashboard.lostReasons')}>
                <Typography.Text strong>{t('dashboard.lostReasons')}</Typography.Text>
                <Flex wrap gap="small" style={{ marginTop: 8 }}>
                  {funnel.data.lostReasons.map((r) => (
                    <Tag key={r.reason}>
                      {r.reason || t('dashboard.noReason')}: {r.count}
                    </Tag>
                  ))}
                </Flex>
              </section>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.aging')} size="small" loading={aging.loading && !aging.data}>
            {aging.data && (
              <>
                <Coefficient report={aging.data} />
                <EChart
                  label={t('dashboard.aging')}
                  option={agingOption(aging.data, t('dashboard.vehicles'))}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.leadTime')} size="small" loading={lead.loading && !lead.data}>
            {lead.data && lead.data.delivered > 0 ? (
              <>
                <Space size="large">
                  <Statistic title={t('dashboard.delivered')} value={lead.data.delivered} />
                  <Statistic title={t('dashboard.avgDays')} value={lead.data.avgDays ?? '—'} />
                  <Statistic title={t('dashboard.minDays')} value={lead.data.minDays ?? '—'} />
                  <Statistic title={t('dashboard.maxDays')} value={lead.data.maxDays ?? '—'} />
                </Space>
                <EChart
                  label={t('dashboard.leadTime')}
                  option={leadTimeOption(lead.data, t('dashboard.avgDays'))}
                  height={220}
                />
              </>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.satisfaction')} size="small" loading={csi.loading && !csi.data}>
            {csi.data && csi.data.byMonth.length > 0 ? (
              <>
                <EChart label={t('dashboard.satisfaction')} option={satisfactionOption(csi.data, kind)} />
                <Typography.Text strong>{t('dashboard.distribution')}</Typography.Text>
                <EChart
                  label={t('dashboard.distribution')}
                  option={distributionOption(csi.data, kind, (score) => t('dashboard.score', { score }))}
                  height={220}
                />
              </>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('dashboard.complaints')}
            size="small"
            loading={complaints.loading && !complaints.data}
          >
            {complaints.data && complaints.data.total > 0 ? (
              <ComplaintHandling report={complaints.data} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

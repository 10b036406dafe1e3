/**
 * Pure builders of the dashboard's ECharts options from API reports (tested without a canvas).
 * Money arrives in fen and is charted in yuan.
 */
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type {
  AgingReport,
  FunnelReport,
  LeadTimeReport,
  SalesMetric,
  SalesRow,
  SatisfactionReport,
} from './dashboard-types.ts';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

const GRID = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true };

/** The value charted for a sales metric: units, yuan, or a percentage. */
export function metricValue(row: Pick<SalesRow, SalesMetric>, metric: SalesMetric): number {
  if (metric === 'volume') return row.volume;
  if (metric === 'grossMargin') return Math.round(row.grossMargin * 1000) / 10;
  return Math.round(row[metric]) / 100;
}

/**
 * Sales by a dimension: a line over months, bars otherwise.
 *
 * @example
 * salesOption([{ key: 'm', label: '海豹', volume: 3, ... }], 'volume', '台数', (r) => r.label, false);
 */
export function salesOption(
  rows: readonly SalesRow[],
  metric: SalesMetric,
  name: string,
  label: (row: SalesRow) => string,
  overTime: boolean,
): ChartOption {
  return {
    grid: GRID,
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: rows.map(label),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: metric === 'grossMargin' ? '{value}%' : '{value}' } },
    series: [
      overTime
        ? { type: 'line', name, data: rows.map((r) => metricValue(r, metric)) }
        : { type: 'bar', name, barMaxWidth: 40, data: rows.map((r) => metricValue(r, metric)) },
    ],
  };
}

/**
 * The cohort funnel (线索 → 到店 → 试驾 → 订单 → 交车): each box shows its count and its conversion from
 * the stage before.
 */
export function funnelOption(report: FunnelReport, stageLabel: (stage: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '5%',
        width: '60%',
        min: 0,
        max: Math.max(1, report.stages[0]?.count ?? 0),
        label: { show: true, position: 'right', formatter: '{b}' },
        data: report.stages.map((s) => ({
          name: `${stageLabel(s.stage)} ${s.count}${s.rate === null ? '' : ` (${(s.rate * 100).toFixed(1)}%)`}`,
          value: s.count,
        })),
      },
    ],
  };
}

/** The aging buckets' colours (docs/dealership.md: 61–90 warn, 91–180 alert, > 180 critical). */
export const BUCKET_COLOR: Record<string, string> = {
  '0-30': '#52c41a',
  '31-60': '#95de64',
  '61-90': '#fadb14',
  '91-180': '#fa8c16',
  '180+': '#f5222d',
};

/** Unsold vehicles per aging bucket, coloured by severity. */
export function agingOption(report: AgingReport, name: string): ChartOption {
  return {
    grid: GRID,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: report.buckets.map((b) => b.bucket) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name,
        barMaxWidth: 48,
        data: report.buckets.map((b) => ({
          value: b.count,
          itemStyle: { color: BUCKET_COLOR[b.bucket] ?? '#1677ff' },
        })),
      },
    ],
  };
}

/** Average days from order to hand-over per model. */
export function leadTimeOption(report: LeadTimeReport, name: string): ChartOption {
  return {
    grid: GRID,
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: report.byModel.map((m) => m.model),
      axisLabel: { interval: 0, rotate: report.byModel.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name, barMaxWidth: 40, data: report.byModel.map((m) => m.avgDays ?? 0) }],
  };
}

/** CSI / SSI average score per month, one line each. */
export function satisfactionOption(
  report: SatisfactionReport,
  kindLabel: (kind: string) => string,
): ChartOption {
  const months = [...new Set(report.byMonth.map((r) => r.month))].sort();
  const kinds = [...new Set(report.byMonth.map((r) => r.kind))];
  return {
    grid: GRID,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', min: 0 },
    series: kinds.map((kind) => ({
      type: 'line' as const,
      name: kindLabel(kind),
      data: months.map((m) => report.byMonth.find((r) => r.kind === kind && r.month === m)?.avgScore ?? null),
    })),
  };
}

/**
 * How many surveys gave each score, one bar series per kind (CSI, SSI), over the scores 1–5 (the
 * stores' usual scale) or 1–10 when a survey used the longer one.
 */
export function distributionOption(
  report: SatisfactionReport,
  kindLabel: (kind: string) => string,
  scoreLabel: (score: number) => string,
): ChartOption {
  const top = Math.max(5, ...report.distribution.map((r) => r.score)) > 5 ? 10 : 5;
  const scores = Array.from({ length: top }, (_, i) => i + 1);
  const kinds = [...new Set(report.distribution.map((r) => r.kind))].sort();
  return {
    grid: GRID,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: scores.map(scoreLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: kinds.map((kind) => ({
      type: 'bar' as const,
      name: kindLabel(kind),
      barMaxWidth: 24,
      data: scores.map(
        (score) => report.distribution.find((r) => r.kind === kind && r.score === score)?.count ?? 0,
      ),
    })),
  };
}

/**
 * `/start` 发起申请: the published flows the user may start (`GET /api/workflows?startable=me`),
 * grouped by category, with a search; each tile opens its start form at `/start/:key`.
 */
import { Button, Card, Empty, Input, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { StartableWorkflow } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DefinitionIcon } from '../definitions/definition-icons.tsx';

/** The startable flows as the 发起申请 page and the start form read them. */
export function useStartableWorkflows() {
  const query = useApiQuery('/api/workflows', { params: { query: { startable: 'me' } } });
  // With `startable=me` the route answers startable flows (its other answer is the designer's list).
  const data = useMemo(
    () =>
      query.data && {
        items: query.data.items.filter((item): item is StartableWorkflow => 'startForm' in item),
      },
    [query.data],
  );
  return { ...query, data };
}

/** Flows matching `q` (name, key, description or category), grouped by category in first-seen order. */
export function groupByCategory(
  flows: readonly StartableWorkflow[],
  q: string,
  otherLabel: string,
): [string, StartableWorkflow[]][] {
  const needle = q.trim().toLowerCase();
  const groups = new Map<string, StartableWorkflow[]>();
  for (const flow of flows) {
    const text = [flow.name, flow.key, flow.description, flow.category].join(' ').toLowerCase();
    if (needle && !text.includes(needle)) continue;
    const category = flow.category?.trim() || otherLabel;
    groups.set(category, [...(groups.get(category) ?? []), flow]);
  }
  // Uncategorised flows last.
  return [...groups].sort(([a], [b]) => Number(a === otherLabel) - Number(b === otherLabel));
}

function FlowTile({ flow }: { flow: StartableWorkflow }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      aria-label={t('startCentre.start', { name: flow.name })}
      title={flow.description}
      onClick={() => navigate(`/start/${encodeURIComponent(flow.key)}`)}
      style={{ width: 220, height: 'auto', padding: '12px 16px', textAlign: 'left', whiteSpace: 'normal' }}
    >
      <Space align="start">
        <span style={{ fontSize: 24, color: '#1677ff' }}>
          <DefinitionIcon name={flow.icon} />
        </span>
        <span>
          <Typography.Text strong>{flow.name}</Typography.Text>
          {flow.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
              {flow.description}
            </Typography.Paragraph>
          )}
        </span>
      </Space>
    </Button>
  );
}

/** The 发起申请 page. */
export function StartPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, error, loading, reload } = useStartableWorkflows();
  const groups = useMemo(
    () => groupByCategory(data?.items ?? [], q, t('definitions.noCategory')),
    [data, q, t],
  );
  let body: React.ReactNode;
  if (error) body = <QueryError error={error} onRetry={reload} />;
  else if (loading && !data) body = <Spin style={{ display: 'block', margin: '80px auto' }} />;
  else if (groups.length === 0)
    body = (
      <Empty description={q.trim() ? t('startCentre.noMatch', { q: q.trim() }) : t('startCentre.empty')} />
    );
  else
    body = groups.map(([category, flows]) => (
      <section key={category} aria-label={category} style={{ marginBottom: 24 }}>
        <Typography.Title level={5}>{category}</Typography.Title>
        <Space wrap size={12}>
          {flows.map((flow) => (
            <FlowTile key={flow.key} flow={flow} />
          ))}
        </Space>
      </section>
    ));
  return (
    <Card
      title={<PageTitle>{t('startCentre.title')}</PageTitle>}
      extra={
        <Input.Search
          allowClear
          aria-label={t('startCentre.search')}
          placeholder={t('startCentre.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 240 }}
        />
      }
    >
      {body}
    </Card>
  );
}

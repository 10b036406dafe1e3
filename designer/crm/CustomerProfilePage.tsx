import { ArrowLeftOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime, formatFen } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';
import { hasAnyRole } from '../session/roles.ts';
import { useUser } from '../session/session.tsx';
import { ORDER_CREATORS } from '../shell/nav-items.tsx';
import { CustomerHistory } from './CustomerHistory.tsx';
import { CustomerStageEditor } from './CustomerStageEditor.tsx';
import { NextFollowUp } from './CustomersPage.tsx';
import type { FollowUpView, TestDriveView } from './crm-types.ts';
import { LEVEL_COLOR } from './crm-types.ts';
import { FollowUpForm } from './FollowUpForm.tsx';
import { TestDriveForm } from './TestDriveForm.tsx';

/** A budget range in fen as `¥a – ¥b`, or a dash. */
export function formatBudget(min: number | null, max: number | null): string {
  if (min === null && max === null) return '—';
  if (min !== null && max !== null) return `${formatFen(min)} – ${formatFen(max)}`;
  return min !== null ? `≥ ${formatFen(min)}` : `≤ ${formatFen(max)}`;
}

/** A preference value as text: lists joined, anything not text left out. */
function preferenceText(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.filter((v) => typeof v === 'string' || typeof v === 'number');
    return parts.length > 0 ? parts.join('、') : null;
  }
  return null;
}

function Preferences({ value }: { value: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(value).flatMap(([key, v]) => {
    const shown = preferenceText(v);
    return shown === null ? [] : [{ key, shown }];
  });
  if (entries.length === 0) return <>—</>;
  return (
    <Space wrap size={4}>
      {entries.map(({ key, shown }) => (
        <Tag key={key}>
          {t(`customers.preference.${key}`, key)}: {shown}
        </Tag>
      ))}
    </Space>
  );
}

function FollowUps({ items }: { items: FollowUpView[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('customers.noFollowUps')} />;
  return (
    <Timeline
      items={items.map((f) => ({
        key: f.id,
        content: (
          <div>
            <Typography.Text strong>{formatDateTime(f.at)}</Typography.Text>{' '}
            <Tag>{t(`followUpChannel.${f.channel}`, f.channel)}</Tag>
            {f.levelFrom !== f.levelTo && f.levelTo && (
              <Tag color={LEVEL_COLOR[f.levelTo]}>
                {f.levelFrom ?? '—'} → {f.levelTo}
              </Tag>
            )}
            <div>{f.content}</div>
            {f.result && <Typography.Text type="secondary">{f.result}</Typography.Text>}
            {f.nextAt && (
              <div>
                <Typography.Text type="secondary">
                  {t('customers.nextFollowUpAt')}: {formatDateTime(f.nextAt)}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

function TestDrives({ items }: { items: TestDriveView[] }) {
  const { t } = useTranslation();
  return (
    <Table<TestDriveView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('customers.testDriveAt'), dataIndex: 'at', render: formatDateTime },
        { title: t('customers.testDriveModel'), dataIndex: 'model' },
        {
          title: t('customers.licenceChecked'),
          dataIndex: 'licenceChecked',
          render: (ok: boolean) => (ok ? t('common.yes') : t('common.no')),
        },
        { title: t('customers.feedback'), dataIndex: 'feedback', render: (f: string | null) => f ?? '—' },
      ]}
    />
  );
}

/** `/customers/:id`: profile, budget and preferences, follow-ups (add one), test drives (schedule one). */
export function CustomerProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const user = useUser();
  const customer = useApiQuery('/api/customers/{id}', { params: { path: { id } } });
  const c = customer.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/customers">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }}>
          {t('common.back')}
        </Button>
      </Link>
      <QueryError error={customer.error} onRetry={customer.reload} />
      {c && (
        <Card
          title={c.name}
          extra={
            <Space wrap>
              {hasAnyRole(user, ORDER_CREATORS) && (
                <Button
                  type="primary"
                  icon={<ShoppingCartOutlined />}
                  onClick={() => navigate(`/orders/new?customerId=${encodeURIComponent(c.id)}`)}
                >
                  {t('customers.newOrder')}
                </Button>
              )}
              <CustomerStageEditor customer={c} onSaved={customer.reload} />
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('customers.mobile')}>{c.mobile}</Descriptions.Item>
            <Descriptions.Item label={t('customers.grade')}>
              {t(`customerGrade.${c.grade}`, c.grade)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.intentLevel')}>
              <Tag color={LEVEL_COLOR[c.intentLevel]}>{t(`intentLevel.${c.intentLevel}`, c.intentLevel)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.value')}>
              {t(`customerValue.${c.value}`, c.value)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.purchaseType')}>
              {t(`purchaseType.${c.purchaseType}`, c.purchaseType)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.source')}>
              {t(`source.${c.source}`, c.source)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.budget')}>
              {formatBudget(c.budgetMin, c.budgetMax)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.preferences')}>
              <Preferences value={c.preferences} />
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.nextFollowUpAt')}>
              <NextFollowUp customer={c} />
            </Descriptions.Item>
            {c.lostReason && (
              <Descriptions.Item label={t('customers.lostReason')}>{c.lostReason}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {c && <CustomerHistory customer={c} />}
      {c && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('customers.followUps')} size="small">
              <FollowUpForm customerId={c.id} onSaved={customer.reload} />
              <div style={{ marginTop: 24 }}>
                <FollowUps items={c.followUps} />
              </div>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('customers.testDrives')} size="small">
              <TestDriveForm customerId={c.id} onSaved={customer.reload} />
              <div style={{ marginTop: 24 }}>
                <TestDrives items={c.testDrives} />
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

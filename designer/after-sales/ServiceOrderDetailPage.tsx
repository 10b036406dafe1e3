import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime, formatFen } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';
import { SettlementPrintLink } from '../print/PrintLinks.tsx';
import type { ServiceOrderDetail } from './after-sales-types.ts';
import { InstanceTasks } from './InstanceTasks.tsx';

type Survey = ServiceOrderDetail['surveys'][number];

/** `/after-sales/service-orders/:id`: a work order, its flow's open tasks and its return-visit surveys. */
export function ServiceOrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useApiQuery('/api/service-orders/{id}', { params: { path: { id } } });
  const s = order.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/after-sales">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }}>
          {t('common.back')}
        </Button>
      </Link>
      <QueryError error={order.error} onRetry={order.reload} />
      {s && (
        <Card
          title={`${t('afterSales.serviceOrder')} ${s.serviceNo} · ${s.customerName}`}
          extra={<SettlementPrintLink serviceOrderId={s.id} />}
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('common.status')}>
              <Tag color="processing">{t(`serviceStatus.${s.status}`, s.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('afterSales.kind')}>
              {t(`serviceKind.${s.kind}`, s.kind)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.mobile')}>{s.mobile}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.vin')}>{s.vin}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.plate')}>{s.plate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.mileage')}>{s.mileage ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.complaint')}>{s.complaint}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.settlement')}>
              {s.settlement ? t(`settlement.${s.settlement}`, s.settlement) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('afterSales.amount')}>{formatFen(s.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.createdAt')}>
              {formatDateTime(s.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('afterSales.completedAt')}>
              {formatDateTime(s.completedAt)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('orders.openTasks')} size="small">
              <InstanceTasks instanceId={s.instanceId} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('afterSales.surveys')} size="small">
              {s.surveys.length === 0 ? (
                <Empty description={t('afterSales.noSurveys')} />
              ) : (
                <Table<Survey>
                  rowKey="at"
                  size="small"
                  pagination={false}
                  dataSource={s.surveys}
                  columns={[
                    { title: t('afterSales.surveyAt'), dataIndex: 'at', render: formatDateTime },
                    { title: t('afterSales.score'), dataIndex: 'score', align: 'right' },
                    {
                      title: t('afterSales.comment'),
                      dataIndex: 'comment',
                      render: (c: string | null) => c ?? '—',
                    },
                  ]}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

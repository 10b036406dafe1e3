import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DefinitionSummary, FormSummary } from '../api-types.ts';
import { formatDateTime } from '../components/format.ts';
import { useApiQuery } from '../components/use-api-query.ts';

/** Lists arrive as `{ items, total }` (DESIGN.md §6); a bare array is accepted too. */
function itemsOf<T>(data: { items: T[] } | T[] | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

const versionCell = (v: number | null) => (v === null ? '—' : `v${v}`);
const draftCell = (hasDraft: boolean, label: string) => (hasDraft ? <Tag color="orange">{label}</Tag> : null);

/** `/designer/workflows`: the workflow definitions, each linking to the flow designer. */
export function WorkflowListPage() {
  const { t } = useTranslation();
  const { data, loading } = useApiQuery<{ items: DefinitionSummary[] } | DefinitionSummary[]>(
    '/api/workflows',
  );
  return (
    <Card title={t('designer.workflows')}>
      <Table<DefinitionSummary>
        rowKey="key"
        loading={loading}
        dataSource={itemsOf(data)}
        columns={[
          {
            title: t('designer.key'),
            dataIndex: 'key',
            render: (k: string) => <Link to={`/designer/workflows/${k}`}>{k}</Link>,
          },
          { title: t('designer.name'), dataIndex: 'name' },
          { title: t('designer.latestVersion'), dataIndex: 'latestVersion', render: versionCell },
          {
            title: t('designer.draft'),
            dataIndex: 'hasDraft',
            render: (d: boolean) => draftCell(d, t('designer.draft')),
          },
          { title: t('designer.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
        ]}
      />
    </Card>
  );
}

/** `/designer/forms`: the form definitions, each linking to the form builder. */
export function FormListPage() {
  const { t } = useTranslation();
  const { data, loading } = useApiQuery<{ items: FormSummary[] } | FormSummary[]>('/api/forms');
  return (
    <Card title={t('designer.forms')}>
      <Table<FormSummary>
        rowKey="key"
        loading={loading}
        dataSource={itemsOf(data)}
        columns={[
          {
            title: t('designer.key'),
            dataIndex: 'key',
            render: (k: string) => <Link to={`/designer/forms/${k}`}>{k}</Link>,
          },
          { title: t('designer.name'), dataIndex: 'title' },
          { title: t('designer.latestVersion'), dataIndex: 'latestVersion', render: versionCell },
          {
            title: t('designer.draft'),
            dataIndex: 'hasDraft',
            render: (d: boolean) => draftCell(d, t('designer.draft')),
          },
          { title: t('designer.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
        ]}
      />
    </Card>
  );
}

/**
 * `/designer/workflows` and `/designer/forms`: the flow and form definitions, each linking to its
 * designer; 新建 (blank, template, copy), 复制, 设置, 归档 / 恢复 and 删除 of never-published drafts.
 * Archived ones are hidden unless 显示已归档 is ticked, then shown greyed; a category filter narrows
 * either list, and each row shows its icon, category and description.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { DefinitionSummary, StartableWorkflow } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime } from '../components/format.ts';
import { CreateDefinitionModal, type DefinitionKind } from '../definitions/CreateDefinitionModal.tsx';
import { DefinitionSettingsModal } from '../definitions/DefinitionSettingsModal.tsx';
import { DefinitionIcon } from '../definitions/definition-icons.tsx';

/** Lists arrive as `{ items, total }` (docs/architecture.md "The HTTP contract"); a bare array is accepted too. */
/** The definitions of `GET /api/workflows` (which answers startable flows only with `startable=me`). */
function summariesOf(items: readonly (DefinitionSummary | StartableWorkflow)[]): DefinitionSummary[] {
  return items.filter((item): item is DefinitionSummary => 'hasDraft' in item);
}

const versionCell = (v: number | null) => (v === null ? '—' : `v${v}`);

/** A row of either list, its name under one field (a form's title). */
type Row = DefinitionSummary;

const KIND: Record<DefinitionKind, { path: string; designer: string; title: string; create: string }> = {
  workflow: {
    path: '/api/workflows',
    designer: '/designer/workflows',
    title: 'designer.workflows',
    create: 'definitions.newFlow',
  },
  form: {
    path: '/api/forms',
    designer: '/designer/forms',
    title: 'designer.forms',
    create: 'definitions.newForm',
  },
};

function RowActions({
  row,
  kind,
  onCopy,
  onSettings,
  onChanged,
}: {
  row: Row;
  kind: DefinitionKind;
  onCopy(): void;
  onSettings(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const byKey = { params: { path: { key: row.key } } };
  const workflow = kind === 'workflow';
  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }
  const named = (label: string) => `${label} ${row.name}`;
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" aria-label={named(t('definitions.copy'))} onClick={onCopy}>
        {t('definitions.copy')}
      </Button>
      <Button type="link" size="small" aria-label={named(t('definitions.settings'))} onClick={onSettings}>
        {t('definitions.settings')}
      </Button>
      {row.archived ? (
        <Button
          type="link"
          size="small"
          aria-label={named(t('definitions.restore'))}
          onClick={() =>
            run(
              () =>
                workflow
                  ? api.post('/api/workflows/{key}/restore', byKey)
                  : api.post('/api/forms/{key}/restore', byKey),
              t('definitions.restoredDone', { name: row.name }),
            )
          }
        >
          {t('definitions.restore')}
        </Button>
      ) : (
        <Popconfirm
          title={t('definitions.confirmArchive', { name: row.name })}
          okText={t('definitions.archive')}
          cancelText={t('definitions.cancel')}
          onConfirm={() =>
            run(
              () =>
                workflow
                  ? api.post('/api/workflows/{key}/archive', byKey)
                  : api.post('/api/forms/{key}/archive', byKey),
              t('definitions.archivedDone', { name: row.name }),
            )
          }
        >
          <Button type="link" size="small" aria-label={named(t('definitions.archive'))}>
            {t('definitions.archive')}
          </Button>
        </Popconfirm>
      )}
      {row.latestVersion === null && (
        <Popconfirm
          title={t('definitions.confirmDelete', { name: row.name })}
          okText={t('definitions.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('definitions.cancel')}
          onConfirm={() =>
            run(
              () =>
                workflow ? api.delete('/api/workflows/{key}', byKey) : api.delete('/api/forms/{key}', byKey),
              t('definitions.deletedDone', { name: row.name }),
            )
          }
        >
          <Button type="link" size="small" danger aria-label={named(t('definitions.delete'))}>
            {t('definitions.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** One definition list with its create dialog, settings dialog and row actions. */
function DefinitionList({
  kind,
  rows,
  loading,
  reload,
}: {
  kind: DefinitionKind;
  rows: Row[];
  loading: boolean;
  reload(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [showArchived, setShowArchived] = useState(false);
  const [category, setCategory] = useState<string | undefined>();
  const [creating, setCreating] = useState<{ copyOf: string | null } | null>(null);
  const [settingsOf, setSettingsOf] = useState<Row | null>(null);
  const meta = KIND[kind];
  const taken = useMemo(() => new Set(rows.map((r) => r.key)), [rows]);
  const categories = useMemo(
    () => [...new Set(rows.map((r) => r.category).filter((c): c is string => !!c))],
    [rows],
  );
  const shown = rows.filter(
    (r) => (showArchived || !r.archived) && (category === undefined || r.category === category),
  );
  const columns: TableColumnsType<Row> = [
    {
      title: t('designer.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space align="start">
          <DefinitionIcon name={row.icon} />
          <Space orientation="vertical" size={0}>
            <Space>
              <Link to={`${meta.designer}/${row.key}`}>{name}</Link>
              {row.archived && <Tag>{t('definitions.archived')}</Tag>}
            </Space>
            {row.description && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.description}
              </Typography.Text>
            )}
          </Space>
        </Space>
      ),
    },
    { title: t('designer.key'), dataIndex: 'key' },
    { title: t('definitions.category'), dataIndex: 'category', render: (c?: string | null) => c || '—' },
    { title: t('designer.latestVersion'), dataIndex: 'latestVersion', render: versionCell },
    {
      title: t('designer.draft'),
      dataIndex: 'hasDraft',
      render: (d: boolean) => (d ? <Tag color="orange">{t('designer.draft')}</Tag> : null),
    },
    { title: t('designer.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
    {
      title: t('definitions.updatedBy'),
      dataIndex: 'updatedByName',
      render: (n?: string | null) => n || '—',
    },
    {
      title: t('definitions.actions'),
      key: 'actions',
      render: (_: unknown, row) => (
        <RowActions
          row={row}
          kind={kind}
          onCopy={() => setCreating({ copyOf: row.key })}
          onSettings={() => setSettingsOf(row)}
          onChanged={reload}
        />
      ),
    },
  ];
  return (
    <Card
      title={t(meta.title)}
      extra={
        <Space wrap>
          <Select
            aria-label={t('definitions.filterCategory')}
            placeholder={t('definitions.filterCategory')}
            allowClear
            style={{ minWidth: 140 }}
            value={category}
            onChange={(value?: string) => setCategory(value)}
            options={categories.map((value) => ({ value, label: value }))}
          />
          <Checkbox checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)}>
            {t('definitions.showArchived')}
          </Checkbox>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ copyOf: null })}>
            {t(meta.create)}
          </Button>
        </Space>
      }
    >
      <Table<Row>
        rowKey="key"
        loading={loading}
        dataSource={shown}
        columns={columns}
        onRow={(row) => (row.archived ? { style: { opacity: 0.55 }, 'aria-disabled': true } : {})}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
      {/* Mounted only while open: a closed dialog's fields would share the open one's labels. */}
      {creating && (
        <CreateDefinitionModal
          kind={kind}
          open
          copyOf={creating?.copyOf}
          taken={taken}
          copyable={rows}
          categories={categories}
          onClose={() => setCreating(null)}
          onCreated={(key, name) => {
            setCreating(null);
            void message.success(t('definitions.created', { name }));
            navigate(`${meta.designer}/${key}`);
          }}
        />
      )}
      {settingsOf && (
        <DefinitionSettingsModal
          kind={kind}
          target={settingsOf}
          categories={categories}
          onClose={() => setSettingsOf(null)}
          onSaved={() => {
            setSettingsOf(null);
            void message.success(t('definitions.saved'));
            reload();
          }}
        />
      )}
    </Card>
  );
}

/** `/designer/workflows`: the workflow definitions, each linking to the flow designer. */
export function WorkflowListPage() {
  const { data, loading, reload } = useApiQuery('/api/workflows');
  const rows = useMemo(() => summariesOf(data?.items ?? []), [data]);
  return <DefinitionList kind="workflow" rows={rows} loading={loading} reload={reload} />;
}

/** `/designer/forms`: the form definitions, each linking to the form builder. */
export function FormListPage() {
  const { data, loading, reload } = useApiQuery('/api/forms');
  const rows = useMemo(
    () => (data?.items ?? []).map(({ title, ...rest }) => ({ ...rest, name: title })),
    [data],
  );
  return <DefinitionList kind="form" rows={rows} loading={loading} reload={reload} />;
}

import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ApiError } from '../api-client.ts';
import { useSession } from '../session/session.tsx';
import { type ImportProblem, toImportProblems } from './inventory-types.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the server reads a file by, from its name (browsers report CSV types unreliably). */
function uploadType(file: File): string {
  return /\.xlsx$/i.test(file.name) ? XLSX_MIME : 'text/csv';
}

/**
 * Import vehicles from Excel or CSV (`POST /api/vehicles/import`, all or nothing): a rejected file
 * shows every bad row with its column and reason.
 */
export function VehicleImport({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { storeFilter } = useSession();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setProblems([]);
    setFailure(null);
    try {
      const bytes = await file.arrayBuffer();
      // The file goes as it is, with its own Content-Type (the route takes CSV and xlsx bytes).
      const result = await api.post('/api/vehicles/import', {
        params: { query: { storeId: storeFilter ?? undefined } },
        body: '',
        bodySerializer: () => bytes,
        headers: { 'Content-Type': uploadType(file) },
      });
      void message.success(t('inventory.imported', { count: result.imported }));
      setOpen(false);
      onImported();
    } catch (e) {
      setFailure((e as Error).message);
      if (e instanceof ApiError) setProblems(toImportProblems(e.details));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('inventory.importTitle')}
      </Button>
      <Modal
        title={t('inventory.importTitle')}
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        width={720}
      >
        <Typography.Paragraph type="secondary">{t('inventory.importHint')}</Typography.Paragraph>
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy}>
            {t('inventory.chooseFile')}
          </Button>
        </Upload>
        {failure && (
          <Alert type="error" showIcon title={failure} style={{ marginTop: 16, marginBottom: 8 }} />
        )}
        {problems.length > 0 && (
          <Table<ImportProblem>
            aria-label={t('inventory.importErrors')}
            rowKey="key"
            size="small"
            dataSource={problems}
            pagination={problems.length > 10 ? { pageSize: 10 } : false}
            columns={[
              {
                title: t('inventory.importRow'),
                dataIndex: 'row',
                width: 80,
                render: (r: number | null) => r ?? '—',
              },
              { title: t('inventory.importField'), dataIndex: 'field', width: 140 },
              { title: t('inventory.importMessage'), dataIndex: 'message' },
            ]}
          />
        )}
      </Modal>
    </>
  );
}

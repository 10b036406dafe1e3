/**
 * An attachment on a decision page: images as thumbnails that open large (antd Image), PDFs in a
 * viewer dialog, anything else as a link. The file's metadata comes from `GET /api/files/:id/meta`.
 */
import { FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Image, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/use-api-query.ts';

/** Whether a value looks like a stored file's id (the file widget holds ids). */
export function fileIdsOf(value: unknown): string[] {
  const ids = Array.isArray(value) ? value : [value];
  return ids.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export function AttachmentPreview({ id }: { id: string }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState(false);
  const meta = useApiQuery('/api/files/{id}/meta', { params: { path: { id } } });
  if (!meta.data) {
    return (
      <Typography.Text type={meta.error ? 'danger' : 'secondary'}>
        {meta.error ? t('formWidgets.fileUnavailable', { id }) : '…'}
      </Typography.Text>
    );
  }
  const file = meta.data;
  const url = `/api/files/${encodeURIComponent(file.id)}`;
  if (file.mime.startsWith('image/')) {
    return <Image src={url} alt={file.name} width={120} style={{ objectFit: 'cover' }} />;
  }
  if (file.mime === 'application/pdf') {
    return (
      <Space>
        <FilePdfOutlined />
        <Button type="link" size="small" onClick={() => setViewing(true)}>
          {file.name}
        </Button>
        <Modal
          open={viewing}
          title={file.name}
          width="min(960px, 96vw)"
          footer={null}
          onCancel={() => setViewing(false)}
        >
          <iframe title={file.name} src={url} style={{ width: '100%', height: '75vh', border: 0 }} />
        </Modal>
      </Space>
    );
  }
  return (
    <Space>
      <PaperClipOutlined />
      <Typography.Link href={url} target="_blank" rel="noopener">
        {file.name}
      </Typography.Link>
    </Space>
  );
}

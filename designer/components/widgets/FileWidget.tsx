import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Button, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/use-api-query.ts';
import { isGroupUser } from '../../session/roles.ts';
import { useSession } from '../../session/session.tsx';
import { ACCEPTED_FILES, type FileMeta, formatBytes, uploadFile } from './file-upload.ts';

/** The ids a file field holds: one id (`type: string`) or several (`type: array`). */
function heldIds(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

interface FileItemProps {
  id: string;
  known: FileMeta | undefined;
  onRemove?: () => void;
}

/** One held file: its name (a link that opens it), size, a thumbnail for images, and remove. */
function FileItem({ id, known, onRemove }: FileItemProps) {
  const { t } = useTranslation();
  const fetched = useApiQuery(known ? null : '/api/files/{id}/meta', { params: { path: { id } } });
  const meta = known ?? fetched.data;
  if (!meta) {
    return (
      <Space>
        <PaperClipOutlined />
        <Typography.Text type={fetched.error ? 'danger' : 'secondary'}>
          {fetched.error ? t('formWidgets.fileUnavailable', { id }) : t('formWidgets.uploading')}
        </Typography.Text>
      </Space>
    );
  }
  const url = `/api/files/${encodeURIComponent(meta.id)}`;
  return (
    <Space>
      {meta.mime.startsWith('image/') ? (
        <img src={url} alt={meta.name} width={48} height={48} style={{ objectFit: 'cover' }} />
      ) : (
        <PaperClipOutlined />
      )}
      <Typography.Link
        href={url}
        target="_blank"
        rel="noopener"
        aria-label={t('formWidgets.open', { name: meta.name })}
      >
        {meta.name}
      </Typography.Link>
      <Typography.Text type="secondary">{formatBytes(meta.size)}</Typography.Text>
      {onRemove && (
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('formWidgets.remove', { name: meta.name })}
          onClick={onRemove}
        />
      )}
    </Space>
  );
}

/**
 * The store a group user's upload is for: the form's (`formContext.storeId`, the task's store), else
 * the store they are looking at; other users' uploads always belong to their own store.
 */
function uploadStore(props: WidgetProps, groupUser: boolean, storeFilter: string | null): string | undefined {
  if (!groupUser) return undefined;
  const context: unknown = props.registry.formContext;
  const fromForm =
    typeof context === 'object' && context !== null ? (context as { storeId?: unknown }).storeId : undefined;
  if (typeof fromForm === 'string') return fromForm;
  return storeFilter ?? undefined;
}

/**
 * rjsf widget for `"ui:widget": "file"`: uploads to `POST /api/files` and stores the file's id (a
 * `type: array` field stores several); lists what is held with links, read-only shows only links.
 * Files are readable by their store (api/files/file-repo.ts), so a group user's upload is filed
 * under the task's store.
 */
export function FileWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, schema, onChange } = props;
  const { t } = useTranslation();
  const { user, storeFilter } = useSession();
  const storeId = uploadStore(props, user ? isGroupUser(user) : false, storeFilter);
  const multiple = schema.type === 'array';
  const ids = heldIds(value);
  const [known, setKnown] = useState<ReadonlyMap<string, FileMeta>>(new Map());
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string>();
  const locked = disabled || readonly;
  // Several uploads may finish in any order: each adds to what the form holds by then.
  const latest = useRef(ids);
  latest.current = ids;

  function store(next: string[]) {
    latest.current = next;
    onChange(multiple ? next : next[0]);
  }

  async function upload(file: File) {
    setUploading((n) => n + 1);
    setError(undefined);
    try {
      const meta = await uploadFile(file, storeId);
      setKnown((before) => new Map(before).set(meta.id, meta));
      store(multiple ? [...latest.current, meta.id] : [meta.id]);
    } catch (e) {
      setError(t('formWidgets.uploadFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setUploading((n) => n - 1);
    }
  }

  const list = ids.map((fileId) => (
    <FileItem
      key={fileId}
      id={fileId}
      known={known.get(fileId)}
      onRemove={locked ? undefined : () => store(ids.filter((other) => other !== fileId))}
    />
  ));

  if (readonly) {
    return (
      <Space id={id} orientation="vertical">
        {list.length > 0 ? (
          list
        ) : (
          <Typography.Text type="secondary">{t('formWidgets.noFile')}</Typography.Text>
        )}
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        id={id}
        accept={ACCEPTED_FILES}
        multiple={multiple}
        disabled={disabled}
        showUploadList={false}
        customRequest={({ file }) => {
          if (file instanceof File) void upload(file);
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading > 0} disabled={disabled}>
          {uploading > 0 ? t('formWidgets.uploading') : t('formWidgets.upload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t('formWidgets.fileTypes')}</Typography.Text>
      {list}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}

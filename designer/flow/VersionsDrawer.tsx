/**
 * The version history drawer: published versions, newest first, each loadable into the editor.
 */
import { Button, Drawer, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { flowApi, type VersionView } from './api.ts';
import { PlainList } from './PlainList.tsx';
import { fmt } from './strings.ts';

export interface VersionsDrawerProps {
  workflowKey: string;
  open: boolean;
  onClose: () => void;
  onLoad: (definition: WorkflowDefinition) => void;
}

/** Lists `GET /api/workflows/:key/versions` when opened. */
export function VersionsDrawer({ workflowKey, open, onClose, onLoad }: VersionsDrawerProps) {
  const [items, setItems] = useState<VersionView[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open) return undefined;
    let live = true;
    flowApi.versions(workflowKey).then(
      (r) => live && setItems(r.items),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [open, workflowKey]);
  return (
    <Drawer open={open} onClose={onClose} title={fmt('ui.versions')}>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!items && !error && <Spin />}
      <PlainList
        items={items ?? []}
        itemKey={(v) => String(v.version)}
        renderItem={(v) => (
          <>
            <Typography.Text strong>{fmt('ui.version', { version: v.version })}</Typography.Text>
            <Typography.Text type="secondary">
              {`${v.publishedAt.replace('T', ' ').slice(0, 16)} · ${v.publishedByName ?? v.publishedBy ?? ''}`}
            </Typography.Text>
            <Button size="small" onClick={() => onLoad(v.definition)}>
              {fmt('ui.restore')}
            </Button>
          </>
        )}
      />
    </Drawer>
  );
}

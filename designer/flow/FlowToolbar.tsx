/**
 * The flow designer's toolbar: name, mode switch, undo / redo, validation and save status, import /
 * export, simulate, versions and publish.
 */
import { Badge, Button, Flex, Input, Segmented, Space, Typography } from 'antd';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { downloadDefinition } from './json-file.ts';
import { fmt } from './strings.ts';
import type { FlowDocument } from './use-flow-document.ts';

export type Mode = 'simple' | 'graph';

/** The toolbar above the canvas. */
export function FlowToolbar(props: {
  doc: FlowDocument;
  def: WorkflowDefinition;
  mode: Mode;
  fits: boolean;
  onMode: (m: Mode) => void;
  onOpen: (what: 'publish' | 'versions' | 'simulate') => void;
  onImport: () => void;
}) {
  const { doc, def, mode } = props;
  const saveText = {
    idle: '',
    saving: fmt('ui.saving'),
    saved: fmt('ui.saved'),
    error: fmt('ui.saveError', { reason: doc.save.error ?? '' }),
  }[doc.save.status];
  return (
    <Flex
      wrap
      gap={8}
      align="center"
      style={{ padding: '8px 16px', borderBottom: '1px solid #f0f0f0', background: '#fff' }}
    >
      <Typography.Title level={4} ellipsis style={{ margin: 0, fontSize: 15, maxWidth: 160 }}>
        {def.name || fmt('ui.untitled')}
      </Typography.Title>
      <Input
        aria-label={fmt('ui.flowName')}
        value={def.name}
        onChange={(e) => doc.change({ ...def, name: e.target.value })}
        style={{ width: 140 }}
      />
      <Segmented<Mode>
        value={mode}
        options={[
          { value: 'simple', label: fmt('ui.simple'), disabled: !props.fits },
          { value: 'graph', label: fmt('ui.graph') },
        ]}
        onChange={props.onMode}
      />
      <Button onClick={doc.undo} disabled={!doc.history?.past.length}>
        {fmt('ui.undo')}
      </Button>
      <Button onClick={doc.redo} disabled={!doc.history?.future.length}>
        {fmt('ui.redo')}
      </Button>
      <Badge
        status={doc.problems.length ? 'error' : 'success'}
        text={
          doc.validating
            ? '…'
            : doc.problems.length
              ? fmt('ui.problems', { n: doc.problems.length })
              : fmt('ui.valid')
        }
      />
      <Typography.Text type={doc.save.status === 'error' ? 'danger' : 'secondary'} role="status">
        {saveText}
      </Typography.Text>
      <Space style={{ marginLeft: 'auto' }} wrap>
        <Button onClick={props.onImport}>{fmt('ui.import')}</Button>
        <Button onClick={() => downloadDefinition(def)}>{fmt('ui.export')}</Button>
        <Button onClick={() => props.onOpen('simulate')}>{fmt('ui.simulate')}</Button>
        <Button onClick={() => props.onOpen('versions')}>{fmt('ui.versions')}</Button>
        <Button type="primary" onClick={() => props.onOpen('publish')}>
          {fmt('ui.publish')}
        </Button>
      </Space>
    </Flex>
  );
}

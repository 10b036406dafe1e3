/**
 * The form canvas: fields in order, sections with their own fields, drop zones between them for
 * palette entries (new fields) and dragged fields (reorder / move into a section).
 */
import { DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Tag, Typography } from 'antd';
import { type DragEvent, useState } from 'react';
import type { FieldTypeId } from '../../forms/catalogue.ts';
import { BranchFields } from './BranchFields.tsx';
import { PALETTE_MIME } from './FieldPalette.tsx';
import { columnsOf, type FieldEntry, type FieldPath, type FormDoc, listFields } from './form-model.ts';
import { tf } from './strings.ts';

const FIELD_MIME = 'application/x-dealerflow-field-path';

export interface FormCanvasProps {
  doc: FormDoc;
  selected: FieldPath | undefined;
  onSelect: (path: FieldPath) => void;
  onAdd: (type: FieldTypeId, parent: FieldPath, index: number) => void;
  onMove: (path: FieldPath, parent: FieldPath, index: number) => void;
  onRemove: (path: FieldPath) => void;
  onColumns: (parent: FieldPath, columns: 1 | 2) => void;
  /** Replaces the whole document (the conditional branches are edited as JSON). */
  onChangeDoc?: (doc: FormDoc) => void;
}

function DropZone({ parent, index, props }: { parent: FieldPath; index: number; props: FormCanvasProps }) {
  const [over, setOver] = useState(false);
  const accept = (e: DragEvent) =>
    e.dataTransfer.types.includes(PALETTE_MIME) || e.dataTransfer.types.includes(FIELD_MIME);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: an HTML5 drop target; keyboard users add fields with the palette buttons
    <div
      data-testid={`drop-${[...parent, index].join('.')}`}
      onDragOver={(e) => {
        if (!accept(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const type = e.dataTransfer.getData(PALETTE_MIME);
        const path = e.dataTransfer.getData(FIELD_MIME);
        if (type) props.onAdd(type as FieldTypeId, parent, index);
        else if (path) props.onMove(JSON.parse(path) as FieldPath, parent, index);
      }}
      style={{
        height: over ? 28 : 8,
        borderRadius: 4,
        background: over ? '#e6f4ff' : 'transparent',
        border: over ? '1px dashed #1677ff' : undefined,
      }}
    >
      {over && <Typography.Text type="secondary">{tf('dropHere')}</Typography.Text>}
    </div>
  );
}

function FieldRow({ field, props }: { field: FieldEntry; props: FormCanvasProps }) {
  const selected = props.selected?.join('.') === field.path.join('.');
  const title = typeof field.schema.title === 'string' ? field.schema.title : field.name;
  return (
    <Card
      size="small"
      draggable
      onDragStart={(e) => {
        e.stopPropagation();
        e.dataTransfer.setData(FIELD_MIME, JSON.stringify(field.path));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={(e) => {
        e.stopPropagation();
        props.onSelect(field.path);
      }}
      style={{ borderColor: selected ? '#1677ff' : undefined, cursor: 'pointer' }}
    >
      <Flex align="center" gap={8}>
        {/* The field's own button, beside (not around) the remove button and a section's fields. */}
        <Flex
          role="button"
          tabIndex={0}
          aria-label={tf('fieldAria', { title })}
          aria-pressed={selected}
          align="center"
          gap={8}
          style={{ flex: 1, minWidth: 0 }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            props.onSelect(field.path);
          }}
        >
          <HolderOutlined />
          <Typography.Text strong>{title}</Typography.Text>
          {field.required && <Tag color="red">{tf('required')}</Tag>}
          <Typography.Text type="secondary" code>
            {field.name}
          </Typography.Text>
        </Flex>
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={`${tf('remove')} ${title}`}
          onClick={(e) => {
            e.stopPropagation();
            props.onRemove(field.path);
          }}
        />
      </Flex>
      {field.isSection && <FieldList parent={field.path} fields={field.children} props={props} />}
    </Card>
  );
}

function FieldList({
  parent,
  fields,
  props,
}: {
  parent: FieldPath;
  fields: FieldEntry[];
  props: FormCanvasProps;
}) {
  const columns = columnsOf(props.doc, parent);
  return (
    <div style={{ paddingTop: parent.length ? 8 : 0 }}>
      <Segmented<1 | 2>
        size="small"
        value={columns}
        options={[
          { value: 1, label: tf('oneColumn') },
          { value: 2, label: tf('twoColumns') },
        ]}
        onChange={(c) => props.onColumns(parent, c)}
      />
      <DropZone parent={parent} index={0} props={props} />
      {fields.length === 0 && parent.length === 0 && (
        <Typography.Text type="secondary">{tf('emptyCanvas')}</Typography.Text>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: columns === 2 ? '1fr 1fr' : '1fr', columnGap: 8 }}>
        {fields.map((f, i) => (
          <div key={f.name} style={{ gridColumn: f.isSection ? '1 / -1' : undefined }}>
            <FieldRow field={f} props={props} />
            <DropZone parent={parent} index={i + 1} props={props} />
          </div>
        ))}
      </div>
    </div>
  );
}

/** The canvas column. */
export function FormCanvas(props: FormCanvasProps) {
  return (
    <section aria-label={tf('canvas')} data-testid="form-canvas">
      <FieldList parent={[]} fields={listFields(props.doc)} props={props} />
      <BranchFields doc={props.doc} onChange={(doc) => props.onChangeDoc?.(doc)} />
    </section>
  );
}

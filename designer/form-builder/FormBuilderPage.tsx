/**
 * `/designer/forms/:key`: the form builder. Palette → canvas by drag and drop (or click), sections and
 * two-column layout, field properties, show/hide rules, live rjsf preview, editable JSON, autosaved
 * draft, publish and version history.
 */
import { Alert, App as AntApp, Button, Drawer, Flex, Input, Layout, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { FieldTypeId } from '../../forms/catalogue.ts';
import type { FormDefinition, VisibilityRule } from '../../forms/types.ts';
import { PlainList } from '../flow/PlainList.tsx';
import { type FormVersionView, formApi } from './api.ts';
import { FieldPalette } from './FieldPalette.tsx';
import { FieldProperties } from './FieldProperties.tsx';
import { FormCanvas } from './FormCanvas.tsx';
import { FormPreview } from './FormPreview.tsx';
import {
  addField,
  type FieldEntry,
  type FieldPath,
  type FormDoc,
  listFields,
  moveField,
  removeField,
  rulesWithout,
  setColumns,
  updateField,
} from './form-model.ts';
import { JsonView } from './JsonView.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { tf } from './strings.ts';
import { errorText, useFormDocument } from './use-form-document.ts';

function findField(entries: FieldEntry[], path: FieldPath | undefined): FieldEntry | undefined {
  if (!path) return undefined;
  for (const e of entries) {
    if (e.path.join('.') === path.join('.')) return e;
    const inner = findField(e.children, path);
    if (inner) return inner;
  }
  return undefined;
}

function fieldPaths(entries: FieldEntry[]): string[] {
  return entries.flatMap((e) => (e.isSection ? fieldPaths(e.children) : [e.path.join('.')]));
}

function VersionsDrawer({
  formKey,
  open,
  onClose,
  onLoad,
}: {
  formKey: string;
  open: boolean;
  onClose: () => void;
  onLoad: (f: FormVersionView) => void;
}) {
  const [items, setItems] = useState<FormVersionView[]>();
  const load = () =>
    void formApi.versions(formKey).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  return (
    <Drawer open={open} onClose={onClose} title={tf('versions')} afterOpenChange={(o) => o && load()}>
      {!items && <Spin />}
      <PlainList
        items={items ?? []}
        itemKey={(v) => String(v.version)}
        renderItem={(v) => (
          <>
            {tf('version', { version: v.version })} · {v.title}
            {v.publishedAt && ` · ${v.publishedAt.replace('T', ' ').slice(0, 16)}`}
            {(v.publishedByName ?? v.publishedBy) && ` · ${v.publishedByName ?? v.publishedBy}`}
            <Button size="small" onClick={() => onLoad(v)}>
              {tf('restore')}
            </Button>
          </>
        )}
      />
    </Drawer>
  );
}

/** The page; `saveDelay` shortens the autosave debounce in tests. */
export function FormBuilderPage({ saveDelay }: { saveDelay?: number } = {}) {
  const { key = '' } = useParams();
  // tf() reads the app language: subscribing re-renders the builder when it changes.
  useTranslation();
  const doc = useFormDocument(key, saveDelay);
  const { message } = AntApp.useApp();
  const [selected, setSelected] = useState<FieldPath>();
  const [versionsOpen, setVersionsOpen] = useState(false);
  const form = doc.form;
  if (doc.loadError)
    return <Alert type="error" showIcon title={tf('loadError', { reason: doc.loadError })} />;
  if (!form) return <Typography.Text>…</Typography.Text>;

  const fd: FormDoc = { schema: form.schema, uiSchema: form.uiSchema ?? {} };
  const rules = form.rules ?? [];
  const entries = listFields(fd);
  const set = (next: FormDoc, nextRules: VisibilityRule[] = rules) => {
    const f: FormDefinition = { ...form, schema: next.schema, uiSchema: next.uiSchema };
    if (nextRules.length) f.rules = nextRules;
    else delete f.rules;
    doc.change(f);
  };
  const add = (type: FieldTypeId, parent: FieldPath = [], index?: number) => {
    const r = addField(fd, type, parent, index);
    set(r.doc);
    setSelected(r.path);
  };
  const publish = async () => {
    try {
      await doc.flush();
      const { version } = await formApi.publish(form.key);
      message.success(tf('published', { version }));
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const saveText = {
    idle: '',
    saving: tf('saving'),
    saved: tf('saved'),
    error: tf('saveError', { reason: doc.save.error ?? '' }),
  }[doc.save.status];

  return (
    <Layout style={{ minHeight: 600 }}>
      <Flex
        gap={8}
        align="center"
        style={{ padding: '8px 16px', background: '#fff', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Title level={4} ellipsis style={{ margin: 0, fontSize: 15, maxWidth: 200 }}>
          {form.title || tf('untitled')}
        </Typography.Title>
        <Input
          aria-label={tf('title')}
          value={form.title}
          onChange={(e) => doc.change({ ...form, title: e.target.value })}
          style={{ width: 240 }}
        />
        <Typography.Text type={doc.save.status === 'error' ? 'danger' : 'secondary'} role="status">
          {saveText}
        </Typography.Text>
        <Button style={{ marginLeft: 'auto' }} onClick={() => setVersionsOpen(true)}>
          {tf('versions')}
        </Button>
        <Button type="primary" onClick={() => void publish()}>
          {tf('publish')}
        </Button>
      </Flex>
      <Layout hasSider>
        <Layout.Sider width={220} theme="light" style={{ padding: 12 }}>
          <FieldPalette onAdd={(t) => add(t)} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 12 }}>
          <FormCanvas
            doc={fd}
            selected={selected}
            onSelect={setSelected}
            onAdd={(t, parent, index) => add(t, parent, index)}
            onMove={(path, parent, index) => set(moveField(fd, path, parent, index))}
            onRemove={(path) => {
              set(removeField(fd, path), rulesWithout(rules, path.join('.')));
              setSelected(undefined);
            }}
            onColumns={(parent, c) => set(setColumns(fd, parent, c))}
            onChangeDoc={(d) => set(d)}
          />
        </Layout.Content>
        <Layout.Sider width={420} theme="light" style={{ padding: 12 }}>
          <Tabs
            items={[
              {
                key: 'props',
                label: tf('properties'),
                children: (
                  <FieldProperties
                    field={findField(entries, selected)}
                    onChange={(p) => selected && set(updateField(fd, selected, p))}
                  />
                ),
              },
              {
                key: 'rules',
                label: tf('rules'),
                children: (
                  <RulesEditor rules={rules} fields={fieldPaths(entries)} onChange={(r) => set(fd, r)} />
                ),
              },
              { key: 'preview', label: tf('preview'), children: <FormPreview doc={fd} rules={rules} /> },
              { key: 'json', label: tf('json'), children: <JsonView doc={fd} onChange={(d) => set(d)} /> },
            ]}
          />
        </Layout.Sider>
      </Layout>
      <VersionsDrawer
        formKey={form.key}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        onLoad={(v) => {
          doc.change({
            key: form.key,
            title: v.title,
            schema: v.schema,
            uiSchema: v.uiSchema ?? {},
            ...(v.rules ? { rules: v.rules } : {}),
          });
          setVersionsOpen(false);
        }}
      />
    </Layout>
  );
}

/**
 * 设置 of a flow or form: name, category, icon, description; for flows also the start form and who
 * may start it (roles, or the application only). Saved into the draft (`PUT …/draft`); it takes
 * effect when the draft is published.
 */
import { Alert, AutoComplete, Checkbox, Form, Input, Modal, Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StarterSpec, WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition } from '../../forms/types.ts';
import { api } from '../api/client.ts';
import type { FormSummary } from '../api/types.ts';
import { currentLocale } from '../i18n/i18n.ts';
import type { DefinitionKind } from './CreateDefinitionModal.tsx';
import { useIconOptions } from './CreateDefinitionModal.tsx';

interface Values {
  name: string;
  category?: string;
  icon?: string;
  description?: string;
  startForm?: string;
  starterRoles?: string[];
  applicationOnly?: boolean;
}

interface RoleOption {
  code: string;
  labelZh: string;
  labelEn: string;
}

type Document = (WorkflowDefinition | FormDefinition) & { category?: string; icon?: string };

export interface DefinitionSettingsModalProps {
  kind: DefinitionKind;
  /** The flow or form to edit; null: closed. */
  target: { key: string; name: string } | null;
  categories: readonly string[];
  onClose(): void;
  onSaved(): void;
}

function valuesOf(kind: DefinitionKind, doc: Document): Values {
  const common = {
    category: doc.category,
    icon: doc.icon,
    description: doc.description,
  };
  if (kind === 'form') return { ...common, name: (doc as FormDefinition).title };
  const flow = doc as WorkflowDefinition;
  return {
    ...common,
    name: flow.name,
    startForm: flow.startForm,
    starterRoles: flow.starters?.roles ?? flow.starterRoles ?? [],
    applicationOnly: flow.starters?.applicationOnly ?? false,
  };
}

/** The document with the dialog's values; empty labels are removed, unknown fields kept. */
function applyValues(kind: DefinitionKind, doc: Document, values: Values): Document {
  const next: Document = structuredClone(doc);
  const set = (field: 'category' | 'icon' | 'description', value: string | undefined) => {
    if (value?.trim()) next[field] = value.trim();
    else delete next[field];
  };
  set('category', values.category);
  set('icon', values.icon);
  set('description', values.description);
  if (kind === 'form') {
    (next as FormDefinition).title = values.name.trim();
    return next;
  }
  const flow = next as WorkflowDefinition;
  flow.name = values.name.trim();
  if (values.startForm) flow.startForm = values.startForm;
  else delete flow.startForm;
  const starters: StarterSpec = { ...flow.starters };
  if (values.starterRoles?.length) starters.roles = values.starterRoles;
  else delete starters.roles;
  if (values.applicationOnly) starters.applicationOnly = true;
  else delete starters.applicationOnly;
  delete flow.starterRoles;
  if (Object.keys(starters).length > 0) flow.starters = starters;
  else delete flow.starters;
  return flow;
}

/** The settings dialog; loads the draft (else the published version) when opened. */
export function DefinitionSettingsModal({
  kind,
  target,
  categories,
  onClose,
  onSaved,
}: DefinitionSettingsModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [doc, setDoc] = useState<Document | null>(null);
  /** Every load is in (the document and, for a flow, the forms and roles its selects offer). */
  const [loaded, setLoaded] = useState(false);
  const [forms, setForms] = useState<FormSummary[]>([]);
  const [roles, setRoles] = useState<RoleOption[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const iconOptions = useIconOptions();
  const isFlow = kind === 'workflow';

  useEffect(() => {
    if (!target) return undefined;
    let live = true;
    setDoc(null);
    setLoaded(false);
    setFailure(null);
    const loads: Promise<unknown>[] = [
      (kind === 'workflow'
        ? api.get('/api/workflows/{key}', { params: { path: { key: target.key } } })
        : api.get('/api/forms/{key}', { params: { path: { key: target.key } } })
      ).then((view: { draft: Document | null; published: Document | null }) => {
        const found = view.draft ?? view.published;
        if (!live || !found) return;
        const { version: _v, ...plain } = found as Document & { version?: number };
        setDoc(plain);
      }),
    ];
    if (isFlow) {
      loads.push(api.get('/api/forms').then((r) => live && setForms(r.items)));
      loads.push(api.get('/api/roles').then((r) => live && setRoles(r.items)));
    }
    Promise.all(loads).then(
      () => live && setLoaded(true),
      (e: unknown) => live && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [target, isFlow, kind]);

  const categoryOptions = useMemo(() => categories.map((value) => ({ value })), [categories]);
  const english = currentLocale() === 'en';

  async function save(values: Values) {
    if (!target || !doc) return;
    setBusy(true);
    setFailure(null);
    try {
      const draft = applyValues(kind, doc, values);
      const byKey = { params: { path: { key: target.key } } };
      await ('machine' in draft
        ? api.put('/api/workflows/{key}/draft', { ...byKey, body: draft })
        : api.put('/api/forms/{key}/draft', { ...byKey, body: draft }));
      onSaved();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={target !== null}
      title={t(isFlow ? 'definitions.settingsTitle' : 'definitions.formSettingsTitle', {
        name: target?.name ?? '',
      })}
      okText={t('definitions.save')}
      cancelText={t('definitions.cancel')}
      okButtonProps={{ disabled: !(doc && loaded) }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {/* The fields appear with the document's values and their selects' options: none to type into, to
          tick or to pick from that a load would overwrite or fill in under the cursor. */}
      {!(doc && loaded) && !failure && <Spin style={{ display: 'block', padding: 48 }} />}
      {doc && loaded && (
        <Form<Values>
          form={form}
          name={`settings-${kind}`}
          layout="vertical"
          initialValues={valuesOf(kind, doc)}
          onFinish={save}
        >
          <Form.Item
            name="name"
            label={t('definitions.name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('definitions.required', { field: t('definitions.name') }),
              },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('definitions.category')}>
            <AutoComplete options={categoryOptions} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="icon" label={t('definitions.icon')}>
            <Select options={iconOptions} allowClear optionLabelProp="label" />
          </Form.Item>
          <Form.Item name="description" label={t('definitions.description')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          {isFlow && (
            <>
              <Form.Item
                name="startForm"
                label={t('definitions.startForm')}
                extra={t('definitions.startFormHint')}
              >
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={forms.map((f) => ({ value: f.key, label: `${f.title}（${f.key}）` }))}
                />
              </Form.Item>
              <Form.Item
                name="starterRoles"
                label={t('definitions.starterRoles')}
                extra={t('definitions.starterRolesHint')}
              >
                <Select
                  mode="multiple"
                  allowClear
                  options={roles.map((r) => ({ value: r.code, label: english ? r.labelEn : r.labelZh }))}
                />
              </Form.Item>
              <Form.Item name="applicationOnly" valuePropName="checked">
                <Checkbox>{t('definitions.applicationOnly')}</Checkbox>
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

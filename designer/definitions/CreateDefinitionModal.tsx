/**
 * 新建流程 / 新建表单: blank, from a template (flows) or a copy of an existing one; name, a key
 * proposed from the name (editable), category, icon and description. Creates the draft with
 * `POST /api/workflows` or `POST /api/forms` and hands back its key.
 */
import { Alert, AutoComplete, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { fromPointer } from '../../forms/schema-utils.ts';
import type { FormDefinition } from '../../forms/types.ts';
import { api } from '../api/client.ts';
import { ApiError } from '../api-client.ts';
import { DEFINITION_ICONS, DefinitionIcon } from './definition-icons.tsx';
import { NEW_KEY_PATTERN, proposeKey } from './definition-keys.ts';
import {
  asNewFlow,
  asNewForm,
  BLANK_FLOW,
  BLANK_FORM,
  FLOW_TEMPLATES,
  type NewDefinitionFields,
} from './new-documents.ts';

export type DefinitionKind = 'workflow' | 'form';

/** A flow or form that may be copied. */
export interface CopyableDefinition {
  key: string;
  name: string;
  category?: string | null;
  icon?: string | null;
  description?: string | null;
}

type Source = 'blank' | 'template' | 'copy';

interface Values {
  source: Source;
  template?: string;
  copyFrom?: string;
  name: string;
  key: string;
  category?: string;
  icon?: string;
  description?: string;
}

export interface CreateDefinitionModalProps {
  kind: DefinitionKind;
  open: boolean;
  /** Keys already in use: the proposed key avoids them. */
  taken: ReadonlySet<string>;
  copyable: readonly CopyableDefinition[];
  /** Opens as a copy of this one (the row's 复制 action). */
  copyOf?: string | null;
  /** Categories already in use, offered besides the usual ones. */
  categories: readonly string[];
  onClose(): void;
  onCreated(key: string, name: string): void;
}

const KEY_PREFIX: Record<DefinitionKind, string> = { workflow: 'flow', form: 'form' };

/** The document to create from the dialog's values (a copy reads its source's draft, else published). */
async function documentFor(
  kind: DefinitionKind,
  values: Values,
): Promise<WorkflowDefinition | FormDefinition> {
  const fields: NewDefinitionFields = {
    key: values.key.trim(),
    name: values.name.trim(),
    description: values.description?.trim() || undefined,
    category: values.category?.trim() || undefined,
    icon: values.icon || undefined,
  };
  if (kind === 'workflow') {
    let source = BLANK_FLOW;
    if (values.source === 'template')
      source = FLOW_TEMPLATES.find((t) => t.key === values.template) ?? BLANK_FLOW;
    if (values.source === 'copy' && values.copyFrom) {
      const view = await api.get('/api/workflows/{key}', { params: { path: { key: values.copyFrom } } });
      source = view.draft ?? view.published ?? BLANK_FLOW;
    }
    return asNewFlow(source, fields);
  }
  let source = BLANK_FORM;
  if (values.source === 'copy' && values.copyFrom) {
    const view = await api.get('/api/forms/{key}', { params: { path: { key: values.copyFrom } } });
    source = view.draft ?? view.published ?? BLANK_FORM;
  }
  return asNewForm(source, fields);
}

/** Which dialog field a server error's JSON pointer (`/key`, `/name`) belongs to. */
function fieldOfPath(path: string, kind: DefinitionKind): keyof Values | null {
  const head = fromPointer(path)[0];
  if (head === 'key') return 'key';
  if (head === (kind === 'workflow' ? 'name' : 'title')) return 'name';
  if (head === 'category' || head === 'icon' || head === 'description') return head;
  return null;
}

/** The usual categories plus those in use, without repeats. */
function useCategoryOptions(categories: readonly string[]) {
  const { t } = useTranslation();
  return useMemo(() => {
    const usual = ['sales', 'afterSales', 'admin', 'finance', 'hr'].map((c) =>
      t(`definitions.categories.${c}`),
    );
    return [...new Set([...usual, ...categories.filter(Boolean)])].map((value) => ({ value }));
  }, [categories, t]);
}

/** The icon picker's options: each icon with its name. */
export function useIconOptions() {
  const { t } = useTranslation();
  return useMemo(
    () =>
      Object.keys(DEFINITION_ICONS).map((name) => ({
        value: name,
        label: (
          <Space>
            <DefinitionIcon name={name} />
            {t(`definitions.icons.${name}`, name)}
          </Space>
        ),
        title: t(`definitions.icons.${name}`, name),
      })),
    [t],
  );
}

/** The create dialog; its fields are labelled so they can be driven by name. */
export function CreateDefinitionModal(props: CreateDefinitionModalProps) {
  const { kind, open, taken, copyable, copyOf, categories, onClose, onCreated } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Once the admin types a key, the name no longer proposes one.
  const keyTouched = useRef(false);
  const categoryOptions = useCategoryOptions(categories);
  const iconOptions = useIconOptions();
  const source = Form.useWatch('source', form) ?? 'blank';

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or given another copy source
  useEffect(() => {
    if (!open) return;
    keyTouched.current = false;
    setFailure(null);
    form.resetFields();
    if (copyOf) applyCopySource(copyOf);
  }, [open, copyOf]);

  function propose(name: string) {
    if (!keyTouched.current) form.setFieldValue('key', proposeKey(name, KEY_PREFIX[kind], taken));
  }

  function prefill(name: string, labels: Omit<CopyableDefinition, 'key' | 'name'>) {
    form.setFieldsValue({
      name,
      category: labels.category ?? undefined,
      icon: labels.icon ?? undefined,
      description: labels.description ?? undefined,
    });
    propose(name);
  }

  function applyCopySource(key: string) {
    const found = copyable.find((c) => c.key === key);
    form.setFieldsValue({ source: 'copy', copyFrom: key });
    if (found) prefill(t('definitions.copyName', { name: found.name }), found);
  }

  function onValuesChange(changed: Partial<Values>) {
    if ('name' in changed) propose(changed.name ?? '');
    if ('key' in changed) keyTouched.current = true;
    if (changed.template) {
      const template = FLOW_TEMPLATES.find((tpl) => tpl.key === changed.template);
      if (template) prefill(template.name, template);
    }
    if (changed.copyFrom) applyCopySource(changed.copyFrom);
  }

  async function submit(values: Values) {
    setBusy(true);
    setFailure(null);
    try {
      const document = await documentFor(kind, values);
      await ('machine' in document
        ? api.post('/api/workflows', { body: document })
        : api.post('/api/forms', { body: document }));
      onCreated(document.key, values.name.trim());
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        form.setFields([{ name: 'key', errors: [t('definitions.keyTaken', { key: values.key })] }]);
      } else if (e instanceof ApiError && e.details.length > 0) {
        const unplaced: string[] = [];
        for (const detail of e.details) {
          const field = fieldOfPath(detail.path, kind);
          if (field) form.setFields([{ name: field, errors: [detail.message] }]);
          else unplaced.push(`${detail.path}: ${detail.message}`);
        }
        if (unplaced.length > 0) setFailure(unplaced.join('；'));
      } else {
        setFailure(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const isFlow = kind === 'workflow';
  const sourceOptions = [
    { value: 'blank', label: t('definitions.sourceBlank') },
    ...(isFlow ? [{ value: 'template', label: t('definitions.sourceTemplate') }] : []),
    { value: 'copy', label: t('definitions.sourceCopy') },
  ];
  return (
    <Modal
      open={open}
      title={isFlow ? t('definitions.createFlowTitle') : t('definitions.createFormTitle')}
      okText={isFlow ? t('definitions.createFlow') : t('definitions.createForm')}
      cancelText={t('definitions.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        name={`create-${kind}`}
        layout="vertical"
        initialValues={{ source: 'blank', name: '', key: '' }}
        onValuesChange={onValuesChange}
        onFinish={submit}
      >
        <Form.Item name="source" label={t('definitions.source')}>
          <Radio.Group optionType="button" options={sourceOptions} />
        </Form.Item>
        {source === 'template' && (
          <Form.Item
            name="template"
            label={t('definitions.template')}
            rules={[
              { required: true, message: t('definitions.required', { field: t('definitions.template') }) },
            ]}
          >
            <Select
              options={FLOW_TEMPLATES.map((tpl) => ({ value: tpl.key, label: tpl.name }))}
              placeholder={t('definitions.template')}
            />
          </Form.Item>
        )}
        {source === 'copy' && (
          <Form.Item
            name="copyFrom"
            label={t('definitions.copyFrom')}
            rules={[
              { required: true, message: t('definitions.required', { field: t('definitions.copyFrom') }) },
            ]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={copyable.map((c) => ({ value: c.key, label: `${c.name}（${c.key}）` }))}
              placeholder={t('definitions.copyFrom')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('definitions.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('definitions.required', { field: t('definitions.name') }),
            },
            { max: 200 },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('definitions.key')}
          extra={t('definitions.keyHint')}
          rules={[
            { required: true, message: t('definitions.required', { field: t('definitions.key') }) },
            { pattern: NEW_KEY_PATTERN, message: t('definitions.keyInvalid') },
            {
              validator: (_, value: string) =>
                taken.has(value)
                  ? Promise.reject(new Error(t('definitions.keyTaken', { key: value })))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={64} spellCheck={false} autoComplete="off" />
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
      </Form>
    </Modal>
  );
}

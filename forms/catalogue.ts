/**
 * The form builder's field palette: every field type a dealership form needs, with its labels, antd
 * icon and the JSON Schema + UI schema snippet it inserts. Widgets not built into rjsf are listed in
 * `CUSTOM_WIDGETS`; the designer registers them.
 */
import { cloneJson, fieldNamesOf } from './schema-utils.ts';
import type { JSONSchema, Locale, UISchema } from './types.ts';

/** Custom rjsf widgets the snippets use (`ui:widget`); the designer must register each one. */
export const CUSTOM_WIDGETS = [
  'money',
  'percent',
  'user',
  'customer',
  'vehicle',
  'file',
  'signature',
] as const;

export type FieldTypeId =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'date-time'
  | 'select'
  | 'multi-select'
  | 'radio'
  | 'checkbox'
  | 'mobile'
  | 'email'
  | 'id-number'
  | 'vin'
  | 'user'
  | 'customer'
  | 'vehicle'
  | 'file'
  | 'signature'
  | 'rows'
  | 'computed'
  | 'section';

/** Palette groups, in the order the builder shows them. */
export type FieldGroup = 'basic' | 'choice' | 'dealer' | 'advanced';

/** One entry of the palette. */
export interface FieldType {
  id: FieldTypeId;
  group: FieldGroup;
  label: Record<Locale, string>;
  /** An `@ant-design/icons` component name. */
  icon: string;
  /** The property schema inserted into `schema.properties[<name>]`. */
  schema: JSONSchema;
  /** The UI schema inserted into `uiSchema[<name>]`, if any. */
  uiSchema?: UISchema;
}

const OPTIONS = ['option1', 'option2'];
/** 17 characters, digits and capitals without I, O, Q. */
export const VIN_PATTERN = '^[A-HJ-NPR-Z0-9]{17}$';
const OPTION_NAMES = ['选项1', '选项2'];

const field = (
  id: FieldTypeId,
  group: FieldGroup,
  zh: string,
  en: string,
  icon: string,
  schema: JSONSchema,
  uiSchema?: UISchema,
): FieldType => ({ id, group, label: { 'zh-CN': zh, en }, icon, schema: { title: zh, ...schema }, uiSchema });

/** The palette, in display order. Treat as read-only; `createField` gives a copy to insert. */
export const FIELD_TYPES: readonly FieldType[] = [
  field('text', 'basic', '单行文本', 'Text', 'FontSizeOutlined', { type: 'string' }),
  field(
    'textarea',
    'basic',
    '多行文本',
    'Text area',
    'AlignLeftOutlined',
    { type: 'string' },
    { 'ui:widget': 'textarea' },
  ),
  field('number', 'basic', '数字', 'Number', 'NumberOutlined', { type: 'number' }),
  field(
    'money',
    'basic',
    '金额',
    'Amount (CNY)',
    'MoneyCollectOutlined',
    { type: 'integer', minimum: 0 },
    { 'ui:widget': 'money' },
  ),
  field(
    'percent',
    'basic',
    '百分比',
    'Percent',
    'PercentageOutlined',
    { type: 'number', minimum: 0, maximum: 100 },
    { 'ui:widget': 'percent' },
  ),
  field('date', 'basic', '日期', 'Date', 'CalendarOutlined', { type: 'string', format: 'date' }),
  field('date-time', 'basic', '日期时间', 'Date and time', 'FieldTimeOutlined', {
    type: 'string',
    format: 'date-time',
  }),
  field(
    'select',
    'choice',
    '下拉选择',
    'Select',
    'DownSquareOutlined',
    { type: 'string', enum: OPTIONS },
    { 'ui:enumNames': OPTION_NAMES },
  ),
  field(
    'multi-select',
    'choice',
    '多项选择',
    'Multi-select',
    'AppstoreOutlined',
    { type: 'array', uniqueItems: true, items: { type: 'string', enum: OPTIONS } },
    { 'ui:widget': 'select' },
  ),
  field(
    'radio',
    'choice',
    '单选',
    'Radio',
    'CheckCircleOutlined',
    { type: 'string', enum: OPTIONS },
    { 'ui:widget': 'radio', 'ui:enumNames': OPTION_NAMES },
  ),
  field(
    'checkbox',
    'choice',
    '勾选',
    'Checkbox',
    'CheckSquareOutlined',
    { type: 'boolean' },
    { 'ui:widget': 'checkbox' },
  ),
  field('mobile', 'dealer', '手机号', 'Mobile', 'MobileOutlined', { type: 'string', format: 'mobile' }),
  field('email', 'dealer', '电子邮箱', 'Email', 'MailOutlined', { type: 'string', format: 'email' }),
  field('id-number', 'dealer', '身份证号', 'ID number', 'IdcardOutlined', {
    type: 'string',
    format: 'cn-id',
  }),
  field('vin', 'dealer', '车架号', 'VIN', 'BarcodeOutlined', { type: 'string', format: 'vin' }),
  field(
    'user',
    'dealer',
    '人员选择',
    'User',
    'UserOutlined',
    { type: 'string', format: 'uuid' },
    { 'ui:widget': 'user' },
  ),
  field(
    'customer',
    'dealer',
    '客户',
    'Customer',
    'ContactsOutlined',
    { type: 'string', format: 'uuid' },
    { 'ui:widget': 'customer' },
  ),
  field(
    'vehicle',
    'dealer',
    '车辆',
    'Vehicle',
    'CarOutlined',
    // A VIN from inventory; a pattern, not the `vin` format, because inventory keeps VINs whose check
    // digit failed when someone overrode the check (vinOverrideBy).
    { type: 'string', pattern: VIN_PATTERN },
    { 'ui:widget': 'vehicle' },
  ),
  field(
    'file',
    'advanced',
    '附件',
    'File upload',
    'UploadOutlined',
    { type: 'string', format: 'uuid' },
    { 'ui:widget': 'file' },
  ),
  field(
    'signature',
    'advanced',
    '签名',
    'Signature',
    'SignatureOutlined',
    { type: 'string' },
    { 'ui:widget': 'signature' },
  ),
  field(
    'rows',
    'advanced',
    '明细表',
    'Repeating rows',
    'TableOutlined',
    {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', title: '名称' },
          price: { type: 'integer', title: '金额', minimum: 0 },
        },
      },
    },
    { items: { price: { 'ui:widget': 'money' } } },
  ),
  field(
    'computed',
    'advanced',
    '计算字段',
    'Computed',
    'CalculatorOutlined',
    { type: 'integer', readOnly: true },
    { 'ui:widget': 'money', 'ui:readonly': true, 'ui:options': { formula: '' } },
  ),
  field('section', 'advanced', '分组', 'Section', 'GroupOutlined', { type: 'object', properties: {} }),
];

/** The palette entry with this id, or undefined. */
export function findFieldType(id: string): FieldType | undefined {
  return FIELD_TYPES.find((type) => type.id === id);
}

/**
 * A fresh copy of a field type's snippet to insert into a form. File, user and customer fields hold
 * an id (uploaded file id, user id, customer id; a file field of `type: array` holds several), a
 * vehicle field the vehicle's VIN, a signature field its image — not the thing itself.
 *
 * @example const { schema, uiSchema } = createField('money'); form.schema.properties.discount = schema;
 */
export function createField(id: FieldTypeId): { schema: JSONSchema; uiSchema: UISchema } {
  const type = findFieldType(id);
  if (!type) throw new Error(`unknown field type: ${id}`);
  return { schema: cloneJson(type.schema), uiSchema: cloneJson(type.uiSchema ?? {}) };
}

/**
 * The top-level field names of a form schema, including fields declared in branches (`allOf`, `then`,
 * `else`, `oneOf`, `dependencies`, ... with `$ref`s followed; compiled show/hide rules live in
 * `allOf[].then`). The engine checks task `fields` permissions against this list.
 *
 * @example fieldNames({ type: 'object', properties: { discount: {}, reviewComment: {} } }) // ['discount', 'reviewComment']
 */
export function fieldNames(schema: JSONSchema): string[] {
  return fieldNamesOf(schema);
}

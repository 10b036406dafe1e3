/**
 * The form builder's zh-CN strings, in one place; `tf` follows the app language (English from
 * strings-en.ts, Chinese for keys not translated).
 */
import { currentLocale } from '../i18n/i18n.ts';
import { FORM_STRINGS_EN } from './strings-en.ts';

export const FORM_STRINGS = {
  palette: '控件',
  'group.basic': '基础',
  'group.choice': '选择',
  'group.dealer': '经销商',
  'group.advanced': '高级',
  canvas: '表单',
  emptyCanvas: '从左侧拖入或点击控件添加字段',
  dropHere: '放到这里',
  columns: '布局',
  oneColumn: '单列',
  twoColumns: '两列',
  properties: '属性',
  rules: '显示规则',
  preview: '预览',
  json: 'JSON',
  label: '标题',
  help: '帮助说明',
  placeholder: '占位提示',
  required: '必填',
  default: '默认值',
  minimum: '最小值',
  maximum: '最大值',
  minLength: '最少字数',
  maxLength: '最多字数',
  pattern: '格式（正则）',
  options: '选项（每行：值=显示名）',
  name: '字段名',
  remove: '删除字段',
  noField: '选择一个字段编辑属性',
  addRule: '添加规则',
  ruleShow: '显示',
  ruleWhen: '当',
  'op.eq': '等于',
  'op.neq': '不等于',
  'op.in': '属于',
  'op.notEmpty': '不为空',
  ruleValue: '值',
  schema: 'schema',
  uiSchema: 'uiSchema',
  apply: '应用',
  badJson: 'JSON 格式错误：{reason}',
  title: '表单标题',
  untitled: '未命名表单',
  saving: '保存中…',
  saved: '草稿已保存',
  saveError: '草稿保存失败：{reason}',
  publish: '发布',
  published: '已发布版本 {version}',
  versions: '版本历史',
  version: '版本 {version}',
  restore: '载入此版本',
  loadError: '加载表单失败：{reason}',
  needObject: '需要一个 JSON 对象',
  fieldAria: '字段 {title}',
  'rule.field': '规则{n} 字段',
  'rule.when': '规则{n} 条件字段',
  'rule.op': '规则{n} 比较',
  'rule.value': '规则{n} 值',
  'rule.remove': '删除规则{n}',
  'branch.title': '条件字段与组合（{keyword}）',
  'branch.hint': '按条件出现的字段，在此以 JSON 编辑；预览会按条件显示和隐藏它们。',
  'branch.from': '来自 {via}',
  'branch.apply': '应用',
  'branch.remove': '删除 {keyword}',
  'branch.editor': '{keyword} 的 JSON',
  'branch.invalid': 'JSON 有误：{reason}',
  'branch.confirmRemove': '删除 {keyword} 及其中的字段？',
} as const;

export type FormStringKey = keyof typeof FORM_STRINGS;

/** Looks up a string and fills its `{name}` placeholders. */
export function tf(key: FormStringKey, params: Record<string, string | number> = {}): string {
  const text = (currentLocale() === 'en' ? FORM_STRINGS_EN[key] : undefined) ?? FORM_STRINGS[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

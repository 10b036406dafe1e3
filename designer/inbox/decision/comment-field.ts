/**
 * One comment box per task page. A form may name the field that holds the step's comment
 * (`"ui:options": { "taskComment": true }`, e.g. order-review's 审批意见): that field is not drawn
 * as a second box; the page's comment is written into it on submit, and it starts empty — a
 * returning approver never finds their old comment prefilled.
 */
import type { FieldPermission, JsonObject } from '../../../engine/types.ts';
import type { ProjectedForm } from '../../api/types.ts';

/** The form's comment field, when this step may write it. */
export function commentFieldOf(
  form: ProjectedForm | null,
  fields: Record<string, FieldPermission>,
): string | null {
  if (!form) return null;
  for (const [name, entry] of Object.entries(form.uiSchema)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const options = (entry as Record<string, unknown>)['ui:options'];
    const marked =
      typeof options === 'object' && options !== null && (options as Record<string, unknown>).taskComment;
    const permission = fields[name];
    const writable = permission === undefined || permission === 'editable' || permission === 'required';
    if (marked === true && writable && form.schema.properties?.[name]) return name;
  }
  return null;
}

/** Whether the form or the step makes the comment field required. */
export function commentFieldRequired(
  form: ProjectedForm | null,
  fields: Record<string, FieldPermission>,
  name: string | null,
): boolean {
  if (!form || !name) return false;
  return fields[name] === 'required' || (form.schema.required ?? []).includes(name);
}

/** The data sent on completion: the form's data with the comment in its field. */
export function withComment(data: JsonObject, field: string | null, comment: string): JsonObject {
  return field ? { ...data, [field]: comment } : data;
}

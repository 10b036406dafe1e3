/**
 * Import / export of a definition as a JSON file in the browser.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { fmt } from './strings.ts';

/** Parses an imported file: a definition document, or a bare machine wrapped into `base`. */
export function parseDefinitionJson(text: string, base: WorkflowDefinition): WorkflowDefinition | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fmt('ui.needObject');
  const obj = value as Record<string, unknown>;
  const isMachine = (m: unknown) =>
    typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string';
  if (isMachine(obj.machine)) return { ...(obj as unknown as WorkflowDefinition), key: base.key };
  if (isMachine(obj) && 'states' in obj)
    return { ...base, machine: obj as unknown as WorkflowDefinition['machine'] };
  return fmt('ui.noMachine');
}

/** Offers the definition as `<key>.workflow.json` for download. */
export function downloadDefinition(def: WorkflowDefinition): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(
    new Blob([`${JSON.stringify(def, null, 2)}\n`], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${def.key}.workflow.json`;
  a.click();
  URL.revokeObjectURL(url);
}

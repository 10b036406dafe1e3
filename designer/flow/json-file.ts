/**
 * Import / export of a definition as a JSON file in the browser.
 */
import type { MachineConfig, WorkflowDefinition } from '../../engine/types.ts';
import { fmt } from './strings.ts';
import { type ImportedEvent, type ImportNote, normalizeMachine } from './xstate-import.ts';

/** An imported file as a draft of the open workflow, with what the importer had to change. */
export interface ImportResult {
  definition: WorkflowDefinition;
  notes: ImportNote[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const looksLikeMachine = (v: unknown): v is Obj =>
  isObj(v) && (isObj(v.states) || typeof v.initial === 'string' || typeof v.id === 'string');

/**
 * Parses an imported file into a draft of `base`'s workflow: our own definition document (also
 * wrapped as `{ definition, key }`), or a machine config exported by another XState tool, normalised
 * to this project's format. Returns a message when the file holds no machine at all.
 *
 * @example
 * const r = parseDefinitionJson('{"id":"m","initial":"a","states":{"a":{"type":"final"}}}', def);
 * // typeof r !== 'string' → r.definition.machine.id === 'm', r.notes === []
 */
export function parseDefinitionJson(text: string, base: WorkflowDefinition): ImportResult | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (!isObj(value)) return fmt('ui.needObject');
  const doc = isObj(value.definition) ? value.definition : value;
  if (looksLikeMachine(doc.machine)) {
    const { machine, notes, events } = normalizeMachine(doc.machine, base.machine.id);
    const definition = { ...(doc as unknown as WorkflowDefinition), key: base.key };
    if (typeof doc.key === 'string' && doc.key !== base.key)
      notes.unshift({ path: 'key', key: 'import.keyKept', params: { from: doc.key, to: base.key } });
    if (typeof definition.name !== 'string' || definition.name.trim() === '') definition.name = base.name;
    return {
      definition: withEvents({ ...definition, machine: machine as unknown as MachineConfig }, events),
      notes,
    };
  }
  if (looksLikeMachine(doc) && (isObj(doc.states) || typeof doc.initial === 'string')) {
    const { machine, notes, events } = normalizeMachine(doc, base.machine.id);
    const { layout: oldPositions, ...rest } = base as WorkflowDefinition & { layout?: unknown };
    if (oldPositions !== undefined) notes.push({ path: 'layout', key: 'import.layoutDropped', params: {} });
    return {
      definition: withEvents({ ...rest, machine: machine as unknown as MachineConfig }, events),
      notes,
    };
  }
  return fmt('ui.noMachine');
}

/** Declares the events that stand in for invoked services (kept beside events already declared). */
function withEvents(def: WorkflowDefinition, events: Record<string, ImportedEvent>): WorkflowDefinition {
  if (Object.keys(events).length === 0) return def;
  return { ...def, events: { ...def.events, ...events } };
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

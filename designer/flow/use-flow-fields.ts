/**
 * Loads the fields of a flow's forms (`GET /api/forms/:key`, draft else published): the start form's
 * at the top level of the context, each task form's where its data is merged (`bind`).
 */
import { useEffect, useMemo, useState } from 'react';
import type { StateConfig, WorkflowDefinition } from '../../engine/types.ts';
import { fieldNames } from '../../forms/catalogue.ts';
import { propertiesOf } from '../../forms/schema-utils.ts';
import type { FormDefinition } from '../../forms/types.ts';
import { flowApi } from './api.ts';
import { type FieldOption, type FlowField, formFields, mergeFields } from './flow-fields.ts';

/** Where a flow's forms are filled: form key and the context path their data lands in. */
export interface FlowFormRef {
  form: string;
  bind: string;
}

/** The start form first, then each task's form in state order (each form and bind once). */
export function flowForms(def: Pick<WorkflowDefinition, 'startForm' | 'machine'>): FlowFormRef[] {
  const out: FlowFormRef[] = def.startForm ? [{ form: def.startForm, bind: '' }] : [];
  const visit = (states: Record<string, StateConfig> | undefined) => {
    for (const cfg of Object.values(states ?? {})) {
      const task = cfg.meta?.task;
      if (task?.form) {
        const ref = { form: task.form, bind: task.bind ?? '' };
        if (!out.some((r) => r.form === ref.form && r.bind === ref.bind)) out.push(ref);
      }
      visit(cfg.states);
    }
  };
  visit(def.machine.states);
  return out;
}

const formCache = new Map<string, Promise<FormDefinition | null>>();

/** A form's draft, else its published version; null when it cannot be read. Cached per page load. */
export function loadForm(key: string): Promise<FormDefinition | null> {
  let pending = formCache.get(key);
  if (!pending) {
    pending = flowApi
      .form(key)
      .then((f) => f.draft ?? f.published)
      .catch(() => null);
    formCache.set(key, pending);
  }
  return pending;
}

/** Forgets loaded forms (tests start from a clean slate; the form builder may have changed one). */
export function clearFormCache(): void {
  formCache.clear();
}

/** The fields of a flow's forms plus its context keys; [] while loading. */
export function useFlowFields(
  def: Pick<WorkflowDefinition, 'startForm' | 'machine'> | undefined,
): FlowField[] {
  const refs = useMemo(() => (def ? flowForms(def) : []), [def]);
  const signature = JSON.stringify(refs);
  const contextKeys = useMemo(() => Object.keys(def?.machine.context ?? {}), [def?.machine.context]);
  const [lists, setLists] = useState<FlowField[][]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for refs
  useEffect(() => {
    let live = true;
    void Promise.all(
      refs.map(async (r) => {
        const form = await loadForm(r.form);
        return form ? formFields(form, r.bind) : [];
      }),
    ).then((loaded) => live && setLists(loaded));
    return () => {
      live = false;
    };
  }, [signature]);
  return useMemo(() => mergeFields(lists, contextKeys), [lists, contextKeys]);
}

/** A form's top-level fields (what step permissions name) with their labels; [] while loading. */
export function useFormFieldLabels(formKey: string | undefined): FieldOption[] {
  const [fields, setFields] = useState<FieldOption[]>([]);
  useEffect(() => {
    if (!formKey) {
      setFields([]);
      return undefined;
    }
    let live = true;
    void loadForm(formKey).then((form) => {
      if (!live) return;
      const props = propertiesOf(form?.schema);
      const names = form ? fieldNames(form.schema) : [];
      setFields(
        names.map((name) => {
          const title = props[name]?.title;
          return { value: name, label: typeof title === 'string' && title ? title : name };
        }),
      );
    });
    return () => {
      live = false;
    };
  }, [formKey]);
  return fields;
}

/** The form a simulation starts from, once looked for. */
export type SimStartForm = { status: 'found'; key: string; form: FormDefinition };
export type SimStartFormState = SimStartForm | { status: 'loading' } | { status: 'none' };

/**
 * The form to start a simulation with: the flow's start form, else the first task's form; `none`
 * when neither exists or has fields (the drawer then asks for JSON).
 */
export function useSimStartForm(def: Pick<WorkflowDefinition, 'startForm' | 'machine'>): SimStartFormState {
  const candidates = useMemo(() => {
    const forms = flowForms(def).map((r) => r.form);
    return [...new Set(forms)].slice(0, def.startForm ? 2 : 1);
  }, [def]);
  const [state, setState] = useState<SimStartFormState>({ status: 'loading' });
  const signature = candidates.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the candidates
  useEffect(() => {
    let live = true;
    void (async () => {
      for (const key of candidates) {
        const form = await loadForm(key);
        if (form && fieldNames(form.schema).length > 0) {
          if (live) setState({ status: 'found', key, form });
          return;
        }
      }
      if (live) setState({ status: 'none' });
    })();
    return () => {
      live = false;
    };
  }, [signature]);
  return state;
}

/**
 * The form builder's document: loads `/api/forms/:key`, keeps the edited definition and autosaves
 * the draft (debounced).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormDefinition } from '../../forms/types.ts';
import { ApiError } from '../api-client.ts';
import { type FormView, formApi } from './api.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface FormDocument {
  view: FormView | undefined;
  form: FormDefinition | undefined;
  loadError: string | undefined;
  save: { status: SaveStatus; error?: string };
  change: (next: FormDefinition) => void;
  flush: () => Promise<void>;
}

/** What went wrong, with each problem's place in the document (`/schema/properties/age/type: ...`). */
export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.details.length > 0)
    return err.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  return err instanceof Error ? err.message : String(err);
}

const message = errorText;

/** Loads a form and autosaves edits after `saveDelay` ms. */
export function useFormDocument(key: string, saveDelay = 1000): FormDocument {
  const [view, setView] = useState<FormView>();
  const [form, setForm] = useState<FormDefinition>();
  const [loadError, setLoadError] = useState<string>();
  const [save, setSave] = useState<FormDocument['save']>({ status: 'idle' });
  const saved = useRef<FormDefinition | undefined>(undefined);

  useEffect(() => {
    let live = true;
    formApi.get(key).then(
      (v) => {
        if (!live) return;
        setView(v);
        const f = v.draft ?? v.published;
        const initial: FormDefinition = f
          ? {
              key: f.key,
              title: f.title,
              schema: f.schema,
              uiSchema: f.uiSchema ?? {},
              ...(f.description ? { description: f.description } : {}),
              ...(f.rules ? { rules: f.rules } : {}),
              // Kept as saved: the builder edits the written texts, not their translations.
              ...(f.i18n ? { i18n: f.i18n } : {}),
            }
          : { key, title: key, schema: { type: 'object', properties: {} }, uiSchema: {} };
        saved.current = initial;
        setForm(initial);
      },
      (err: unknown) => live && setLoadError(message(err)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const saveNow = useCallback(async (f: FormDefinition) => {
    setSave({ status: 'saving' });
    try {
      await formApi.saveDraft(f);
      saved.current = f;
      setSave({ status: 'saved' });
    } catch (err) {
      setSave({ status: 'error', error: message(err) });
    }
  }, []);

  useEffect(() => {
    if (!form || form === saved.current) return undefined;
    const timer = setTimeout(() => void saveNow(form), saveDelay);
    return () => clearTimeout(timer);
  }, [form, saveDelay, saveNow]);

  return {
    view,
    form,
    loadError,
    save,
    change: setForm,
    flush: useCallback(async () => {
      if (form && form !== saved.current) await saveNow(form);
    }, [form, saveNow]),
  };
}

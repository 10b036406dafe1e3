/**
 * The flow designer's document state: loading the definition, undo / redo, debounced validation on the
 * server and debounced autosave of the draft.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem, WorkflowDefinition } from '../../engine/types.ts';
import { type DefinitionView, flowApi, problemState } from './api.ts';
import { initHistory, pushHistory, redoHistory, type UndoHistory, undoHistory } from './history-model.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface FlowDocumentOptions {
  validateDelay?: number;
  saveDelay?: number;
}

export interface FlowDocument {
  view: DefinitionView | undefined;
  loadError: string | undefined;
  history: UndoHistory<WorkflowDefinition> | undefined;
  definition: WorkflowDefinition | undefined;
  problems: Problem[];
  /** State paths with problems (and their ancestors), for marking nodes. */
  problemStates: ReadonlySet<string>;
  validating: boolean;
  save: { status: SaveStatus; error?: string };
  change: (next: WorkflowDefinition) => void;
  undo: () => void;
  redo: () => void;
  /** Saves now (before publishing), skipping the pending autosave. */
  flush: () => Promise<void>;
  setPublished: (def: WorkflowDefinition) => void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function statesOf(problems: Problem[]): Set<string> {
  const out = new Set<string>();
  for (const p of problems) {
    const path = problemState(p);
    if (!path) continue;
    const segs = path.split('.');
    for (let i = 1; i <= segs.length; i++) out.add(segs.slice(0, i).join('.'));
  }
  return out;
}

/** Loads `/api/workflows/:key` and keeps the edited draft. */
export function useFlowDocument(key: string, options: FlowDocumentOptions = {}): FlowDocument {
  const { validateDelay = 400, saveDelay = 1000 } = options;
  const [view, setView] = useState<DefinitionView>();
  const [loadError, setLoadError] = useState<string>();
  const [history, setHistory] = useState<UndoHistory<WorkflowDefinition>>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [validating, setValidating] = useState(false);
  const [save, setSave] = useState<FlowDocument['save']>({ status: 'idle' });
  const loaded = useRef<WorkflowDefinition | undefined>(undefined);
  const definition = history?.present;

  useEffect(() => {
    let live = true;
    flowApi.getDefinition(key).then(
      (v) => {
        if (!live) return;
        const def = v.draft ?? v.published;
        setView(v);
        setProblems(v.problems ?? []);
        if (def) {
          loaded.current = def;
          setHistory(initHistory(def));
        } else setLoadError('empty');
      },
      (err: unknown) => live && setLoadError(message(err)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    if (!definition || definition === loaded.current) return undefined;
    let live = true;
    setValidating(true);
    const timer = setTimeout(() => {
      flowApi.validate(definition).then(
        (found) => {
          if (!live) return;
          setProblems(found);
          setValidating(false);
        },
        () => live && setValidating(false),
      );
    }, validateDelay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [definition, validateDelay]);

  const saveNow = useCallback(async (def: WorkflowDefinition) => {
    setSave({ status: 'saving' });
    try {
      await flowApi.saveDraft(def);
      loaded.current = def;
      setSave({ status: 'saved' });
    } catch (err) {
      setSave({ status: 'error', error: message(err) });
    }
  }, []);

  useEffect(() => {
    if (!definition || definition === loaded.current) return undefined;
    const timer = setTimeout(() => void saveNow(definition), saveDelay);
    return () => clearTimeout(timer);
  }, [definition, saveDelay, saveNow]);

  return {
    view,
    loadError,
    history,
    definition,
    problems,
    problemStates: statesOf(problems),
    validating,
    save,
    change: useCallback((next) => setHistory((h) => (h ? pushHistory(h, next) : initHistory(next))), []),
    undo: useCallback(() => setHistory((h) => h && undoHistory(h)), []),
    redo: useCallback(() => setHistory((h) => h && redoHistory(h)), []),
    flush: useCallback(async () => {
      if (definition && definition !== loaded.current) await saveNow(definition);
    }, [definition, saveNow]),
    setPublished: useCallback((def) => setView((v) => v && { ...v, published: def, hasDraft: false }), []),
  };
}

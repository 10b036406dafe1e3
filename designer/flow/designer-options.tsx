/**
 * What the property panels offer to pick from (roles, users, forms, effects), loaded once per page and
 * shared through context, with the fields of the flow's forms (see use-flow-fields.ts).
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type EffectInfo, type FormSummary, flowApi, type RoleOption, type UserOption } from './api.ts';
import type { FlowField } from './flow-fields.ts';
import type { StepOption } from './task-steps.ts';
import { clearFormCache } from './use-flow-fields.ts';

export interface DesignerOptions {
  roles: RoleOption[];
  users: UserOption[];
  forms: FormSummary[];
  effects: EffectInfo[];
  /** Names usable in expressions: the machine context's top-level fields and the forms' fields. */
  contextNames: string[];
  /** The fields of the flow's forms (start form and task forms), for conditions and permissions. */
  fields: FlowField[];
  /** The flow's task steps (where a task may be returned to); absent outside the flow designer. */
  steps?: StepOption[];
}

const EMPTY: DesignerOptions = { roles: [], users: [], forms: [], effects: [], contextNames: [], fields: [] };
const OptionsContext = createContext<DesignerOptions>(EMPTY);

/** Loads the pick lists; a list that fails to load stays empty (the panels still work with typed values). */
export function useLoadedOptions(): Omit<DesignerOptions, 'contextNames' | 'fields'> {
  const [options, setOptions] = useState(EMPTY);
  useEffect(() => {
    let live = true;
    const items = <T,>(p: Promise<{ items: T[] }>) => p.then((r) => r.items).catch(() => [] as T[]);
    void Promise.all([
      items(flowApi.roles()),
      items(flowApi.users()),
      items(flowApi.forms()),
      items(flowApi.effects()),
    ]).then(([roles, users, forms, effects]) => {
      if (live) setOptions({ roles, users, forms, effects, contextNames: [], fields: [] });
    });
    return () => {
      live = false;
    };
  }, []);
  return options;
}

/** Provides the pick lists to the panels below. */
export function DesignerOptionsProvider({
  value,
  children,
}: {
  value: DesignerOptions;
  children: ReactNode;
}) {
  return <OptionsContext.Provider value={value}>{children}</OptionsContext.Provider>;
}

/** The pick lists of the surrounding page. */
export function useDesignerOptions(): DesignerOptions {
  return useContext(OptionsContext);
}

/** Forgets cached form fields (tests start from a clean slate). */
export function clearFormFieldCache(): void {
  clearFormCache();
}

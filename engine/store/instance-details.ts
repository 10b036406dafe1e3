/**
 * What a generic instance page needs beyond the instance view: the flow's name, the starter's name,
 * who acts next on each open task by display name, a timeline with actor names, task names and
 * comments, and the files the instance references — the names, role labels and files through the API's
 * ports (ports.ts).
 */
import { type Locale, translate } from '../../forms/index.ts';
import { displayNames } from './catalogue.ts';
import { iso, type StoreContext } from './context.ts';
import { loadVersion } from './engine-runner.ts';
import type { InstanceView } from './types.ts';

/** An open task and who may act on it, by name. */
export interface NextStep {
  taskId: string;
  name: string;
  state: string;
  dueAt: string | null;
  assignee: { id: string; name: string } | null;
  /** Role codes with their labels (zh-CN), when the task is offered to roles. */
  candidateRoles: { code: string; label: string }[];
  /** The people who may act now: the assignee, else the named candidates and the role holders of the store. */
  people: { id: string; name: string }[];
}

/** One line of the timeline. */
export interface TimelineEntry {
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  event?: string;
  taskId?: string;
  taskName?: string;
  outcome?: string;
  comment?: string;
}

/** A file the instance references. */
export interface InstanceAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  /** JSON pointer of the field in the task data that named it (`/attachments/0`). */
  path: string;
  taskId: string | null;
  uploadedBy: string;
  uploadedByName: string | null;
  createdAt: string;
}

export interface InstanceDetails {
  workflowName: string;
  startedByName: string | null;
  nextSteps: NextStep[];
  timeline: TimelineEntry[];
  attachments: InstanceAttachment[];
}

/** How the system (timers, the application) is named as an actor. */
export const SYSTEM_NAMES: Record<Locale, string> = { 'zh-CN': '系统', en: 'System' };

/** The details of `view` (already redacted for the viewer: its history and tasks are used as given). */
export async function instanceDetails(
  ctx: StoreContext,
  view: InstanceView,
  locale: Locale = 'zh-CN',
): Promise<InstanceDetails> {
  const db = ctx.database.db;
  const definition = await loadVersion(ctx, db, view.workflowKey, view.workflowVersion);
  const tr = (text: string) => translate(text, definition.i18n, locale);
  const open = view.tasks.filter((t) => t.status === 'open');
  const roleCodes = [...new Set(open.flatMap((t) => t.candidateRoles))];
  const { directory, files } = ctx.ports;
  const holders = await directory.roleHolders(db, roleCodes);
  const labels = await directory.roleLabels(db, roleCodes, locale);
  const refs = await files.ofInstance(db, view.id);
  const peopleOf = (task: InstanceView['tasks'][number]): string[] => {
    if (task.assignee) return [task.assignee];
    const inStore = holders.filter(
      (h) =>
        task.candidateRoles.includes(h.role) &&
        (task.storeId === null || h.storeId === null || h.storeId === task.storeId),
    );
    return [...new Set([...task.candidateUsers, ...inStore.map((h) => h.id)])];
  };
  const names = await displayNames(directory, db, [
    view.startedBy,
    ...open.flatMap(peopleOf),
    ...refs.map((r) => r.uploadedBy),
  ]);
  const person = (id: string) => ({ id, name: names.get(id) ?? id });
  const taskNames = new Map(view.tasks.map((t) => [t.id, tr(t.name)]));
  return {
    workflowName: tr(definition.name),
    startedByName: view.startedBy === null ? null : (names.get(view.startedBy) ?? null),
    nextSteps: open.map((t) => ({
      taskId: t.id,
      name: tr(t.name),
      state: t.state,
      dueAt: t.dueAt,
      assignee: t.assignee ? person(t.assignee) : null,
      candidateRoles: t.candidateRoles.map((code) => ({
        code,
        label: labels.get(code) ?? code,
      })),
      people: peopleOf(t).map(person),
    })),
    timeline: view.history.map((h) => ({
      seq: h.seq,
      at: h.at,
      actorId: h.actor.id,
      // The history row keeps the actor's display name as it was when they acted.
      actorName: h.actor.id === 'system' ? SYSTEM_NAMES[locale] : h.actor.username,
      action: h.action,
      ...(h.event ? { event: h.event } : {}),
      ...(h.taskId ? { taskId: h.taskId } : {}),
      ...(h.taskId && taskNames.has(h.taskId) ? { taskName: taskNames.get(h.taskId)! } : {}),
      ...(h.outcome ? { outcome: h.outcome } : {}),
      ...(h.comment ? { comment: h.comment } : {}),
    })),
    attachments: refs.map((r) => ({
      ...r,
      uploadedByName: names.get(r.uploadedBy) ?? null,
      createdAt: iso(r.createdAt),
    })),
  };
}

/**
 * What the API needs from `WorkflowService` (engine/store/service.ts): a narrow view of it, so
 * handlers and seeds name exactly what they use and tests may pass the real service or a part of it.
 */
import type { WorkflowService } from '../engine/store/service.ts';

/** The service methods the API calls. */
export type ApiService = Pick<
  WorkflowService,
  | 'listDefinitions'
  | 'getDefinition'
  | 'saveDraft'
  | 'validate'
  | 'publish'
  | 'listVersions'
  | 'getVersion'
  | 'listForms'
  | 'getForm'
  | 'saveFormDraft'
  | 'publishForm'
  | 'listFormVersions'
  | 'getFormVersion'
  | 'startInstance'
  | 'sendEvent'
  | 'cancelInstance'
  | 'getInstance'
  | 'listTasks'
  | 'getTask'
  | 'completeTask'
  | 'claimTask'
  | 'actOnTask'
  | 'remindTask'
  | 'commentOnTask'
  | 'withdrawInstance'
  | 'batchComplete'
  | 'effectNames'
  | 'listInstances'
  | 'ccTask'
  | 'listCc'
  | 'markCcRead'
  | 'isCcRecipient'
  | 'moveInstance'
  | 'migrateInstances'
  | 'getCalendar'
  | 'putCalendar'
>;

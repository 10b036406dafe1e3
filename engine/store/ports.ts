/**
 * What the engine's store needs of tables it does not own (docs/architecture.md, "Who owns which
 * tables"): the directory of people, stores and roles, CC and the message centre, and file references
 * are the API's (api/store/). The engine reads and writes them only through these ports, which the API
 * implements (api/store/ports.ts `apiPorts`) and hands to `new WorkflowService({ ports })`.
 *
 * A port called in a step takes the step's transaction (`tx`), so what it writes commits or rolls back
 * with the step.
 */
import type { Locale } from '../../forms/index.ts';
import type { Actor, DirectoryUser } from '../types.ts';
import type { Executor, Tx } from './db.ts';
import type { CcQuery, CcView, Page } from './types.ts';

/** A person as CC answers them. */
export interface Person {
  id: string;
  username: string;
  displayName: string;
}

/** People, their roles and stores. */
export interface DirectoryPort {
  /** Active users with their roles (the engine's cached `Directory`). */
  activeUsers(db: Executor): Promise<DirectoryUser[]>;
  /** Display names of user ids (uuids only; unknown ids are left out). */
  displayNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>>;
  /** Which of `ids` (uuids) are active users, with their store. */
  activeUsersById(db: Executor, ids: readonly string[]): Promise<{ id: string; storeId: string | null }[]>;
  /** Active holders of any of the roles, of every store (one row per user and role). */
  roleHolders(
    db: Executor,
    roles: readonly string[],
  ): Promise<{ id: string; role: string; storeId: string | null }[]>;
  /** Role labels by code, in `locale` (zh-CN when not given). */
  roleLabels(db: Executor, codes: readonly string[], locale?: Locale): Promise<Map<string, string>>;
  /** Every role code (empty: roles were never seeded). */
  roleCodes(db: Executor): Promise<string[]>;
  /** Every store id. */
  storeIds(db: Executor): Promise<string[]>;
  /** Whether the store exists. */
  storeExists(db: Executor, storeId: string): Promise<boolean>;
}

/** Who a CC node names: usernames (listed or from its expression), and holders of roles in a store. */
export interface CcRecipients {
  usernames: string[];
  roles: string[];
  storeId: string | null;
}

/** What each CC row of one CC records. */
export interface CcRecord {
  instanceId: string;
  /** The task a person CC'd from; null for a CC node. */
  taskId: string | null;
  state: string | null;
  actor: Actor;
  comment: string | null;
  at: string;
}

/**
 * 抄送 CC and its message-centre entries, written in the step's transaction; the recipients hear of
 * them live once it commits.
 */
export interface CcPort {
  /** A CC node: the active people the recipients name get a row each. */
  recordFromNode(tx: Tx, recipients: CcRecipients, record: CcRecord): Promise<void>;
  /**
   * A task's person CCs people by id: 422 (`/users/<i>`) for malformed, unknown or inactive ones,
   * else a row each; returns them (distinct, in order).
   */
  recordForPeople(tx: Tx, userIds: readonly string[], record: CcRecord): Promise<Person[]>;
  /** Whether the user was CC'd on the instance (so may read it). */
  isRecipient(db: Executor, instanceId: string, userId: string): Promise<boolean>;
  /** The actor's CCs, newest first, with the unread count. */
  list(db: Executor, actor: Actor, query: CcQuery): Promise<Page<CcView> & { unread: number }>;
  /** Marks one of the actor's CCs read (the first time counts); 404 for someone else's. */
  markRead(db: Executor, id: string, actor: Actor, at: string): Promise<{ id: string; readAt: string }>;
}

/** A file a field of task data names, at its JSON pointer. */
export interface FileReference {
  fileId: string;
  instanceId: string;
  taskId: string | null;
  path: string;
}

/** A file an instance references, as its page lists it. */
export interface ReferencedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  path: string;
  taskId: string | null;
  uploadedBy: string;
  createdAt: string;
}

/** Where task data's files are recorded (so whoever may see the instance may read them). */
export interface FileRefsPort {
  /** Records the references in the step's transaction (a repeated one once). */
  record(tx: Tx, refs: readonly FileReference[]): Promise<void>;
  /** The files the instance references, oldest reference first. */
  ofInstance(db: Executor, instanceId: string): Promise<ReferencedFile[]>;
}

/** Everything the API supplies to the engine's store. */
export interface EnginePorts {
  directory: DirectoryPort;
  cc: CcPort;
  files: FileRefsPort;
}

/**
 * JSON Schema (draft-07) of a workflow definition document (engine/types.ts `WorkflowDefinition`). It
 * checks shape only; references between states, expressions and durations are checked by `validate.ts`.
 *
 * Unions are written as one schema with several `type`s (`string | object | array`) rather than `anyOf`,
 * so ajv reports one readable error per mistake instead of one per branch.
 */
import { DEFINITION_KEY_MAX_LENGTH, DEFINITION_KEY_SOURCE } from '../../forms/keys.ts';

const namedRef = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', minLength: 1 }, params: { type: 'object' } },
  additionalProperties: false,
} as const;

const transitionProperties = {
  target: { type: ['string', 'array'], items: { type: 'string' } },
  guard: { $ref: '#/definitions/namedRef' },
  actions: { $ref: '#/definitions/actions' },
  reenter: { type: 'boolean' },
  description: { type: 'string' },
  meta: { type: 'object' },
} as const;

const taskSpec = {
  type: 'object',
  required: ['name', 'assignee'],
  properties: {
    name: { type: 'string', minLength: 1 },
    form: { type: 'string', minLength: 1 },
    assignee: {
      type: 'object',
      properties: {
        roles: { type: 'array', items: { type: 'string', minLength: 1 } },
        users: { type: 'array', items: { type: 'string', minLength: 1 } },
        expr: { type: 'string' },
        manager: { enum: ['store', 'team'] },
        managerRole: { type: 'string', minLength: 1 },
        field: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' },
      },
      additionalProperties: false,
    },
    mode: { enum: ['any', 'all', 'sequential', 'vote'] },
    vote: {
      type: 'object',
      properties: {
        ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        count: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
    commentRequired: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
    signature: { enum: ['optional', 'required'] },
    returnTo: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
    resubmit: { enum: ['through', 'toReturner'] },
    whenEmpty: { enum: ['autoPass', 'admin'] },
    dedupe: { type: 'boolean' },
    skipSubmitter: { type: 'boolean' },
    outcomes: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]*$' },
    },
    fields: {
      type: 'object',
      additionalProperties: { enum: ['editable', 'readonly', 'hidden', 'required'] },
    },
    sla: { type: 'string' },
    deadline: { $ref: '#/definitions/taskDeadline' },
    bind: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' },
    description: { type: 'string' },
  },
  additionalProperties: false,
} as const;

const names = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;

/** `StarterSpec`: who may start the flow by hand. */
const starters = {
  type: 'object',
  properties: { roles: names, stores: names, users: names, applicationOnly: { type: 'boolean' } },
  additionalProperties: false,
} as const;

/** `EventRule`: an event the flow accepts over `/events`, who may send it and its data's schema. */
const eventRule = {
  type: 'object',
  required: ['from'],
  properties: {
    from: {
      type: 'object',
      properties: {
        roles: names,
        users: names,
        starter: { type: 'boolean' },
        applicationOnly: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    schema: { type: 'object' },
    label: { type: 'string' },
  },
  additionalProperties: false,
} as const;

/** `meta.task.deadline` (engine/types.ts `TaskDeadline`), as the designer's deadline picker writes it. */
const taskDeadline = {
  type: 'object',
  properties: {
    duration: { type: 'string' },
    field: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' },
    calendar: { enum: ['natural', 'working'] },
    remind: {
      type: 'object',
      properties: {
        before: { type: 'array', items: { type: 'string' }, maxItems: 5 },
        at: { type: 'boolean' },
        after: { type: 'array', items: { type: 'string' }, maxItems: 5 },
      },
      additionalProperties: false,
    },
    onTimeout: {
      type: 'object',
      required: ['action'],
      properties: {
        action: { enum: ['none', 'approve', 'return', 'escalate'] },
        role: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

const stateProperties = {
  id: { type: 'string', minLength: 1 },
  type: { enum: ['atomic', 'compound', 'parallel', 'final', 'history'] },
  initial: { type: 'string' },
  states: { type: 'object', additionalProperties: { $ref: '#/definitions/state' } },
  on: { type: 'object', additionalProperties: { $ref: '#/definitions/transitions' } },
  after: { type: 'object', additionalProperties: { $ref: '#/definitions/transitions' } },
  always: { $ref: '#/definitions/transitions' },
  onDone: { $ref: '#/definitions/transitions' },
  entry: { $ref: '#/definitions/actions' },
  exit: { $ref: '#/definitions/actions' },
  meta: {
    type: 'object',
    properties: { task: { $ref: '#/definitions/taskSpec' }, label: { type: 'string' } },
  },
  description: { type: 'string' },
  history: { enum: ['shallow', 'deep'] },
  target: { type: 'string' },
  output: {},
  tags: { type: 'array', items: { type: 'string' } },
} as const;

/** The JSON Schema of a `WorkflowDefinition`, for ajv on the server and for the designer's JSON editor. */
export const WORKFLOW_DEFINITION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dealerflow.dev/schemas/workflow-definition.json',
  title: 'WorkflowDefinition',
  type: 'object',
  required: ['key', 'name', 'machine'],
  properties: {
    key: { type: 'string', pattern: DEFINITION_KEY_SOURCE, maxLength: DEFINITION_KEY_MAX_LENGTH },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    category: { type: 'string', maxLength: 50 },
    icon: { type: 'string', maxLength: 100 },
    starterRoles: { type: 'array', items: { type: 'string', minLength: 1 } },
    starters: { $ref: '#/definitions/starters' },
    startForm: { type: 'string', pattern: DEFINITION_KEY_SOURCE },
    events: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z][\\w.-]{0,99}$' },
      additionalProperties: { $ref: '#/definitions/eventRule' },
    },
    i18n: {
      description:
        'Texts in other languages, by the text as written: { "en": { "销售经理审批": "Sales manager review" } }',
      type: 'object',
      propertyNames: { enum: ['zh-CN', 'en'] },
      additionalProperties: {
        type: 'object',
        additionalProperties: { type: 'string', minLength: 1 },
      },
    },
    machine: { $ref: '#/definitions/machine' },
  },
  definitions: {
    namedRef,
    starters,
    eventRule,
    actions: {
      ...namedRef,
      type: ['object', 'array'],
      items: { $ref: '#/definitions/namedRef' },
    },
    transition: { type: 'object', properties: transitionProperties, additionalProperties: false },
    /** `"target"`, `{ target, guard, actions }` or a list of those (first enabled one wins). */
    transitions: {
      type: ['string', 'object', 'array'],
      items: { type: ['string', 'object'], properties: transitionProperties, additionalProperties: false },
      properties: transitionProperties,
      additionalProperties: false,
    },
    taskSpec,
    taskDeadline,
    state: { type: 'object', properties: stateProperties, additionalProperties: false },
    machine: {
      type: 'object',
      required: ['id'],
      properties: {
        ...stateProperties,
        id: { type: 'string', pattern: '^[A-Za-z][\\w-]*$' },
        context: { type: 'object' },
        version: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
} as const;

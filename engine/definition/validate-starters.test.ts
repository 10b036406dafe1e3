import type { ValidateOptions, WorkflowDefinition } from '../types.ts';
import { validateDefinition } from './validate.ts';

const OPTS: ValidateOptions = {
  roles: ['sales_consultant', 'sales_manager', 'admin'],
  stores: ['BJ01', 'SH01'],
  forms: { 'price-request': { fields: ['price', 'reason'] } },
  effects: [],
};

const flow = (extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition => ({
  key: 'price-cut',
  name: '特价车申请',
  category: '销售',
  icon: 'TagOutlined',
  startForm: 'price-request',
  starters: { roles: ['sales_consultant'], stores: ['BJ01'], users: ['consultant_sh'] },
  events: {
    WITHDRAW: { label: '撤回', from: { starter: true } },
    NUDGE: {
      from: { roles: ['sales_manager'] },
      schema: { type: 'object', properties: { note: { type: 'string' } }, additionalProperties: false },
    },
  },
  machine: {
    id: 'priceCut',
    initial: 'review',
    states: {
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'done', WITHDRAW: 'done', NUDGE: 'review' },
      },
      done: { type: 'final' },
    },
  },
  ...extra,
});

const codes = (def: WorkflowDefinition) => validateDefinition(def, OPTS).map((p) => [p.path, p.code]);

describe('starters, start form and declared events in a definition', () => {
  it('accepts a flow declaring category, icon, starters, a start form and events', () => {
    expect(validateDefinition(flow(), OPTS)).toEqual([]);
  });

  it('still accepts the deprecated starterRoles and checks its roles', () => {
    const { starters: _unused, ...rest } = flow();
    expect(codes({ ...rest, starterRoles: ['sales_consultant', 'nobody'] })).toEqual([
      ['/starterRoles/1', 'unknown_role'],
    ]);
  });

  it('names unknown roles, stores and start forms by path', () => {
    const def = flow({ starters: { roles: ['ghost'], stores: ['GZ09'] }, startForm: 'missing-form' });
    expect(codes(def)).toEqual([
      ['/starters/roles/0', 'unknown_role'],
      ['/starters/stores/0', 'unknown_store'],
      ['/startForm', 'unknown_form'],
    ]);
  });

  it('refuses an application-only flow that also lists starters', () => {
    expect(codes(flow({ starters: { applicationOnly: true, roles: ['admin'] } }))).toEqual([
      ['/starters/applicationOnly', 'starters_conflict'],
    ]);
  });

  it('refuses events no state handles, task outcomes, events with no sender and bad schemas', () => {
    const def = flow({
      events: {
        GHOST: { from: { starter: true } },
        APPROVE: { from: { roles: ['sales_manager'] } },
        WITHDRAW: { from: {} },
        NUDGE: { from: { roles: ['bogus'] }, schema: { type: 'strin' } },
      },
    });
    expect(codes(def)).toEqual(
      expect.arrayContaining([
        ['/events/GHOST', 'event_not_handled'],
        ['/events/APPROVE', 'event_is_outcome'],
        ['/events/WITHDRAW/from', 'no_sender'],
        ['/events/NUDGE/from/roles/0', 'unknown_role'],
        ['/events/NUDGE/schema/type', 'event_schema'],
      ]),
    );
  });

  it('refuses malformed starters and events by shape', () => {
    const def = { ...flow(), starters: { roles: 'admin', anyone: true }, events: { ok: { label: 1 } } };
    const paths = validateDefinition(def, OPTS).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/starters/roles', '/starters/anyone', '/events/ok/from', '/events/ok/label']),
    );
  });
});

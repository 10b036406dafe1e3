import { checkExternalEvent, mayStart } from './starters.ts';
import type { Actor, WorkflowDefinition } from './types.ts';

const actor = (username: string, roles: string[], storeId: string | null): Actor => ({
  id: `id-${username}`,
  username,
  roles,
  storeId,
});
const consultantBJ = actor('consultant', ['sales_consultant'], 'BJ01');
const consultantSH = actor('consultant_sh', ['sales_consultant'], 'SH01');
const managerBJ = actor('manager', ['sales_manager'], 'BJ01');

describe('mayStart', () => {
  it.each([
    ['anyone without starters', {}, consultantSH, true],
    ['holders of a deprecated starter role', { starterRoles: ['sales_manager'] }, managerBJ, true],
    ['no one else under starterRoles', { starterRoles: ['sales_manager'] }, consultantBJ, false],
    [
      'a role in a listed store',
      { starters: { roles: ['sales_consultant'], stores: ['BJ01'] } },
      consultantBJ,
      true,
    ],
    [
      'not the role in another store',
      { starters: { roles: ['sales_consultant'], stores: ['BJ01'] } },
      consultantSH,
      false,
    ],
    [
      'a named user whatever the store',
      { starters: { stores: ['BJ01'], users: ['consultant_sh'] } },
      consultantSH,
      true,
    ],
    [
      'only the named users of a users-only list',
      { starters: { users: ['consultant_sh'] } },
      consultantBJ,
      false,
    ],
    ['nobody for an application-only flow', { starters: { applicationOnly: true } }, managerBJ, false],
  ] as [string, Partial<WorkflowDefinition>, Actor, boolean][])('admits %s', (_name, def, who, expected) => {
    expect(mayStart(def, who)).toBe(expected);
  });

  it('lets an admin past roles but never past applicationOnly', () => {
    const admin = actor('admin', ['admin'], null);
    expect(mayStart({ starters: { roles: ['finance'] } }, admin, { privileged: true })).toBe(true);
    expect(mayStart({ starters: { applicationOnly: true } }, admin, { privileged: true })).toBe(false);
  });
});

describe('checkExternalEvent', () => {
  const def: Pick<WorkflowDefinition, 'events'> = {
    events: {
      WITHDRAW: { from: { starter: true } },
      ORDER_UPDATED: { from: { applicationOnly: true } },
      NOTE: {
        from: { roles: ['sales_manager'] },
        schema: {
          type: 'object',
          required: ['note'],
          properties: { note: { type: 'string', maxLength: 5 } },
          additionalProperties: false,
        },
      },
    },
  };

  it('accepts a declared event from the starter without data', () => {
    expect(checkExternalEvent(def, { type: 'WITHDRAW' }, consultantBJ, consultantBJ.id)).toBeUndefined();
  });

  it('refuses undeclared, application-only and unauthorised events as forbidden', () => {
    expect(checkExternalEvent(def, { type: 'APPROVE' }, managerBJ, null)?.code).toBe('forbidden');
    expect(checkExternalEvent(def, { type: 'ORDER_UPDATED' }, managerBJ, managerBJ.id)?.code).toBe(
      'forbidden',
    );
    expect(checkExternalEvent(def, { type: 'WITHDRAW' }, managerBJ, consultantBJ.id)?.code).toBe('forbidden');
    expect(checkExternalEvent({}, { type: 'WITHDRAW' }, consultantBJ, consultantBJ.id)?.code).toBe(
      'forbidden',
    );
  });

  it('refuses data that does not fit the schema with JSON-pointer paths', () => {
    const refusal = checkExternalEvent(
      def,
      { type: 'NOTE', data: { note: 'too long', x: 1 } },
      managerBJ,
      null,
    );
    expect(refusal).toMatchObject({ code: 'invalid' });
    const paths = refusal?.code === 'invalid' ? refusal.details.map((d) => d.path).sort() : [];
    expect(paths).toEqual(['/note', '/x']);
  });

  it('refuses data for an event declared without a schema', () => {
    const refusal = checkExternalEvent(
      def,
      { type: 'WITHDRAW', data: { reason: 'x' } },
      consultantBJ,
      consultantBJ.id,
    );
    expect(refusal?.code).toBe('invalid');
  });
});

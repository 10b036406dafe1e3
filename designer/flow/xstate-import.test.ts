import { validateDefinition } from '../../engine/definition/validate.ts';
import { createSimulation } from '../../engine/simulate.ts';
import type { MachineConfig, WorkflowDefinition } from '../../engine/types.ts';
import stately from './fixtures/foreign/stately-test-drive.json' with { type: 'json' };
import wrapped from './fixtures/foreign/wrapped-own-export.json' with { type: 'json' };
import v4 from './fixtures/foreign/xstate-v4-service-booking.json' with { type: 'json' };
import { sample } from './fixtures/load.ts';
import { type ImportResult, parseDefinitionJson } from './json-file.ts';
import { simulatedDirectory } from './simulate-model.ts';
import { msToIso, serviceEventBase } from './xstate-import.ts';

const SHIPPED = import.meta.glob<{ default: WorkflowDefinition }>('../../workflows/*.workflow.json', {
  eager: true,
});

const base = () => sample('discount-approval');

function importJson(value: unknown): ImportResult {
  const r = parseDefinitionJson(JSON.stringify(value), base());
  if (typeof r === 'string') throw new Error(r);
  return r;
}

const noteKeys = (r: ImportResult) => r.notes.map((n) => `${n.key} ${n.path}`);
const codes = (def: WorkflowDefinition) => validateDefinition(def).map((p) => `${p.code} ${p.path}`);

describe('importing JSON', () => {
  it.each(Object.entries(SHIPPED))(
    'takes our own %s back unchanged, noting only the key it keeps',
    (_, mod) => {
      const r = importJson(mod.default);
      const keyNote = {
        path: 'key',
        key: 'import.keyKept',
        params: { from: mod.default.key, to: 'discount-approval' },
      };
      expect(r.notes).toEqual(mod.default.key === 'discount-approval' ? [] : [keyNote]);
      expect(r.definition).toEqual({ ...mod.default, key: 'discount-approval' });
    },
  );

  it('turns a Stately Studio export into a draft whose only problems are the unimplemented names', () => {
    const r = importJson(stately);
    const m = r.definition.machine as MachineConfig;
    expect(r.definition.key).toBe('discount-approval');
    expect(m.id).toBe('Test_drive_booking');
    expect(m).not.toHaveProperty('types');
    expect(m.states?.requested?.on?.CONFIRM).toEqual([
      { target: 'scheduled', guard: { type: 'hasLicence' }, actions: [{ type: 'sendConfirmation' }] },
      { target: 'licenceCheck' },
    ]);
    expect(m.states?.requested?.entry).toEqual([{ type: 'logRequest' }]);
    expect(m.states?.requested?.after).toEqual({ P1D: { target: 'expired' } });
    expect(m.states?.licenceCheck).toHaveProperty('tags', ['pending']);
    expect(m.states?.scheduled?.type).toBe('parallel');
    expect(m.states?.scheduled?.exit).toEqual({ type: 'clearReminders' });
    expect(noteKeys(r)).toEqual([
      'import.renamedId machine.id',
      'import.droppedTooling machine.types',
      'import.namedAction machine.states.requested.entry[0]',
      'import.namedGuard machine.states.requested.on.CONFIRM[0].guard',
      'import.namedAction machine.states.requested.on.CONFIRM[0].actions[0]',
      'import.delayMs machine.states.requested.after.86400000',
      'import.namedAction machine.states.licenceCheck.on.LICENCE_OK.actions',
      'import.namedAction machine.states.scheduled.exit',
      'import.namedGuard machine.states.feedback.always[0].guard',
    ]);
    expect(codes(r.definition)).toEqual([
      'unknown_action /machine/states/requested/entry/0/type',
      'unknown_guard /machine/states/requested/on/CONFIRM/0/guard/type',
      'unknown_action /machine/states/requested/on/CONFIRM/0/actions/0/type',
      'unknown_action /machine/states/licenceCheck/on/LICENCE_OK/actions/type',
      'unknown_action /machine/states/scheduled/exit/type',
      'unknown_guard /machine/states/feedback/always/0/guard/type',
    ]);
  });

  it('rewrites XState v4 shapes (cond, onEntry, eventless "", internal, ms delays) and drops code', () => {
    const r = importJson(v4);
    const m = r.definition.machine as MachineConfig;
    expect(Object.keys(m)).toEqual(['id', 'version', 'context', 'initial', 'states']);
    expect(m.states?.new).toEqual({
      entry: [{ type: 'assignAdvisor' }],
      always: { target: 'rejected', guard: { type: 'isBlacklisted' } },
      on: { SUBMIT: { target: 'triage', guard: { type: 'hasVin' } } },
    });
    expect(m.states?.triage).toEqual({
      on: {
        WARRANTY: { target: 'approved', reenter: true },
        QUOTE: 'quote',
        LOOKUP_WARRANTY_DONE: 'quote',
        LOOKUP_WARRANTY_ERROR: 'quote',
      },
      meta: { waitsFor: ['LOOKUP_WARRANTY_DONE', 'LOOKUP_WARRANTY_ERROR'] },
    });
    expect(r.definition.events).toEqual({
      LOOKUP_WARRANTY_DONE: { from: { roles: ['admin'] }, label: 'lookupWarranty 完成' },
      LOOKUP_WARRANTY_ERROR: { from: { roles: ['admin'] }, label: 'lookupWarranty 失败' },
    });
    expect(m.states?.quote?.after).toEqual({ P2D: 'rejected', REMIND_DELAY: 'quote' });
    expect(m.states?.approved).toEqual({ type: 'final' });
    expect(m.states?.rejected).toEqual({ type: 'final', exit: { type: 'notifyCustomer' } });
    expect(noteKeys(r)).toEqual(
      expect.arrayContaining([
        'import.droppedTooling machine.predictableActionArguments',
        'import.droppedTooling machine.tsTypes',
        'import.renamedKey machine.states.new.on.SUBMIT.cond',
        'import.invokeEvent machine.states.triage.invoke.onDone',
        'import.invokeEvent machine.states.triage.invoke.onError',
        'import.namedDelay machine.states.quote.after.REMIND_DELAY',
        'import.droppedCode machine.states.approved.data',
      ]),
    );
    expect(codes(r.definition).every((c) => !c.startsWith('shape.'))).toBe(true);
    expect(codes(r.definition)).toContain('bad_duration /machine/states/quote/after/REMIND_DELAY');
  });

  it('unwraps { definition, key } as our export gives it, as a draft of the open workflow', () => {
    const r = importJson(wrapped);
    expect(noteKeys(r)).toEqual(['import.keyKept key']);
    expect(r.definition.key).toBe('discount-approval');
    expect(r.definition.name).toBe('报价审批（旧）');
    expect(r.definition.starterRoles).toEqual(['sales_consultant']);
    expect(r.definition).toHaveProperty('layout.graph.review', { x: 40, y: 120 });
    expect(validateDefinition(r.definition)).toEqual([]);
  });

  it('keeps the open flow’s name for a bare machine and forgets its old box positions', () => {
    const def = { ...base(), layout: { graph: { managerReview: { x: 1, y: 2 } } } };
    const r = parseDefinitionJson(JSON.stringify(stately), def);
    if (typeof r === 'string') throw new Error(r);
    expect(r.definition.name).toBe(def.name);
    expect(r.definition).not.toHaveProperty('layout');
    expect(noteKeys(r)).toContain('import.layoutDropped layout');
  });

  it('turns an invoke into a wait for external events the engine runs, with a note for each', () => {
    const r = importJson({
      id: 'credit',
      initial: 'checking',
      states: {
        checking: {
          invoke: {
            src: 'checkCredit',
            input: { customer: 'x' },
            onDone: { target: 'approved', actions: { type: 'assign', params: { values: { ok: 'true' } } } },
            onError: 'manual',
          },
          on: { CANCEL: 'cancelled' },
        },
        manual: { on: { DECIDE: 'approved' } },
        approved: { type: 'final' },
        cancelled: { type: 'final' },
      },
    });
    expect(noteKeys(r)).toEqual([
      'import.invokeEvent machine.states.checking.invoke.onDone',
      'import.invokeEvent machine.states.checking.invoke.onError',
      'import.invokeDropped machine.states.checking.invoke.input',
    ]);
    const errors = validateDefinition(r.definition).filter((p) => p.code !== 'unknown_name');
    expect(errors).toEqual([]);
    const admin = { id: 'a', username: 'admin', roles: ['admin'], storeId: 'BJ01' };
    const run = (event: string) => {
      const sim = createSimulation(r.definition, { directory: simulatedDirectory(), storeId: 'BJ01' });
      sim.start({}, admin);
      expect(sim.send(event, undefined, admin).ok).toBe(true);
      return sim.value;
    };
    expect(run('CHECK_CREDIT_DONE')).toBe('approved');
    expect(run('CHECK_CREDIT_ERROR')).toBe('manual');
    expect(run('CANCEL')).toBe('cancelled');
  });

  it('adds no notes for a machine that needs no change', () => {
    const r = importJson({
      id: 'plain',
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { type: 'final' } },
    });
    expect(r.notes).toEqual([]);
  });

  it.each([
    ['[1,2]', '需要一个 JSON 对象'],
    ['{"states": 1}', '文件里没有流程定义（没有含 states 的状态机）'],
  ])('refuses %s, which holds no machine', (text, reason) => {
    expect(parseDefinitionJson(text, base())).toBe(reason);
  });

  it('says why a file is not JSON', () => {
    expect(parseDefinitionJson('{oops', base())).toMatch(/JSON/);
  });
});

describe('serviceEventBase', () => {
  it.each([
    ['checkCredit', 'CHECK_CREDIT'],
    ['lookup-warranty', 'LOOKUP_WARRANTY'],
    ['2fa', 'SERVICE_2FA'],
  ])('names events after %s as %s', (name, base) => {
    expect(serviceEventBase(name)).toBe(base);
  });
});

describe('msToIso', () => {
  it.each([
    ['1000', 'PT1S'],
    ['90000', 'PT1M30S'],
    ['3600000', 'PT1H'],
    ['86400000', 'P1D'],
    ['90061500', 'P1DT1H1M1.5S'],
    ['0', 'PT0S'],
    ['PT4H', 'PT4H'],
    ['REMIND_DELAY', undefined],
  ])('turns %s into %s', (delay, iso) => {
    expect(msToIso(delay)).toBe(iso);
  });
});

import { validateDefinition } from '../../engine/definition/validate.ts';
import { machineToTree } from '../flow/tree-parse.ts';
import { asNewFlow, BLANK_FLOW, FLOW_TEMPLATES } from './new-documents.ts';

describe('flow templates', () => {
  it.each([BLANK_FLOW, ...FLOW_TEMPLATES].map((t) => [t.name, t] as const))(
    '%s is a valid flow the simple-mode designer opens as a tree',
    (_name, template) => {
      const created = asNewFlow(template, { key: 'leave-request', name: '请假申请' });
      expect(validateDefinition(created)).toEqual([]);
      expect(machineToTree(created.machine)).toMatchObject({ ok: true });
    },
  );

  it('gives a copy its new key, name and machine id and keeps the steps', () => {
    const [twoLevel] = FLOW_TEMPLATES.slice(1);
    const copy = asNewFlow(twoLevel!, {
      key: 'trade-in',
      name: '置换审批',
      category: '销售',
      icon: 'SwapOutlined',
    });
    expect(copy).toMatchObject({ key: 'trade-in', name: '置换审批', category: '销售', icon: 'SwapOutlined' });
    expect(copy.description).toBeUndefined();
    expect(copy.machine.id).toBe('tradeIn');
    expect(Object.keys(copy.machine.states ?? {})).toEqual([
      'managerReview',
      'gmReview',
      'approved',
      'rejected',
    ]);
    expect(twoLevel!.key).toBe('template-two-level');
  });
});

import { type Drive, drive, T0 } from './test-directory.ts';

const COMPLAINT = { complaintId: 'c-1', level: 'normal', category: 'repair', customerName: '陈先生' };
const RECORD = {
  customerName: '陈先生',
  mobile: '13800138000',
  channel: 'phone',
  category: 'repair',
  level: 'normal',
  description: '保养后仍有异响',
};
const HOUR_MS = 3600 * 1000;

/** Recorded and assigned to the service advisor at `level`. */
function assigned(level: string): Drive {
  const d = drive('complaint', { ...COMPLAINT, level }, 'service');
  expect(d.task()).toMatchObject({ name: '投诉登记', candidateRoles: ['service_advisor'] });
  d.act('service', 'submit', { ...RECORD, level });
  expect(d.task()).toMatchObject({ name: '分派投诉处理人', candidateRoles: ['sales_manager'] });
  d.act('manager', 'assign', { handler: 'u-service' });
  return d;
}

describe('complaint', () => {
  it('records, assigns, handles, has the customer confirm and closes after the return visit', () => {
    const d = assigned('normal');
    expect(d.effectLog()).toEqual(['complaint.setStatus:recorded', 'complaint.setStatus:handling']);
    expect(d.sim.value).toBe('handleWithin24h');
    expect(d.task()).toMatchObject({ name: '处理投诉（24小时内）', assignee: 'u-service' });

    d.clearEffects();
    d.act('service', 'resolve', { rootCause: '刹车片未更换', resolution: '免费更换刹车片' });
    expect(d.effectLog()).toEqual(['complaint.setStatus:resolved']);
    expect(d.sim.timers).toEqual([]);
    expect(d.task()).toMatchObject({
      name: '客户确认处理结果',
      assignee: 'u-service',
      outcomes: ['confirm', 'reopen'],
    });
    d.act('service', 'confirm', { customerFeedback: '满意' });
    expect(d.task()).toMatchObject({ name: '投诉回访', candidateRoles: ['service_advisor'] });

    d.clearEffects();
    d.act('service', 'complete', { score: 4, comment: '处理及时' });
    expect(d.sim.value).toBe('closed');
    expect(d.sim.status).toBe('done');
    expect(d.effectLog()).toEqual(['complaint.setStatus:closed']);
    expect(d.effects()[0]!.args).toEqual({
      status: 'closed',
      complaintId: 'c-1',
      score: 4,
      comment: '处理及时',
    });
  });

  it.each([
    ['normal', 'handleWithin24h', 24],
    ['escalated', 'handleWithin8h', 8],
    ['important', 'handleWithin4h', 4],
    ['urgent', 'handleWithin4h', 4],
  ])('gives a %s complaint to %s with a deadline of %i hours', (level, state, hours) => {
    const d = assigned(level);
    expect(d.sim.value).toBe(state);
    const due = new Date(T0.getTime() + hours * HOUR_MS).toISOString();
    expect(d.sim.timers.map((t) => t.dueAt)).toEqual([due]);
    expect(d.task().dueAt).toBe(due);
  });

  it('lets the service advisor confirm a record the domain already filled in', () => {
    const d = drive('complaint', { ...COMPLAINT, ...RECORD }, 'service');
    d.act('service', 'submit', {});
    expect(d.task().name).toBe('分派投诉处理人');
  });

  it('uses the level the sales manager sets when assigning', () => {
    const d = drive('complaint', COMPLAINT, 'service');
    d.act('service', 'submit', RECORD);
    d.act('manager', 'assign', { handler: 'u-service', level: 'urgent' });
    expect(d.sim.value).toBe('handleWithin4h');
  });

  it('escalates an overdue complaint to the sales manager and then to the general manager', () => {
    const d = assigned('urgent');
    d.clearEffects();
    d.advance('PT3H');
    expect(d.sim.value).toBe('handleWithin4h');
    d.advance('PT1H');
    expect(d.sim.value).toBe('managerEscalation');
    expect(d.task()).toMatchObject({ name: '超时投诉处理（销售经理）', candidateRoles: ['sales_manager'] });
    expect(d.effectLog()).toEqual(['complaint.setStatus:escalated', 'notify:complaint.escalated']);
    expect(d.effects()[1]!.args).toEqual({
      topic: 'complaint.escalated',
      payload: { complaintId: 'c-1', level: 'urgent', escalatedTo: 'sales_manager' },
    });

    d.clearEffects();
    d.advance('PT4H');
    expect(d.sim.value).toBe('gmEscalation');
    expect(d.task()).toMatchObject({ name: '超时投诉处理（总经理）', candidateRoles: ['general_manager'] });
    expect(d.effectLog()).toEqual(['notify:complaint.escalated']);
    d.act('gm', 'resolve', { resolution: '总经理致电道歉并补偿保养一次', compensation: 50000 });
    expect(d.sim.value).toBe('customerConfirm');
  });

  it('stops the escalation when the sales manager resolves in time', () => {
    const d = assigned('escalated');
    d.advance('PT8H');
    expect(d.sim.value).toBe('managerEscalation');
    d.act('manager', 'resolve', { resolution: '已安排返修' });
    expect(d.sim.timers).toEqual([]);
    d.advance('PT4H');
    expect(d.sim.value).toBe('customerConfirm');
  });

  it('reopens the complaint with a fresh deadline when the customer is not satisfied', () => {
    const d = assigned('escalated');
    d.advance('PT2H');
    d.act('service', 'resolve', { resolution: '已解释原因' });
    d.clearEffects();
    d.act('service', 'reopen', { customerFeedback: '不接受' });
    expect(d.effectLog()).toEqual(['complaint.setStatus:handling']);
    expect(d.sim.value).toBe('handleWithin8h');
    expect(d.sim.timers.map((t) => t.dueAt)).toEqual([new Date(T0.getTime() + 10 * HOUR_MS).toISOString()]);
  });
});

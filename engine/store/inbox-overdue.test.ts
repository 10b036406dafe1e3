import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createHarness, publishFlow, type ServiceHarness } from '../../test/fixtures/flows.ts';
import type { WorkflowDefinition } from '../types.ts';

const HOUR = 3_600_000;

/** A manager review due within an hour. */
const TIMED_REVIEW: WorkflowDefinition = {
  key: 'timed-review',
  name: '限时审批',
  machine: {
    id: 'timedReview',
    initial: 'review',
    states: {
      review: {
        meta: { task: { name: '限时审批', assignee: { roles: ['sales_manager'] }, sla: 'PT1H' } },
        on: { COMPLETE: 'done' },
      },
      done: { type: 'final' },
    },
  },
};

describe.each(DATABASES)('the inbox filter for overdue tasks on $name', ({ open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database);
    await publishFlow(h.service, TIMED_REVIEW, h.admin);
  });
  afterAll(() => t?.close());

  it('lists only open tasks past their due time, by the service clock', async () => {
    const manager = h.actors.manager!;
    const early = await h.service.startInstance({ workflowKey: 'timed-review' }, h.actors.consultant!);
    h.advance(HOUR / 2);
    const late = await h.service.startInstance({ workflowKey: 'timed-review' }, h.actors.consultant!);
    const overdue = () =>
      h.service.listTasks(manager, { scope: 'candidate', workflowKey: 'timed-review', overdue: true });

    expect((await overdue()).total).toBe(0);
    h.advance(HOUR / 2 + 1000);
    expect((await overdue()).items.map((x) => x.instanceId)).toEqual([early.id]);
    h.advance(HOUR / 2);
    expect((await overdue()).items.map((x) => x.instanceId)).toEqual([early.id, late.id]);
    const all = await h.service.listTasks(manager, { scope: 'candidate', workflowKey: 'timed-review' });
    expect(all.total).toBe(2);
  });
});

import { count } from 'drizzle-orm';
import { WorkflowService } from '../../engine/store/service.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { FORMS, WORKFLOWS } from '../../workflows/index.ts';
import { DEMO_USERS, seedDemoUsers } from '../dealer/demo/users.ts';
import { createDealerEffects } from '../dealer/effects.ts';
import { apiPorts } from '../store/ports.ts';
import { users } from '../store/schema.ts';
import { publishShipped, SEED_ACTOR } from './index.ts';

const pglite = DATABASES.find((d) => d.name === 'pglite')!;

describe('demo seed', () => {
  let db: TestDatabase;
  let service: WorkflowService;

  beforeAll(async () => {
    db = await pglite.open();
    service = new WorkflowService({ ports: apiPorts, database: db.database, effects: createDealerEffects() });
  });
  afterAll(() => db.close());

  it('adds the demo users once however often it runs', async () => {
    expect(await seedDemoUsers(db.database)).toBe(DEMO_USERS.length);
    expect(await seedDemoUsers(db.database)).toBe(0);
    const [row] = await db.database.db.select({ n: count() }).from(users);
    expect(row?.n).toBe(DEMO_USERS.length);
  });

  it('publishes every shipped form and flow, then nothing the second time', async () => {
    const first = await publishShipped(service, { workflows: WORKFLOWS, forms: FORMS });
    expect(first.failed).toEqual([]);
    expect(first.published).toHaveLength(WORKFLOWS.length + FORMS.length);
    expect(first.published.indexOf(`form:${FORMS[0]!.key}`)).toBeLessThan(
      first.published.indexOf(`workflow:${WORKFLOWS[0]!.key}`),
    );
    const second = await publishShipped(service, { workflows: WORKFLOWS, forms: FORMS });
    expect(second).toEqual({ published: [], failed: [] });
  });

  it('publishes a shipped flow again when the file changed since the system published it, but not over an admin’s edits', async () => {
    const original = WORKFLOWS[0]!;
    const older = { ...original, starters: undefined, events: undefined, starterRoles: ['sales_consultant'] };
    const key = 'shipped-upgrade';
    const first = await publishShipped(service, { workflows: [{ ...older, key }], forms: [] });
    expect(first.published).toEqual([`workflow:${key}`]);
    const upgraded = await publishShipped(service, { workflows: [{ ...original, key }], forms: [] });
    expect(upgraded.published).toEqual([`workflow:${key}`]);
    const latest = await service.getVersion(key, 2);
    expect(latest.definition.starters).toEqual({ applicationOnly: true });
    await service.saveDraft({ ...original, key, name: '管理员改过' }, { ...SEED_ACTOR, id: 'admin-1' });
    await service.publish(key, { ...SEED_ACTOR, id: 'admin-1' });
    const kept = await publishShipped(service, { workflows: [{ ...older, key }], forms: [] });
    expect(kept.published).toEqual([]);
  });

  it('publishes a shipped form again when its words changed since the system published it, but not over an admin’s edits', async () => {
    const original = FORMS[0]!;
    const key = 'shipped-form-upgrade';
    const { i18n: _i18n, ...older } = original;
    expect((await publishShipped(service, { workflows: [], forms: [{ ...older, key }] })).published).toEqual([
      `form:${key}`,
    ]);
    const upgraded = await publishShipped(service, { workflows: [], forms: [{ ...original, key }] });
    expect(upgraded.published).toEqual([`form:${key}`]);
    expect((await service.getFormVersion(key, 2)).i18n).toEqual(original.i18n);
    expect(await publishShipped(service, { workflows: [], forms: [{ ...original, key }] })).toEqual({
      published: [],
      failed: [],
    });
    const admin = { ...SEED_ACTOR, id: 'admin-1' };
    await service.saveFormDraft({ ...original, key, title: '管理员改过' }, admin);
    await service.publishForm(key, admin);
    expect((await publishShipped(service, { workflows: [], forms: [{ ...older, key }] })).published).toEqual(
      [],
    );
  });

  it('reports a broken shipped flow instead of throwing', async () => {
    const broken: WorkflowDefinition = {
      key: 'broken-flow',
      name: 'broken',
      machine: { id: 'broken', initial: 'a', states: { a: { on: { GO: 'nowhere' } }, b: { type: 'final' } } },
    };
    const report = await publishShipped(service, { workflows: [broken], forms: [] });
    expect(report.published).toEqual([]);
    expect(report.failed).toEqual([{ key: 'workflow:broken-flow', error: expect.any(String) }]);
  });
});

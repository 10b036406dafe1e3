import { eq } from 'drizzle-orm';
import { WorkflowService } from '../engine/store/service.ts';
import { DATABASES, type TestDatabase } from '../test/fixtures/databases.ts';
import { DEALER_APPLICATION } from './dealer/application.ts';
import { createDealerEffects } from './dealer/effects.ts';
import { createDealerInstanceHooks } from './dealer/instance-hooks.ts';
import { dealerReferenceCheckers } from './dealer/references.ts';
import { usableFiles } from './files/file-repo.ts';
import { createSilentLogger } from './logger.ts';
import { prepareDatabase } from './startup.ts';
import { apiPorts } from './store/ports.ts';
import { users } from './store/schema.ts';

describe.each(DATABASES)('start-up preparation on $name', ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  const prepare = (demo: boolean) => {
    // As the server builds it (serve.ts): the shipped flows name the dealership's effects.
    const service = new WorkflowService({
      ports: apiPorts,
      database: db.database,
      effects: createDealerEffects(),
      hooks: createDealerInstanceHooks(),
      references: { file: usableFiles, ...dealerReferenceCheckers },
    });
    return prepareDatabase({
      database: db.database,
      service,
      demo,
      logger: createSilentLogger(),
      application: DEALER_APPLICATION,
    });
  };
  const hasUser = async (username: string) =>
    (await db.database.db.select().from(users).where(eq(users.username, username))).length > 0;

  it('publishes and seeds once, skips both on a restart with nothing new, and seeds again when the demo is turned on', async () => {
    await prepare(false);
    expect(await hasUser('admin')).toBe(false);
    await prepare(true);
    expect(await hasUser('admin')).toBe(true);
    // A restart with the same shipped documents and settings does not seed: a removed demo user stays removed.
    await db.database.db.delete(users).where(eq(users.username, 'gm'));
    await prepare(true);
    expect(await hasUser('gm')).toBe(false);
    // Something new (here: the demo turned off and on again) prepares again.
    await prepare(false);
    await prepare(true);
    expect(await hasUser('gm')).toBe(true);
  }, 300_000);
});

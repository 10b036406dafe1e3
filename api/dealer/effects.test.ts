import { openDatabase } from '../../engine/store/db.ts';
import { WorkflowService } from '../../engine/store/service.ts';
import { SHIPPED_EFFECTS } from '../../workflows/index.ts';
import { apiPorts } from '../store/ports.ts';
import { createDealerEffects } from './effects.ts';

describe('the dealership effect handlers', () => {
  it('cover every effect the shipped flows emit, together with the engine built-ins', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const service = new WorkflowService({ ports: apiPorts, database, effects: createDealerEffects() });
      const missing = SHIPPED_EFFECTS.filter((name) => !service.effectNames().includes(name));
      expect(missing).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

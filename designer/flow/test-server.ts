/**
 * The msw server of the flow designer and form builder tests: unhandled requests fail the test.
 * (Kept here rather than in designer/testing/ so these suites do not depend on the shell's helpers.)
 */
import { setupServer } from 'msw/node';

export const flowServer = setupServer();

/** Starts msw for a test file (call at the top level of the file). */
export function startFlowServer(): void {
  beforeAll(() => flowServer.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => flowServer.resetHandlers());
  afterAll(() => flowServer.close());
}

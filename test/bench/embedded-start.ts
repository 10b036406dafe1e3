/**
 * The embedded database's start time with the app already built: `node dist/server/api/main.js` on
 * PGlite, from spawn until `/healthz` answers — on a fresh data directory (migrate, publish, seed the
 * demo) and again on the same directory (a restart: what a developer waits for every day).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../fixtures/server-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface EmbeddedStart {
  freshMs: number;
  restartMs: number;
}

async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/server/api/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      WORKERS: '1',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('the embedded server exited while starting');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 180_000) throw new Error('the embedded server did not start in 3 min');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Builds what is stale (as `npm start` does), then times a fresh start and a restart. */
export async function measureEmbeddedStart(): Promise<EmbeddedStart> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'dealerflow-start-'));
  try {
    const freshMs = await timeStart(join(dir, 'data'));
    const restartMs = await timeStart(join(dir, 'data'));
    return { freshMs, restartMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

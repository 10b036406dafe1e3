#!/usr/bin/env node
/**
 * Builds what is out of date, and only that: the server (TypeScript → `dist/server`, with the
 * each owner's migrations beside its compiled code) and the browser app (Vite → `designer/dist`). Each part
 * keeps a stamp: the SHA-256 of its sources; a part whose sources hash to its stamp is skipped, so a
 * second `npm start` builds nothing. `--force` builds both. Several processes starting at once
 * take a lock, so one builds and the others wait and then find the build fresh.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');
/** `--server`: the server part only (what the HTTP benchmark runs), not the browser app. */
const serverOnly = process.argv.includes('--server');
const SKIP = new Set(['node_modules', 'dist', 'data', '.git']);
const isTest = (name) => /\.test\.tsx?$/.test(name);

/** Every file under `dirs` (relative to the root), sorted, skipping dependencies and build output. */
function files(dirs) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!isTest(entry.name)) out.push(path);
    }
  };
  for (const dir of dirs) {
    const path = join(ROOT, dir);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else out.push(path);
  }
  return out.sort();
}

function hashOf(dirs) {
  const hash = createHash('sha256');
  for (const file of files(dirs)) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const PARTS = [
  {
    name: 'server',
    sources: [
      'api',
      'engine',
      'forms',
      'dealer-rules',
      'workflows',
      'tsconfig.json',
      'tsconfig.server.json',
      'package-lock.json',
    ],
    stamp: join(ROOT, 'dist', 'server', '.stamp'),
    build() {
      rmSync(join(ROOT, 'dist', 'server'), { recursive: true, force: true });
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.server.json'], { cwd: ROOT, stdio: 'inherit' });
      // Each owner's migrations beside its compiled code (engine/store/migrate.ts).
      for (const owner of [
        ['engine', 'store'],
        ['api', 'store'],
        ['api', 'dealer'],
      ]) {
        cpSync(join(ROOT, ...owner, 'migrations'), join(ROOT, 'dist', 'server', ...owner, 'migrations'), {
          recursive: true,
        });
      }
    },
  },
  {
    name: 'browser app',
    sources: ['designer', 'engine', 'forms', 'dealer-rules', 'package-lock.json'],
    stamp: join(ROOT, 'designer', 'dist', '.stamp'),
    build() {
      const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      execFileSync(
        process.execPath,
        [vite, 'build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'],
        {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'production' },
          stdio: 'inherit',
        },
      );
    },
  },
];

/** Hash of a part's sources; test files change no build output, so they are left out. */
const sourceHash = (part) => hashOf(part.sources);

const LOCK = join(ROOT, 'dist', '.build-lock');
const STALE_LOCK_MS = 10 * 60_000;

function withLock(run) {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
          rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // The holder released it meanwhile.
      }
      Atomics.wait(pause, 0, 0, 250);
    }
  }
  try {
    run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

withLock(() => {
  for (const part of serverOnly ? PARTS.filter((p) => p.name === 'server') : PARTS) {
    const hash = sourceHash(part);
    const current = existsSync(part.stamp) ? readFileSync(part.stamp, 'utf8').trim() : '';
    if (!force && current === hash) {
      console.log(`build: ${part.name} is up to date`);
      continue;
    }
    console.log(`build: ${part.name}…`);
    const started = Date.now();
    part.build();
    writeFileSync(part.stamp, `${hash}\n`);
    console.log(`build: ${part.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
});

/**
 * Serves the designer's build (`designer/dist`) under `/`, falling back to `index.html` for client-side
 * routes; without a build, a short page says how to make one.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** The nearest folder above `from` with a package.json: the project root, from source or from dist/server. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the designer. */
export const DESIGNER_DIST = join(projectRoot(dirname(fileURLToPath(import.meta.url))), 'designer', 'dist');

const BUILD_HINT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dealerflow</title></head>
<body><h1>Dealerflow</h1><p>The designer has not been built. Run <code>npm run build</code>, then reload.</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Paths the SPA never owns. */
function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/healthz';
}

/**
 * @example
 * app.use('*', designerStatic());
 */
export function designerStatic(distDir = DESIGNER_DIST): MiddlewareHandler<AppEnv> {
  // Created once the build exists: the build may happen while the server runs.
  let handlers: { files: MiddlewareHandler<AppEnv>; index: MiddlewareHandler<AppEnv> } | undefined;
  return async function designerStaticMiddleware(c, next) {
    if (isServerPath(c.req.path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    if (!existsSync(join(distDir, 'index.html'))) return c.html(BUILD_HINT, 200);
    handlers ??= {
      files: serveStatic<AppEnv>({ root: distDir }),
      index: serveStatic<AppEnv>({ root: distDir, path: 'index.html' }),
    };
    const { files, index } = handlers;
    const noop = async () => {};
    const file = await files(c, noop);
    if (file) return file;
    // A missing asset (`/assets/x.js`) is a 404, not the app shell.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return (await index(c, noop)) ?? next();
  };
}

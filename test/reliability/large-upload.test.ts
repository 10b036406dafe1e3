/**
 * A 200 MB upload on the embedded database (PGlite, one WASM thread) does not stall the server: the
 * bytes stream into `file_chunks` chunk by chunk, yielding between chunks, so `/healthz` polled every
 * 100 ms keeps answering, and the server's resident memory stays under a bound well below the file's
 * size (docs/operations.md "Uploads"). The same bytes come back on download.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { seedDemoUsers } from '../../api/dealer/demo/users.ts';
import { migrateDatabase, openDatabase } from '../../engine/store/db.ts';
import { MIGRATIONS } from '../fixtures/databases.ts';
import { type ServerProcess, startServerProcess } from '../fixtures/server-process.ts';
import { type ApiClient, login } from './support.ts';

const MB = 1024 * 1024;
const FILE_BYTES = 200 * MB;
/**
 * The server's peak resident memory while it stores and serves the file, over its idle resident
 * memory (docs/operations.md "Uploads"). Measured ~165 MB, mostly PGlite's WASM heap growing as it
 * writes; the file held whole on top of that would pass the bound.
 */
const RSS_GROWTH_BOUND = 256 * MB;
const PIECE = 64 * 1024;
const BOUNDARY = 'dealerflow-large-upload';

/** A PNG signature, then a repeating pattern, generated as it is sent. */
function fileBytes(): { stream: () => Readable; sha256: string } {
  const piece = Buffer.alloc(PIECE);
  for (let i = 0; i < PIECE; i++) piece[i] = (i * 31 + 7) & 0xff;
  const first = Buffer.from(piece);
  first.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const hash = createHash('sha256');
  for (let sent = 0; sent < FILE_BYTES; sent += PIECE) hash.update(sent === 0 ? first : piece);
  return {
    sha256: hash.digest('hex'),
    stream: () =>
      Readable.from(
        (function* () {
          for (let sent = 0; sent < FILE_BYTES; sent += PIECE) yield sent === 0 ? first : piece;
        })(),
      ),
  };
}

/** The peak and current resident set of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Polls `/healthz` every 100 ms until stopped; returns each poll's wait in ms. */
function pollHealth(baseUrl: string): { stop: () => Promise<number[]> } {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`healthz ${res.status}`);
      const waited = performance.now() - started;
      waits.push(waited);
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - waited)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return waits;
    },
  };
}

function upload(
  client: ApiClient,
  body: Readable,
  length: number,
): Promise<{ status: number; text: string }> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scan.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(`${client.baseUrl}/api/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client.token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(head.length + length + tail.length),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => {
        text += s;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.write(head);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

async function download(client: ApiClient, url: string): Promise<{ size: number; sha256: string }> {
  const res = await fetch(`${client.baseUrl}${url}`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  if (res.status !== 200 || !res.body) throw new Error(`download ${res.status}`);
  const hash = createHash('sha256');
  let size = 0;
  const reader = res.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    hash.update(read.value);
  }
  return { size, sha256: hash.digest('hex') };
}

describe('a 200 MB upload on the embedded database', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dealerflow-upload-'));
    // The demo users only (the demo data would take a minute to seed on disk).
    const database = await openDatabase({ dataDir });
    await migrateDatabase(database, MIGRATIONS);
    await seedDemoUsers(database);
    await database.close();
    server = await startServerProcess({
      DATA_DIR: dataDir,
      DEMO: '0',
      FILE_LIMIT_MB: '256',
      UPLOAD_REQUEST_LIMIT_MB: '260',
      UPLOAD_RATE_MB_PER_MIN: '1024',
      OUTBOX_INTERVAL_MS: '0',
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps /healthz answering within a second and memory under the bound, and gives the bytes back', async () => {
    const pid = server.child.pid ?? 0;
    const client = await login(server.url, 'consultant');
    const file = fileBytes();
    const idle = memoryOf(pid);

    const polls = pollHealth(server.url);
    const stored = await upload(client, file.stream(), FILE_BYTES);
    const waits = await polls.stop();

    expect(stored.status, stored.text).toBe(201);
    const [meta] = (JSON.parse(stored.text) as { items: { size: number; sha256: string; url: string }[] })
      .items;
    expect(meta).toMatchObject({ size: FILE_BYTES, sha256: file.sha256 });
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(1000);

    const afterUpload = memoryOf(pid);
    expect(await download(client, meta!.url)).toEqual({ size: FILE_BYTES, sha256: file.sha256 });
    const after = memoryOf(pid);
    console.info(
      `upload: ${waits.length} polls, slowest ${Math.round(Math.max(...waits))} ms; RSS idle ${Math.round(idle.rss / MB)} MB, peak after upload ${Math.round(afterUpload.peak / MB)} MB, after download ${Math.round(after.peak / MB)} MB`,
    );
    expect(after.peak - idle.rss).toBeLessThan(RSS_GROWTH_BOUND);
  }, 120_000);
});

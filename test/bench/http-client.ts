/**
 * A lean keep-alive JSON client on `node:http`, so the load generator spends as little CPU as it can
 * (the server, PostgreSQL and this client share the machine; fetch costs noticeably more per request).
 */
import { Agent, request } from 'node:http';

export interface LeanResponse {
  status: number;
  body: string;
}

/** A client bound to one server with `sockets` persistent connections. */
export interface LeanClient {
  post(path: string, token: string, body: unknown): Promise<LeanResponse>;
  close(): void;
}

/** @example const c = leanClient('http://127.0.0.1:3000', 8); await c.post('/api/x', token, {}); */
export function leanClient(baseUrl: string, sockets: number): LeanClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post(path, token, body) {
      const payload = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * A lean keep-alive JSON client straight on TCP sockets (autocannon-style), so the load generator
 * spends as little CPU as it can: the server, PostgreSQL and this client share the machine, and
 * `node:http`'s ClientRequest machinery cost about as much per request as the server's own HTTP layer.
 * One request at a time per socket; responses must carry Content-Length (the server's all do).
 */
import { connect, type Socket } from 'node:net';

export interface LeanResponse {
  status: number;
  body: string;
}

/** A client bound to one server with `sockets` persistent connections. */
export interface LeanClient {
  post(path: string, token: string, body: unknown): Promise<LeanResponse>;
  close(): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection answering one request at a time. */
class Connection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: { resolve: (r: LeanResponse) => void; reject: (e: Error) => void } | undefined;

  constructor(host: string, port: number) {
    this.#socket = connect({ host, port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    this.#socket.on('error', (error) => this.#fail(error));
    this.#socket.on('close', () => this.#fail(new Error('connection closed')));
  }

  request(head: string, payload: Buffer): Promise<LeanResponse> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#socket.write(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const end = this.#buffer.indexOf(HEADER_END);
    if (end === -1) return;
    const head = this.#buffer.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!match) {
      this.#fail(new Error(`response without Content-Length: ${head.split('\r\n')[0]}`));
      return;
    }
    const length = Number(match[1]);
    const start = end + HEADER_END.length;
    if (this.#buffer.length < start + length) return;
    const body = this.#buffer.toString('utf8', start, start + length);
    this.#buffer = this.#buffer.subarray(start + length);
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve({ status, body });
  }
}

/** @example const c = leanClient('http://127.0.0.1:3000', 8); await c.post('/api/x', token, {}); */
export function leanClient(baseUrl: string, sockets: number): LeanClient {
  const url = new URL(baseUrl);
  const host = url.hostname;
  const port = Number(url.port);
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const waiting: ((c: Connection) => void)[] = [];
  const acquire = (): Promise<Connection> => {
    const free = idle.pop();
    if (free) return Promise.resolve(free);
    if (all.length < sockets) {
      const made = new Connection(host, port);
      all.push(made);
      return Promise.resolve(made);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (c: Connection) => {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  };
  return {
    async post(path, token, body) {
      const payload = Buffer.from(JSON.stringify(body));
      const head =
        `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\n\r\n`;
      const connection = await acquire();
      try {
        return await connection.request(head, payload);
      } finally {
        release(connection);
      }
    },
    close() {
      for (const c of all) c.close();
    },
  };
}

/**
 * Reads a Server-Sent Events response with `fetch` and a stream reader, for tests: it collects the
 * messages and comment lines and waits (boundedly) for one that matches. Not a test file.
 */

/** One SSE message as received. */
export interface SseMessage {
  event: string;
  data: string;
}

/** An open event stream under test. */
export interface SseTestClient {
  status: number;
  messages: SseMessage[];
  comments: string[];
  /** Whether the response body has ended (or failed). */
  ended(): boolean;
  /** The first message (received or to come) matching `match`; rejects after `timeoutMs`. */
  next(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves once the comment list holds one matching `match`; rejects after `timeoutMs`. */
  nextComment(match: (c: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Closes the connection (the server sees the client go away). */
  close(): Promise<void>;
}

/** Parses one `\n\n`-terminated block into a message, or adds its comment lines. */
function parseBlock(block: string, messages: SseMessage[], comments: string[]): void {
  let event = 'message';
  const data: string[] = [];
  let isMessage = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    if (field === 'data') data.push(value);
    isMessage ||= field === 'event' || field === 'data';
  }
  if (isMessage) messages.push({ event, data: data.join('\n') });
}

/**
 * Opens `url` as an event stream with the given headers.
 *
 * @example
 * const sse = await openSse(`${base}/api/events`, { authorization: `Bearer ${token}` });
 * await sse.next((m) => m.event === 'ready');
 */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseTestClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const reading = (async () => {
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        parseBlock(buffer.slice(0, end), messages, comments);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
      for (const wake of waiters) wake();
    }
  })()
    .catch(() => {})
    .finally(() => {
      ended = true;
    });

  function waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    status: res.status,
    messages,
    comments,
    ended: () => ended,
    next: (match, timeoutMs = 5_000) => waitFor(() => messages.find(match), 'matching message', timeoutMs),
    nextComment: (match, timeoutMs = 5_000) =>
      waitFor(() => comments.find(match), 'matching comment', timeoutMs),
    async close() {
      controller.abort();
      await reading;
    },
  };
}

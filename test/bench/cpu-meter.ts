/**
 * CPU time (user + system) spent by the server process, by the PostgreSQL backends serving one database
 * (their process title names it; other databases' backends, e.g. other test runs, are left out, and so
 * are the shared background writers) and by this load generator over a phase, read from /proc. Unlike wall-clock
 * throughput it tells where a request's cost lies even on a busy shared machine. Linux only; elsewhere
 * every figure is undefined.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in ms, undefined when it is gone. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the `(comm)`, which may contain spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Backends whose title reads `postgres: <cluster>: <user> <database> <host> <activity>`. */
function backendPids(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.split(/[\s\0]+/).includes(database)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

export interface CpuSplit {
  serverMs: number | undefined;
  postgresMs: number | undefined;
  clientMs: number | undefined;
}

/**
 * Starts measuring; `stop()` returns the CPU ms each side used since. Backends are polled every
 * 200 ms, so ones that connect during the phase count from zero and ones that leave keep their last
 * reading (pgbench's backends live exactly as long as its run).
 */
export function startCpuMeter(serverPid: number | undefined, database: string): { stop(): CpuSplit } {
  if (!existsSync('/proc/self/stat')) {
    return { stop: () => ({ serverMs: undefined, postgresMs: undefined, clientMs: undefined }) };
  }
  const backends = new Map<number, { first: number; last: number }>();
  const poll = (initial: boolean) => {
    for (const pid of backendPids(database)) {
      const ms = processCpuMs(pid);
      if (ms === undefined) continue;
      const known = backends.get(pid);
      if (known) known.last = ms;
      else backends.set(pid, { first: initial ? ms : 0, last: ms });
    }
  };
  poll(true);
  const timer = setInterval(() => poll(false), 200);
  const server0 = serverPid === undefined ? undefined : processCpuMs(serverPid);
  const client0 = process.cpuUsage();
  return {
    stop() {
      clearInterval(timer);
      poll(false);
      let postgresMs = 0;
      for (const { first, last } of backends.values()) postgresMs += last - first;
      const client = process.cpuUsage(client0);
      return {
        serverMs:
          serverPid === undefined || server0 === undefined
            ? undefined
            : (processCpuMs(serverPid) ?? server0) - server0,
        postgresMs,
        clientMs: (client.user + client.system) / 1000,
      };
    },
  };
}

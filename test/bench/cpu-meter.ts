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

/** The process and its children (a cluster primary's workers), from /proc. */
export function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return [pid, ...children.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

/** Resident memory of a process in MB, undefined when it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** CPU ms of the process tree: each process's reading, so children that come and go count too. */
function treeCpu(pid: number, into: Map<number, { first: number; last: number }>, initial: boolean): void {
  for (const p of processTree(pid)) {
    const ms = processCpuMs(p);
    if (ms === undefined) continue;
    const known = into.get(p);
    if (known) known.last = ms;
    else into.set(p, { first: initial ? ms : 0, last: ms });
  }
}

export interface CpuSplit {
  serverMs: number | undefined;
  postgresMs: number | undefined;
  clientMs: number | undefined;
}

/** A phase's CPU split and the peak resident memory of each server process (MB; empty off Linux). */
export interface MeterReading extends CpuSplit {
  serverPeakMb: number[];
}

/**
 * Starts measuring; `stop()` returns the CPU ms each side used since. Backends are polled every
 * 200 ms, so ones that connect during the phase count from zero and ones that leave keep their last
 * reading (pgbench's backends live exactly as long as its run).
 */
export function startCpuMeter(serverPid: number | undefined, database: string): { stop(): MeterReading } {
  if (!existsSync('/proc/self/stat')) {
    return {
      stop: () => ({ serverMs: undefined, postgresMs: undefined, clientMs: undefined, serverPeakMb: [] }),
    };
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
  const server = new Map<number, { first: number; last: number }>();
  /** Peak resident MB per server process (the primary and each worker). */
  const peakMb = new Map<number, number>();
  const pollServer = (initial: boolean) => {
    if (serverPid === undefined) return;
    treeCpu(serverPid, server, initial);
    for (const p of processTree(serverPid)) {
      const mb = residentMb(p);
      if (mb !== undefined) peakMb.set(p, Math.max(peakMb.get(p) ?? 0, mb));
    }
  };
  poll(true);
  pollServer(true);
  const timer = setInterval(() => {
    poll(false);
    pollServer(false);
  }, 200);
  const client0 = process.cpuUsage();
  return {
    stop() {
      clearInterval(timer);
      poll(false);
      pollServer(false);
      let postgresMs = 0;
      for (const { first, last } of backends.values()) postgresMs += last - first;
      let serverMs = 0;
      for (const { first, last } of server.values()) serverMs += last - first;
      const client = process.cpuUsage(client0);
      return {
        serverMs: serverPid === undefined ? undefined : serverMs,
        postgresMs,
        clientMs: (client.user + client.system) / 1000,
        serverPeakMb: [...peakMb.values()].map((mb) => Math.round(mb)),
      };
    },
  };
}

/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) into the functions with the most self time,
 * and the files (packages) with the most self time — enough to tell where a request's CPU goes.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  percent: number;
}

/** Where a frame lives: `pkg/file` inside node_modules, else the last two path segments. */
function place(url: string): string {
  if (url === '') return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  const tail = nm >= 0 ? url.slice(nm + 'node_modules/'.length) : url;
  const parts = tail.split('/');
  if (nm >= 0) {
    const scoped = parts[0]?.startsWith('@') ? 2 : 1;
    return `${parts.slice(0, scoped).join('/')}/${parts.at(-1)}`;
  }
  return parts.slice(-2).join('/');
}

function packageOf(url: string): string {
  if (url === '') return '(native / gc / idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm < 0) return url.startsWith('node:') ? 'node core' : `ours: ${url.split('/').slice(-2, -1)[0]}/`;
  const parts = url.slice(nm + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
}

function top(totals: Map<string, number>, all: number, count: number): Hotspot[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, t]) => ({ name, percent: (100 * t) / all }));
}

/**
 * The `count` hottest functions and packages by self time (idle time excluded), over the last
 * `lastSeconds` of the profile when given (the measured phase, not start-up and seeding).
 */
export function hotspots(
  file: string,
  count = 15,
  lastSeconds?: number,
): { functions: Hotspot[]; packages: Hotspot[]; busyPercent: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  const from = lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6;
  let at = profile.startTime;
  let all = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (!node || at < from) return;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'} ${place(url)}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
    const pkg = packageOf(url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + dt);
    all += dt;
  });
  return {
    functions: top(functions, all, count),
    packages: top(packages, all, count),
    busyPercent: (100 * all) / Math.max(1, all + idle),
  };
}

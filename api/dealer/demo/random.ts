/**
 * Deterministic randomness for the demo seed (mulberry32), plus demo VINs, names and mobiles.
 */
import { vinCheckDigit } from '../../../forms/vin.ts';

/** A seeded generator: the same seed gives the same demo on every start. */
export interface Random {
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/**
 * mulberry32: small, fast, good enough for demo data.
 *
 * @example
 * const r = seededRandom(4); r.int(10); // always the same number
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/**
 * A valid VIN for a manufacturer prefix: random descriptor, the check digit computed, model year
 * `S` (2025) or `T` (2026), a plant letter and a 6-digit serial.
 *
 * @example
 * demoVin(seededRandom(1), 'LGX', 12); // 'LGX…' with a correct 9th character
 */
export function demoVin(r: Random, wmi: string, serial: number): string {
  const descriptor = Array.from({ length: 5 }, () => VIN_CHARS[r.int(VIN_CHARS.length)]).join('');
  const year = r.pick(['S', 'T']);
  const plant = VIN_CHARS[r.int(23)]!;
  const draft = `${wmi}${descriptor}0${year}${plant}${String(serial).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

const SURNAMES = [
  '张',
  '王',
  '李',
  '赵',
  '陈',
  '刘',
  '杨',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建国',
  '晓东',
  '丽华',
];

/** A Chinese full name. */
export function demoName(r: Random): string {
  return `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;
}

/** A distinct mainland mobile number per index. */
export function demoMobile(index: number): string {
  const prefixes = ['138', '139', '186', '135', '158', '177', '199', '150'];
  return `${prefixes[index % prefixes.length]}${String(10_000_000 + index * 7_919).slice(-8)}`;
}

/** `now` minus whole days (and an hour offset), as a Date. */
export function daysAgo(now: Date, days: number, hours = 0): Date {
  return new Date(now.getTime() - days * 86_400_000 - hours * 3_600_000);
}

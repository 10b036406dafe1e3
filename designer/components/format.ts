/** Display formatting shared by the pages: money in fen shown as ¥, timestamps as local time. */
import dayjs from 'dayjs';
import { formatYuan } from '../../dealer-rules/money.ts';

/**
 * Integer fen as yuan with two decimals and thousands separators (the server's `formatYuan`).
 *
 * @example
 * formatFen(18980000); // '¥189,800.00'
 */
export function formatFen(fen: unknown): string {
  return typeof fen === 'number' && Number.isFinite(fen) ? formatYuan(Math.round(fen)) : '—';
}

/** A timestamp as `YYYY-MM-DD HH:mm` in local time; dashes for nothing. */
export function formatDateTime(value: unknown): string {
  return typeof value === 'string' && value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

/** A date (or timestamp) as `YYYY-MM-DD`. */
export function formatDate(value: unknown): string {
  return typeof value === 'string' && value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** A cell value as text: strings and numbers as they are, anything else as a dash. */
export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '—';
}

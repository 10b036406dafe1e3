/** Display formatting shared by the pages: money in fen shown as ¥, timestamps as local time. */
import dayjs from 'dayjs';

/**
 * Integer fen as yuan with two decimals and thousands separators.
 *
 * @example
 * formatFen(18980000); // '¥189,800.00'
 */
export function formatFen(fen: unknown): string {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
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

/** Column helpers shared by the dealership tables: fen as JS numbers, timestamps and dates as strings. */
import { bigint, date, timestamp } from 'drizzle-orm/pg-core';

/** An amount in fen (bigint read as a JS number: every amount we store is far below 2^53). */
export const fen = (name: string) => bigint(name, { mode: 'number' });
/** A timestamptz read and written as an ISO string. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
/** A calendar date as `YYYY-MM-DD`. */
export const day = (name: string) => date(name, { mode: 'string' });
/** `created_at`, defaulting to now. */
export const createdAt = () => tstz('created_at').notNull().defaultNow();

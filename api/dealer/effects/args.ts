/**
 * Reading effect arguments: they arrive as JSON from a flow definition, so each is checked and a
 * broken definition fails loudly with the argument's name.
 */
import { AppError } from '../../../engine/errors.ts';
import type { JsonObject } from '../../../engine/types.ts';

/** A required non-empty string argument. */
export function stringArg(args: JsonObject, name: string): string {
  const value = args[name];
  if (typeof value !== 'string' || value === '') {
    throw new AppError('invalid', `Effect argument ${name} must be a non-empty string`, [
      { path: `/args/${name}`, message: 'required string' },
    ]);
  }
  return value;
}

/** An optional string argument (absent, null or empty → undefined). */
export function optionalStringArg(args: JsonObject, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new AppError('invalid', `Effect argument ${name} must be a string`, [
      { path: `/args/${name}`, message: 'string' },
    ]);
  }
  return value;
}

/** A required integer argument (fen, months, km, scores). */
export function intArg(args: JsonObject, name: string, min = 0): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new AppError('invalid', `Effect argument ${name} must be an integer ≥ ${min}`, [
      { path: `/args/${name}`, message: 'integer' },
    ]);
  }
  return value;
}

/** An argument that must be one of a list of codes. */
export function enumArg<T extends string>(args: JsonObject, name: string, allowed: readonly T[]): T {
  const value = stringArg(args, name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AppError('invalid', `Effect argument ${name} must be one of ${allowed.join(', ')}`, [
      { path: `/args/${name}`, message: `unknown value ${value}` },
    ]);
  }
  return value as T;
}

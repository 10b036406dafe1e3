/** Handwritten signatures as the flows record them: PNG data URLs, on a decision or in the data. */

/** A signature image (a `data:image/…` URL) in `value`, or null. */
export function signatureImage(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('data:image/') ? value : null;
}

/**
 * The signature drawn with a history entry's decision (`details.signature`), if it has one.
 *
 * @example
 * drawnSignature({ details: { signature: 'data:image/png;base64,…' } }); // 'data:image/png;base64,…'
 */
export function drawnSignature(entry: { details?: { [key: string]: unknown } }): string | null {
  return signatureImage(entry.details?.signature);
}

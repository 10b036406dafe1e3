/**
 * The file types `POST /api/files` takes: images, PDF and office documents. A file's type comes from
 * what the browser declared or, when it declared none, from its extension; its first bytes must then
 * match that type, so a page or a script cannot be stored under an image's name and served inline.
 */

/** A type we store: its extensions and the byte signatures its content may start with. */
interface FileType {
  extensions: readonly string[];
  /** Each signature is `[offset, bytes]`; any one matching is enough. */
  signatures: readonly (readonly [number, readonly number[]])[];
  /** Shown in the browser (`Content-Disposition: inline`) rather than downloaded. */
  inline: boolean;
}

const OLE = [[0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]] as const;
const ZIP = [[0, [0x50, 0x4b, 0x03, 0x04]]] as const;
const OFFICE_XML = 'application/vnd.openxmlformats-officedocument';

/** Allowed MIME types, by type. */
export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  'image/png': { extensions: ['png'], signatures: [[0, [0x89, 0x50, 0x4e, 0x47]]], inline: true },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], signatures: [[0, [0xff, 0xd8, 0xff]]], inline: true },
  'image/gif': { extensions: ['gif'], signatures: [[0, [0x47, 0x49, 0x46, 0x38]]], inline: true },
  'image/webp': { extensions: ['webp'], signatures: [[8, [0x57, 0x45, 0x42, 0x50]]], inline: true },
  'application/pdf': { extensions: ['pdf'], signatures: [[0, [0x25, 0x50, 0x44, 0x46, 0x2d]]], inline: true },
  'application/msword': { extensions: ['doc'], signatures: OLE, inline: false },
  'application/vnd.ms-excel': { extensions: ['xls'], signatures: OLE, inline: false },
  'application/vnd.ms-powerpoint': { extensions: ['ppt'], signatures: OLE, inline: false },
  [`${OFFICE_XML}.wordprocessingml.document`]: { extensions: ['docx'], signatures: ZIP, inline: false },
  [`${OFFICE_XML}.spreadsheetml.sheet`]: { extensions: ['xlsx'], signatures: ZIP, inline: false },
  [`${OFFICE_XML}.presentationml.presentation`]: { extensions: ['pptx'], signatures: ZIP, inline: false },
};

function byExtension(name: string): string | undefined {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return Object.keys(FILE_TYPES).find((mime) => FILE_TYPES[mime]?.extensions.includes(extension));
}

function startsWith(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

/**
 * The stored MIME type of an upload, or a reason it is refused.
 *
 * @example
 * resolveFileType('报价单.pdf', '', bytes); // { mime: 'application/pdf' }
 * resolveFileType('x.html', 'text/html', bytes); // { problem: 'type text/html is not allowed ...' }
 */
export function resolveFileType(
  name: string,
  declared: string,
  bytes: Uint8Array,
): { mime: string } | { problem: string } {
  const plain = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  const mime = plain === '' || plain === 'application/octet-stream' ? byExtension(name) : plain;
  const type = mime === undefined ? undefined : FILE_TYPES[mime];
  if (!mime || !type)
    return { problem: `type ${(mime ?? plain) || 'unknown'} is not allowed (images, PDF, office documents)` };
  if (!type.signatures.some(([offset, signature]) => startsWith(bytes, offset, signature)))
    return { problem: `content is not ${mime}` };
  return { mime };
}

/** Whether a stored type is shown in the browser rather than downloaded. */
export function isInlineType(mime: string): boolean {
  return FILE_TYPES[mime]?.inline ?? false;
}

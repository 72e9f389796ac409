/**
 * Lossless mapping between storable workspace values and plain JSON:
 * - typed arrays / ArrayBuffer → {"$typed": "Float64Array", "base64": "…"} (little-endian bytes);
 * - NaN, ±Infinity, -0 → {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"};
 * - object keys starting with "$" get one more "$", so user data can never be mistaken for a marker.
 * Anything else that JSON cannot carry (functions, Map, Date, class instances, cycles, undefined in arrays) is
 * refused with its path rather than silently altered.
 */

import { decodeBase64, encodeBase64 } from './base64.ts';
import { type DocumentError, isPlainObject, joinPath } from './workspace.ts';

/** Deeper than any real geometry or record; keeps recursion far from the engine's stack limit. */
export const MAX_DEPTH = 256;

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
/** The common shape of the constructors above (their union is not callable in TypeScript). */
type TypedArrayConstructor = {
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
};
const TYPED_NAMES = Object.keys(TYPED_ARRAYS) as TypedArrayName[];

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const SPECIAL_NUMBERS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

export class CodecError extends Error {
  constructor(readonly detail: DocumentError) {
    super(`${detail.path}: ${detail.reason}`);
    this.name = 'CodecError';
  }
}

function fail(path: string, reason: string): never {
  throw new CodecError({ path, reason });
}

/** Realm-independent tag ("Float64Array"), so values cloned from IndexedDB or another frame are recognised. */
function tagOf(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/** Bytes in little-endian order whatever the platform, so files are portable. */
function littleEndianBytes(view: ArrayBufferView): Uint8Array {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const size = (view as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  if (LITTLE_ENDIAN || size === 1) return bytes;
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size)
    for (let j = 0; j < size; j++) swapped[i + j] = bytes[i + size - 1 - j]!;
  return swapped;
}

function escapeKey(key: string): string {
  return key.startsWith('$') ? `$${key}` : key;
}

function encodeNumber(value: number): unknown {
  if (Number.isNaN(value)) return { $number: 'NaN' };
  if (value === Number.POSITIVE_INFINITY) return { $number: 'Infinity' };
  if (value === Number.NEGATIVE_INFINITY) return { $number: '-Infinity' };
  if (Object.is(value, -0)) return { $number: '-0' };
  return value;
}

/** `checkOnly`: only find what cannot be stored (typed arrays always can: their bytes are not encoded). */
function encode(
  value: unknown,
  path: string,
  depth: number,
  ancestors: Set<object>,
  checkOnly = false,
): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value !== 'object') fail(path, `valeur non enregistrable (${typeof value})`);
  if (depth > MAX_DEPTH) fail(path, `imbrication trop profonde (plus de ${MAX_DEPTH} niveaux)`);
  const tag = tagOf(value);
  if ((TYPED_NAMES as string[]).includes(tag) && ArrayBuffer.isView(value))
    return checkOnly ? value : { $typed: tag, base64: encodeBase64(littleEndianBytes(value)) };
  if (tag === 'ArrayBuffer')
    return checkOnly
      ? value
      : { $typed: 'ArrayBuffer', base64: encodeBase64(new Uint8Array(value as ArrayBuffer)) };
  if (ancestors.has(value)) fail(path, 'référence circulaire');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || value[i] === undefined)
          fail(joinPath(path, i), 'valeur indéfinie dans une liste');
        out[i] = encode(value[i], joinPath(path, i), depth + 1, ancestors, checkOnly);
      }
      return out;
    }
    if (!isPlainObject(value)) fail(path, `valeur non enregistrable (${tag})`);
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue; // JSON semantics: an absent optional field
      entries.push([escapeKey(key), encode(item, joinPath(path, key), depth + 1, ancestors, checkOnly)]);
    }
    return Object.fromEntries(entries);
  } finally {
    ancestors.delete(value);
  }
}

/** Storable value → JSON value. Throws CodecError (with path and French reason) on unsupported content. */
export function encodeStorable(value: unknown, path = ''): unknown {
  return encode(value, path, 0, new Set());
}

/** Null when `value` can be stored and exported losslessly, else the first problem found. */
export function findUnstorable(value: unknown, path = ''): DocumentError | null {
  try {
    encode(value, path, 0, new Set(), true);
    return null;
  } catch (error) {
    if (error instanceof CodecError) return error.detail;
    return { path, reason: 'valeur non enregistrable' };
  }
}

function decodeMarker(value: Record<string, unknown>, path: string): unknown {
  const keys = Object.keys(value).sort().join(',');
  if (keys === '$number') {
    const special = typeof value.$number === 'string' ? SPECIAL_NUMBERS[value.$number] : undefined;
    if (special === undefined || !Object.hasOwn(SPECIAL_NUMBERS, value.$number as string))
      fail(path, 'nombre spécial inconnu');
    return special;
  }
  if (keys === '$typed,base64') {
    const name = value.$typed;
    if (typeof value.base64 !== 'string') fail(path, 'données binaires : base64 attendu');
    const bytes = decodeBase64(value.base64);
    if (!bytes) fail(path, 'données binaires : base64 invalide');
    if (name === 'ArrayBuffer') return bytes.buffer;
    if (typeof name !== 'string' || !(TYPED_NAMES as string[]).includes(name))
      fail(path, 'données binaires : type de tableau inconnu');
    const Ctor = TYPED_ARRAYS[name as TypedArrayName] as unknown as TypedArrayConstructor;
    if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) fail(path, 'données binaires : longueur incohérente');
    const ordered = LITTLE_ENDIAN ? bytes : littleEndianBytes(new Ctor(bytes.buffer as ArrayBuffer));
    return new Ctor(
      ordered.buffer as ArrayBuffer,
      ordered.byteOffset,
      ordered.length / Ctor.BYTES_PER_ELEMENT,
    );
  }
  return fail(path, `marqueur inconnu (${Object.keys(value).find((k) => /^\$(?!\$)/.test(k))})`);
}

function decode(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, 'nombre hors limites');
    return Object.is(value, -0) ? 0 : value;
  }
  if (depth > MAX_DEPTH) fail(path, `imbrication trop profonde (plus de ${MAX_DEPTH} niveaux)`);
  if (Array.isArray(value)) return value.map((item, i) => decode(item, joinPath(path, i), depth + 1));
  if (!isPlainObject(value)) return fail(path, 'valeur JSON attendue');
  const keys = Object.keys(value);
  if (keys.some((k) => k.startsWith('$') && !k.startsWith('$$'))) return decodeMarker(value, path);
  return Object.fromEntries(
    keys.map((key) => {
      const original = key.startsWith('$$') ? key.slice(1) : key;
      return [original, decode(value[key], joinPath(path, original), depth + 1)];
    }),
  );
}

/** JSON value (as parsed from a file) → storable value. Throws CodecError on malformed markers. */
export function decodeStorable(value: unknown, path = ''): unknown {
  return decode(value, path, 0);
}

/**
 * Canonical JSON (the RFC 8785 rules that matter here): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript's JSON.stringify writes them. The same workspace therefore
 * always serialises to the same bytes, which is what the SHA-256 is computed over.
 */
import { CodecError, MAX_DEPTH } from './codec.ts';

function write(value: unknown, out: string[], depth: number): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CodecError({ path: '', reason: 'nombre hors limites' });
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new CodecError({ path: '', reason: `valeur JSON attendue (${typeof value})` });
  }
  if (depth > MAX_DEPTH + 4)
    throw new CodecError({ path: '', reason: `imbrication trop profonde (plus de ${MAX_DEPTH} niveaux)` });
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], out, depth + 1);
    }
    out.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  out.push('{');
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    write(item, out, depth + 1);
  }
  out.push('}');
}

/** Canonical text of a JSON value. Throws CodecError on non-JSON content or excessive depth. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, 0);
  return out.join('');
}

import type { Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';

/**
 * WKT / EWKT reader for the geometries users' files carry (`POINT (1.58 50.72)`, `POLYGON((…))`,
 * `SRID=2154;MULTIPOLYGON (((…)))`, `POINT Z (x y z)`). Z and M values are dropped. Never throws: a
 * broken text gives a French reason meant for the validation report.
 */
export type WktResult = { ok: true; geometry: Geometry; srid: number | null } | { ok: false; reason: string };

const TYPES = [
  'GEOMETRYCOLLECTION',
  'MULTIPOLYGON',
  'MULTILINESTRING',
  'MULTIPOINT',
  'POLYGON',
  'LINESTRING',
  'POINT',
] as const;
type WktType = (typeof TYPES)[number];

class WktError extends Error {}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  peek(): string {
    this.skipSpaces();
    return this.text[this.pos] ?? '';
  }

  near(): string {
    const rest = this.text.slice(this.pos, this.pos + 20);
    return rest ? `« ${rest}${this.pos + 20 < this.text.length ? '…' : ''} »` : 'la fin du texte';
  }

  expect(char: string): void {
    if (this.peek() !== char) {
      const what =
        char === '(' ? 'parenthèse ouvrante' : char === ')' ? 'parenthèse fermante' : `« ${char} »`;
      throw new WktError(`${what} attendue près de ${this.near()}`);
    }
    this.pos++;
  }

  /** Consumes `char` if it is next. */
  accept(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos++;
    return true;
  }

  word(): string {
    this.skipSpaces();
    const match = /[A-Za-z]+/y;
    match.lastIndex = this.pos;
    const m = match.exec(this.text);
    if (!m) return '';
    this.pos += m[0].length;
    return m[0].toUpperCase();
  }

  number(): number | null {
    this.skipSpaces();
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return null;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  position(): Position {
    const x = this.number();
    const y = this.number();
    if (x === null || y === null) throw new WktError(`coordonnée illisible près de ${this.near()}`);
    // Z and M values are read and dropped.
    let extra = this.number();
    while (extra !== null) extra = this.number();
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new WktError('coordonnée non finie');
    return [x, y];
  }

  /** `(x y, x y, …)`; MULTIPOINT also allows `((x y), (x y))`. */
  positions(allowWrapped = false): Position[] {
    this.expect('(');
    const list: Position[] = [];
    do {
      if (allowWrapped && this.accept('(')) {
        list.push(this.position());
        this.expect(')');
      } else list.push(this.position());
    } while (this.accept(','));
    this.expect(')');
    return list;
  }

  rings(): Position[][] {
    this.expect('(');
    const rings: Position[][] = [];
    do {
      const ring = this.positions();
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      // Unclosed rings are common in hand-made files: close them rather than reject.
      if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0]!, first[1]!]);
      if (ring.length < 4) throw new WktError('anneau de polygone de moins de 3 sommets distincts');
      rings.push(ring);
    } while (this.accept(','));
    this.expect(')');
    return rings;
  }

  list<T>(item: () => T): T[] {
    this.expect('(');
    const items: T[] = [];
    do items.push(item());
    while (this.accept(','));
    this.expect(')');
    return items;
  }

  geometryType(): WktType {
    const word = this.word();
    const base = TYPES.find((t) => word === t || word === `${t}Z` || word === `${t}M` || word === `${t}ZM`);
    if (!base) {
      throw new WktError(word ? `type de géométrie WKT inconnu : « ${word} »` : 'texte WKT non reconnu');
    }
    if (word === base) {
      // Optional separate dimension marker: POINT Z (…)
      const save = this.pos;
      const dim = this.word();
      if (dim !== 'Z' && dim !== 'M' && dim !== 'ZM') this.pos = save;
    }
    return base;
  }

  geometry(): Geometry {
    const type = this.geometryType();
    const save = this.pos;
    if (this.word() === 'EMPTY') throw new WktError('géométrie vide (EMPTY)');
    this.pos = save;
    switch (type) {
      case 'POINT': {
        this.expect('(');
        const coordinates = this.position();
        this.expect(')');
        return { type: 'Point', coordinates };
      }
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: this.positions(true) };
      case 'LINESTRING': {
        const coordinates = this.positions();
        if (coordinates.length < 2) throw new WktError('ligne de moins de 2 sommets');
        return { type: 'LineString', coordinates };
      }
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: this.list(() => this.positions()) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: this.rings() };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: this.list(() => this.rings()) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: this.list(() => this.geometry()) };
    }
  }
}

export function parseWkt(input: string | null | undefined): WktResult {
  const text = (input ?? '').trim();
  if (!text) return { ok: false, reason: 'géométrie WKT vide' };
  if (text.length > 50_000_000) return { ok: false, reason: 'géométrie WKT trop volumineuse' };
  let srid: number | null = null;
  let body = text;
  const ewkt = /^SRID=(\d+);/i.exec(text);
  if (ewkt) {
    srid = Number(ewkt[1]);
    body = text.slice(ewkt[0].length);
  }
  const reader = new Reader(body);
  try {
    const geometry = reader.geometry();
    reader.skipSpaces();
    if (reader.pos < body.length) {
      return { ok: false, reason: `WKT invalide : texte en trop près de ${reader.near()}` };
    }
    return { ok: true, geometry, srid };
  } catch (error) {
    if (error instanceof WktError) return { ok: false, reason: `WKT invalide : ${error.message}` };
    // A pathological nesting depth overflows the stack: still a value, never a crash.
    return { ok: false, reason: 'WKT invalide : structure illisible' };
  }
}

/** Cheap test used by column guessing: does this cell look like WKT at all? */
export function looksLikeWkt(text: string | null | undefined): boolean {
  return (
    !!text &&
    /^\s*(SRID=\d+;\s*)?(MULTI)?(POINT|LINESTRING|POLYGON)|^\s*GEOMETRYCOLLECTION/i.test(text.slice(0, 60))
  );
}

/* Writing: the geometry as WKT text, longitude-latitude order as given. */

/** Shortest text that parses back to the same double: exact round trip of coordinates. */
const coord = (p: Position) => `${p[0]} ${p[1]}`;
const ring = (r: Position[]) => `(${r.map(coord).join(', ')})`;
const polygon = (rings: Position[][]) => `(${rings.map(ring).join(', ')})`;

export function toWkt(geometry: Point | Polygon | MultiPolygon): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT (${coord(geometry.coordinates)})`;
    case 'Polygon':
      return `POLYGON ${polygon(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(polygon).join(', ')})`;
  }
}

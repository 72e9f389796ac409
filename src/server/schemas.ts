/**
 * Runtime schemas (valibot) of every API body and query, with French messages. A body that does not
 * match answers 422 `{error, fields:{path: message}}` before any SQL runs, so nothing is stored half-way.
 */
import * as v from 'valibot';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_PROPERTIES = 200;
export const MAX_TEXT = 10_000;
const MAX_POSITIONS = 100_000;

const Key = v.pipe(
  v.string(),
  v.minLength(1, 'Nom de champ vide.'),
  v.maxLength(100, 'Nom de champ trop long (100 caractères au plus).'),
  v.check((k) => !FORBIDDEN_KEYS.has(k), 'Nom de champ réservé.'),
);

const Value = v.union(
  [
    v.pipe(
      v.string(),
      v.maxLength(MAX_TEXT, `Texte trop long (${MAX_TEXT.toLocaleString('fr-FR')} caractères au plus).`),
    ),
    v.pipe(v.number(), v.finite('Nombre invalide.')),
    v.boolean(),
    v.null(),
  ],
  'Valeur attendue : texte, nombre, vrai/faux ou vide.',
);

// valibot's record() silently skips these keys: refuse them on the raw input instead, so that a field is never
// dropped from an accepted body (a 201 must mean every field was stored).
const NoReservedKeys = v.check(
  (input: unknown) =>
    !input || typeof input !== 'object' || !Object.keys(input).some((k) => FORBIDDEN_KEYS.has(k)),
  'Nom de champ réservé (__proto__, constructor, prototype).',
);

export const Properties = v.pipe(
  v.unknown(),
  NoReservedKeys,
  v.record(Key, Value, 'Objet de propriétés attendu.'),
  v.check((p) => Object.keys(p).length <= MAX_PROPERTIES, `${MAX_PROPERTIES} propriétés au plus.`),
);
export type PropertiesValue = v.InferOutput<typeof Properties>;

/** Free text ids (imported files use anything), bounded and without control characters. */
export const RecordId = v.pipe(
  v.string('Identifiant attendu (texte).'),
  v.minLength(1, 'Identifiant vide.'),
  v.maxLength(200, 'Identifiant trop long (200 caractères au plus).'),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  v.regex(/^[^\u0000-\u001f\u007f]+$/, 'Identifiant avec caractères de contrôle.'),
);

const Lon = v.pipe(
  v.number('Longitude attendue.'),
  v.minValue(-180, 'Longitude hors de [-180, 180].'),
  v.maxValue(180, 'Longitude hors de [-180, 180].'),
);
const Lat = v.pipe(
  v.number('Latitude attendue.'),
  v.minValue(-90, 'Latitude hors de [-90, 90].'),
  v.maxValue(90, 'Latitude hors de [-90, 90].'),
);
const Position = v.pipe(
  v.array(v.number()),
  v.minLength(2),
  v.maxLength(3),
  v.check(([x, y]) => v.is(Lon, x) && v.is(Lat, y), 'Coordonnées WGS84 (longitude, latitude) attendues.'),
);
const Ring = v.pipe(
  v.array(Position, 'Anneau de coordonnées attendu.'),
  v.minLength(4, 'Anneau de 4 positions au moins.'),
);

export const PointGeometry = v.object({
  type: v.literal('Point', 'Géométrie de type Point attendue.'),
  coordinates: Position,
});
const PolygonGeometry = v.object({
  type: v.literal('Polygon'),
  coordinates: v.pipe(v.array(Ring), v.minLength(1)),
});
const MultiPolygonGeometry = v.object({
  type: v.literal('MultiPolygon'),
  coordinates: v.pipe(v.array(v.pipe(v.array(Ring), v.minLength(1))), v.minLength(1)),
});
export const AreaOrPoint = v.pipe(
  v.variant(
    'type',
    [PointGeometry, PolygonGeometry, MultiPolygonGeometry],
    'Géométrie Point, Polygon ou MultiPolygon attendue.',
  ),
  v.check((g) => JSON.stringify(g.coordinates).length < MAX_POSITIONS * 40, 'Géométrie trop détaillée.'),
);

export const Insee = v.pipe(
  v.string('Code INSEE attendu.'),
  v.regex(/^\d[\dAB]\d{3}$/, 'Code INSEE à 5 caractères attendu (ex. 62160).'),
);
const IsoDate = v.pipe(v.string('Date attendue.'), v.isoDate('Date au format aaaa-mm-jj attendue.'));

const Contact = v.strictObject(
  {
    name: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200)))),
    phone: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(50)))),
    email: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(254)))),
    address: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
  },
  'Fiche contact : name, phone, email, address.',
);
export type ContactValue = v.InferOutput<typeof Contact>;

// Session records are pseudonymous: a field that looks like a person's identity goes in `contact`.
const PERSONAL =
  /^(nom|prenom|prénom|name|first_?name|last_?name|telephone|téléphone|tel|phone|e?-?mail|courriel|adresse|address)$/i;
const AdviceProperties = v.pipe(
  Properties,
  v.check(
    (p) => !Object.keys(p).some((k) => PERSONAL.test(k)),
    'Donnée personnelle interdite dans une séance : mettez-la dans la fiche contact (contact).',
  ),
  v.check((p) => v.is(IsoDate, p.date), 'Propriété date obligatoire, au format aaaa-mm-jj.'),
);
const PcaetProperties = v.pipe(
  Properties,
  v.check(
    (p) => typeof p.indicatorId === 'string' && p.indicatorId.length > 0,
    'Propriété indicatorId obligatoire.',
  ),
  v.check((p) => v.is(IsoDate, p.date), 'Propriété date obligatoire, au format aaaa-mm-jj.'),
  v.check((p) => typeof p.value === 'number', 'Propriété value obligatoire (nombre).'),
  v.check(
    (p) => ['value', 'target', 'estimate'].includes(String(p.type)),
    'Propriété type : value, target ou estimate.',
  ),
);

export const Bodies = {
  lights: {
    create: v.strictObject({
      id: v.optional(RecordId),
      geometry: PointGeometry,
      properties: v.optional(Properties, {}),
    }),
    patch: v.strictObject({ geometry: v.optional(PointGeometry), properties: v.optional(Properties) }),
  },
  friches: {
    create: v.strictObject({
      id: v.optional(RecordId),
      geometry: AreaOrPoint,
      properties: v.optional(Properties, {}),
    }),
    patch: v.strictObject({ geometry: v.optional(AreaOrPoint), properties: v.optional(Properties) }),
  },
  advice: {
    create: v.strictObject({
      id: v.optional(RecordId),
      insee: Insee,
      properties: AdviceProperties,
      contact: v.optional(Contact),
    }),
    patch: v.strictObject({
      insee: v.optional(Insee),
      properties: v.optional(Properties),
      contact: v.optional(Contact),
    }),
  },
  pcaet: {
    create: v.strictObject({
      id: v.optional(RecordId),
      insee: v.optional(v.nullable(Insee)),
      properties: PcaetProperties,
    }),
    patch: v.strictObject({ insee: v.optional(v.nullable(Insee)), properties: v.optional(Properties) }),
  },
} as const;

/** Patched properties are merged; the merged object must still satisfy the module's rules. */
export const MergedProperties = {
  lights: Properties,
  friches: Properties,
  advice: AdviceProperties,
  pcaet: PcaetProperties,
};

const Digits = (max: number, message: string) =>
  v.pipe(v.string(message), v.regex(new RegExp(`^\\d{1,${max}}$`), message));
export const ListQuery = v.strictObject(
  {
    commune: v.optional(
      v.pipe(
        v.string('Un seul paramètre commune (codes séparés par des virgules).'),
        v.regex(/^\d[\dAB]\d{3}(,\d[\dAB]\d{3}){0,99}$/, 'commune : codes INSEE séparés par des virgules.'),
      ),
    ),
    epci: v.optional(
      v.pipe(
        v.string('Un seul paramètre epci.'),
        v.regex(/^\d{9}(,\d{9}){0,9}$/, 'epci : SIREN à 9 chiffres, séparés par des virgules.'),
      ),
    ),
    bbox: v.optional(
      v.pipe(
        v.string('Un seul paramètre bbox.'),
        v.regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox : ouest,sud,est,nord en degrés WGS84.'),
      ),
    ),
    since: v.optional(Digits(20, 'since : curseur numérique rendu par une lecture précédente.')),
    limit: v.optional(Digits(6, 'limit : nombre entier.')),
    after: v.optional(RecordId),
  },
  'Paramètre inconnu : commune, epci, bbox, since, limit, after.',
);
export type ListQueryValue = v.InferOutput<typeof ListQuery>;

export const ImportQuery = v.strictObject(
  {
    kind: v.picklist(['lights', 'advice', 'friches'], 'kind : lights, advice ou friches.'),
    mode: v.picklist(['replace', 'add', 'merge'], 'mode : replace, add ou merge.'),
    name: v.optional(v.pipe(v.string(), v.maxLength(255, 'Nom de fichier trop long.'))),
    crs: v.optional(
      v.picklist(
        ['auto', 'EPSG:4326', 'EPSG:2154', 'EPSG:3950'],
        'crs : auto, EPSG:4326, EPSG:2154 ou EPSG:3950.',
      ),
    ),
  },
  'Paramètre inconnu : kind, mode, name, crs.',
);

/** valibot issues → `{ "properties.date": "…" }` (first message per path). */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join('.') || '(corps)';
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * Our own encoding of the CNIG "Friches" standard, TableSchema v1.0.6 (https://github.com/cnigfr/schema-friches).
 * Written from the standard's documentation; a unit test checks that field names, required flags and
 * enumerations agree with the published schema.json. The published patterns are rewritten here as per-item
 * rules (several contain back-references that only make sense in the validator they were written for).
 */

export type CnigValueType =
  /** free text */
  | 'string'
  /** whole number, written without separators */
  | 'integer'
  /** calendar date, ISO 8601 `AAAA-MM-JJ` in the standard (`JJ/MM/AAAA` accepted from Cartofriches) */
  | 'date'
  /** a year `AAAA` (the standard's `date` with format `%Y`) */
  | 'year'
  /** WKT POINT */
  | 'wktPoint'
  /** WKT POLYGON or MULTIPOLYGON */
  | 'wktSurface';

export interface CnigField {
  name: string;
  /** The standard's French title, used in validation messages. */
  title: string;
  type: CnigValueType;
  required: boolean;
  /** Several values separated by `|` (each checked against `enum` / `itemPattern`). */
  multiple?: boolean;
  /** Allowed values (of each item when `multiple`). */
  enum?: readonly string[];
  /** Rule each item must match (whole item). */
  itemPattern?: RegExp;
  /** Human description of `itemPattern`, for messages. */
  patternHint?: string;
}

const URL_ITEM = /^https?:\/\/[^|\s]+$/;
const EMAIL = /^[\w.-]+@([\w-]+\.)+[\w-]{2,}$/;

export const SITE_TYPES = [
  'friche industrielle',
  'friche commerciale',
  'friche hospitalière',
  'friche agro-industrielle',
  'friche carrière ou mine',
  'friche militaire',
  "friche d'habitat",
  "friche d'équipement public",
  'friche portuaire',
  'friche aéroportuaire',
  'friche ferroviaire',
  'friche logistique',
  'friche loisir tourisme hôtellerie',
  'friche enseignement',
  'friche cultuelle',
  'mixte - dominante habitat',
  'mixte - autre',
  'inconnu',
  'autre',
  'sans objet',
] as const;

/** Values every CNIG enumeration ends with; for scoring they carry no information. */
const UNKNOWN = ['inconnu', 'autre', 'sans objet'] as const;

export const SITE_STATUSES = [
  'friche potentielle',
  'friche sans projet',
  'friche avec projet',
  'friche reconvertie',
  ...UNKNOWN,
] as const;

export const SOIL_POLLUTION = [
  'pollution inexistante',
  'pollution traitée',
  'pollution peu probable',
  'pollution supposée',
  'pollution avérée',
  ...UNKNOWN,
] as const;

export const ZONE_TYPES = ['U', 'AUc', 'AUs', 'A', 'N', 'Zc', 'ZCa', 'ZnC', 'RNU', ...UNKNOWN] as const;

export const BUILDING_VACANCY = ['occupé', 'partiellement occupé', 'vacant', ...UNKNOWN] as const;

export const BUILDING_HERITAGE = [
  'aucun',
  "présence d'un bâtiment d'intérêt",
  "présence d'un bâtiment classé",
  ...UNKNOWN,
] as const;

export const BUILDING_CONDITION = [
  'dégradation inexistante ou faible',
  'dégradation moyenne',
  'dégradation très importante',
  'dégradation hétérogène',
  ...UNKNOWN,
] as const;

export const OWNER_PERSON = ['personne physique', 'personne morale', ...UNKNOWN] as const;

export const CNIG_FRICHES_FIELDS: readonly CnigField[] = [
  { name: 'site_id', title: 'identifiant du site', type: 'string', required: true },
  { name: 'site_nom', title: 'nom du site', type: 'string', required: true },
  { name: 'site_type', title: 'type de site', type: 'string', required: true, enum: SITE_TYPES },
  { name: 'site_adresse', title: 'adresse du site', type: 'string', required: false },
  { name: 'site_identif_date', title: "date d'identification du site", type: 'date', required: true },
  { name: 'site_actu_date', title: 'date de dernière actualisation', type: 'date', required: true },
  {
    name: 'site_url',
    title: 'URL du site',
    type: 'string',
    required: false,
    multiple: true,
    itemPattern: URL_ITEM,
    patternHint: 'URL http(s), plusieurs séparées par « | »',
  },
  {
    name: 'site_ademe_url',
    title: "URL de la fiche de l'ADEME",
    type: 'string',
    required: false,
    itemPattern: URL_ITEM,
    patternHint: 'une URL http(s)',
  },
  {
    name: 'site_securite',
    title: 'type de sécurisation',
    type: 'string',
    required: false,
    enum: [
      'évacuation des produits dangereux et déchets présents sur le site',
      "interdictions ou limitations d'accès au site",
      "suppression des risques d'incendie et d'explosion",
      "surveillance des effets de l'installation sur son environnement",
      'mesures de gestion de pollution ou restrictions temporaires',
      "existence d'une attestation de mise en sécurité",
      ...UNKNOWN,
    ],
  },
  {
    name: 'site_occupation',
    title: 'occupation du site',
    type: 'string',
    required: false,
    enum: [
      'totalement inoccupé',
      'partiellement inoccupé',
      'occupation transitoire ou temporaire',
      'occupation illicite supposée',
      'occupation illicite avérée',
      ...UNKNOWN,
    ],
  },
  { name: 'site_statut', title: 'statut du site', type: 'string', required: false, enum: SITE_STATUSES },
  {
    name: 'site_projet_url',
    title: "site web d'un éventuel projet sur le site",
    type: 'string',
    required: false,
    itemPattern: new RegExp(`(${URL_ITEM.source})|(${EMAIL.source})`),
    patternHint: 'une URL http(s) ou une adresse électronique',
  },
  { name: 'site_reconv_annee', title: "année d'achèvement de reconversion", type: 'year', required: false },
  {
    name: 'site_reconv_type',
    title: 'type de reconversion',
    type: 'string',
    required: false,
    enum: [
      'habitat',
      'bureau',
      'commerce',
      'industrie',
      'autres activités économiques',
      'équipement public',
      "aménagement d'espace public",
      'renaturation',
      'panneaux photovoltaïques',
      'énergie, hors photovoltaïque',
      'mixte',
      ...UNKNOWN,
    ],
  },
  {
    name: 'activite_libelle',
    title: 'libellé des activités',
    type: 'string',
    required: false,
    multiple: true,
  },
  {
    name: 'activite_code',
    title: 'code BASIAS des activités',
    type: 'string',
    required: false,
    multiple: true,
    itemPattern: /^[A-Z]\d\d\.\d\d[A-Z]$/,
    patternHint: 'code NAF de la forme B05.10Z, plusieurs séparés par « | »',
  },
  { name: 'activite_fin_annee', title: "année de fin d'activité", type: 'year', required: false },
  { name: 'comm_nom', title: 'nom de la commune', type: 'string', required: true },
  { name: 'comm_insee', title: 'code INSEE de la commune', type: 'string', required: true },
  {
    name: 'bati_type',
    title: 'type de bâtiments',
    type: 'string',
    required: false,
    multiple: true,
    enum: ['industriel', 'commercial', 'résidentiel', 'secteur tertiaire', ...UNKNOWN],
  },
  { name: 'bati_nombre', title: 'nombre de bâtiments', type: 'integer', required: false },
  { name: 'bati_surface', title: 'surface des bâtiments', type: 'integer', required: false },
  {
    name: 'bati_pollution',
    title: 'pollution connue',
    type: 'string',
    required: false,
    enum: ['amiante', 'plomb', ...UNKNOWN],
  },
  { name: 'bati_vacance', title: 'état de vacance', type: 'string', required: false, enum: BUILDING_VACANCY },
  {
    name: 'bati_patrimoine',
    title: 'présence de bâti patrimonial',
    type: 'string',
    required: false,
    enum: BUILDING_HERITAGE,
  },
  {
    name: 'bati_etat',
    title: 'dégradation des bâtiment',
    type: 'string',
    required: false,
    enum: BUILDING_CONDITION,
  },
  { name: 'local_ancien_annee', title: 'première année de construction', type: 'year', required: false },
  { name: 'local_recent_annee', title: 'dernière année de construction', type: 'year', required: false },
  {
    name: 'proprio_type',
    title: 'type de propriétaire',
    type: 'string',
    required: false,
    multiple: true,
    itemPattern: /^[A-Z]\d[a-z]$/,
    patternHint: 'code de personne morale de la forme P4a, plusieurs séparés par « | »',
  },
  {
    name: 'proprio_personne',
    title: 'type de personne',
    type: 'string',
    required: false,
    multiple: true,
    enum: OWNER_PERSON,
  },
  { name: 'proprio_nom', title: 'nom du propriétaire', type: 'string', required: false, multiple: true },
  { name: 'sol_pollution_annee', title: 'année de la pollution du sol', type: 'year', required: false },
  {
    name: 'sol_pollution_existe',
    title: 'existence de pollution du sol',
    type: 'string',
    required: false,
    enum: SOIL_POLLUTION,
  },
  {
    name: 'sol_pollution_origine',
    title: 'origine de la pollution du sol',
    type: 'string',
    required: false,
    enum: [
      'dépôt de déchets, stockages de produits',
      "pollution due au fonctionnement de l'installation",
      'origine accidentelle (transport, transbordement, manipulation,...)',
      'retombées atmosphériques',
      ...UNKNOWN,
    ],
  },
  {
    name: 'sol_pollution_commentaire',
    title: 'commentaire sur la pollution du sol',
    type: 'string',
    required: false,
  },
  {
    name: 'sol_depollution_fiche',
    title: 'fiche de dépollution',
    type: 'string',
    required: false,
    itemPattern: URL_ITEM,
    patternHint: 'une URL http(s)',
  },
  { name: 'unite_fonciere_surface', title: "surface de l'unité foncière", type: 'integer', required: false },
  {
    name: 'unite_fonciere_refcad',
    title: 'liste des parcelles cadastrales',
    type: 'string',
    required: false,
    multiple: true,
    // département (2 chars, 2A/2B for Corsica) + commune (3) + préfixe (3) + section (2) + numéro (4)
    itemPattern: /^[0-9AB]{2}\d{6}[0-9A-Z]{2}\d{4}$/,
    patternHint:
      'identifiant de parcelle sur 14 caractères (ex. 62160000AE0261), plusieurs séparés par « | »',
  },
  {
    name: 'urba_zone_type',
    title: "type de zone d'urbanisme",
    type: 'string',
    required: false,
    enum: ZONE_TYPES,
  },
  { name: 'urba_zone_lib', title: "libellé de la zone d'urbanisme", type: 'string', required: false },
  { name: 'urba_zone_formdomi', title: 'forme dominante de la zone', type: 'string', required: false },
  {
    name: 'urba_zaer',
    title: "situation en zone d'accélération des énergies renouvelables",
    type: 'string',
    required: true,
    enum: ['oui', 'non', 'inconnu'],
  },
  {
    name: 'urba_doc_type',
    title: "type de document d'urbanisme",
    type: 'string',
    required: false,
    enum: ['RNU', 'CC', 'PLU', 'PLUI', 'PSMV', ...UNKNOWN],
  },
  {
    name: 'desserte_distance',
    title: "distances d'accès aux réseaux",
    type: 'string',
    required: false,
    itemPattern: /^\d+\|\d+\|\d+$/,
    patternHint: 'trois distances entières séparées par « | » (routier|ferroviaire|fluvial ou maritime)',
  },
  { name: 'desserte_commentaire', title: 'desserte du site', type: 'string', required: false },
  { name: 'source_nom', title: 'nom de la source', type: 'string', required: true },
  { name: 'source_url', title: 'URL de la source', type: 'string', required: false },
  { name: 'source_producteur', title: 'identification du producteur', type: 'string', required: false },
  { name: 'source_contact', title: 'adresse mail', type: 'string', required: false },
  { name: 'geompoint', title: 'coordonnées du centroïde', type: 'wktPoint', required: true },
  { name: 'geomsurf', title: 'géométrie surfacique', type: 'wktSurface', required: false },
];

export type CnigFieldName = (typeof CNIG_FRICHES_FIELDS)[number]['name'];

export const CNIG_FRICHES_SCHEMA = {
  name: 'schema-friches',
  title: 'Standard CNIG Friches',
  version: 'v1.0.6',
  primaryKey: 'site_id',
  /** Cells the standard treats as "no value". */
  missingValues: ['', 'NA', 'NaN', 'N/A'] as readonly string[],
  /** Separator of multi-valued cells. */
  multiValueSeparator: '|',
  fields: CNIG_FRICHES_FIELDS,
} as const;

const BY_NAME = new Map(CNIG_FRICHES_FIELDS.map((f) => [f.name, f]));

export function cnigField(name: string): CnigField | undefined {
  return BY_NAME.get(name);
}

export function isMissingValue(cell: string | null | undefined): boolean {
  return cell === null || cell === undefined || CNIG_FRICHES_SCHEMA.missingValues.includes(cell.trim());
}

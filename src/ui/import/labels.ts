import { CRS_CODES, CRS_LABELS } from '../../io/crs/defs.ts';
import type { FileFormat } from '../../io/import/source.ts';
import type { ColumnMapping, CrsCode, TextEncoding } from '../../io/types.ts';

export const ACCEPTED_FILES = '.csv,.txt,.tsv,.json,.geojson,.zip,.gpkg';

export const FORMAT_LABELS: Record<FileFormat, string> = {
  csv: 'CSV (texte délimité)',
  geojson: 'GeoJSON',
  shapefile: 'Shapefile zippé',
  geopackage: 'GeoPackage (QGIS)',
};

export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (ANSI, Excel)',
};

const DELIMITER_LABELS: Record<string, string> = {
  ';': '« ; » point-virgule',
  ',': '« , » virgule',
  '\t': 'tabulation',
  '|': '« | » barre verticale',
};

export const delimiterLabel = (delimiter: string) => DELIMITER_LABELS[delimiter] ?? `« ${delimiter} »`;

export type CrsChoice = 'auto' | CrsCode;

export const CRS_CHOICES: readonly { value: CrsCode; label: string }[] = CRS_CODES.map((value) => ({
  value,
  label: CRS_LABELS[value],
}));

export const crsLabel = (crs: CrsCode) => CRS_LABELS[crs];

/** Labels of the mapping selects, in display order. */
export const MAPPING_FIELDS: readonly { key: keyof ColumnMapping; label: string; hint: string }[] = [
  { key: 'id', label: 'Identifiant', hint: 'unique par ligne ; doublons rejetés' },
  { key: 'x', label: 'X / longitude', hint: 'avec Y' },
  { key: 'y', label: 'Y / latitude', hint: 'avec X' },
  { key: 'wkt', label: 'Géométrie WKT', hint: 'POINT, POLYGON… à la place de X/Y' },
  { key: 'insee', label: 'Code INSEE', hint: 'commune, si pas de coordonnées' },
  {
    key: 'commune',
    label: 'Nom de la commune',
    hint: 'sans code INSEE : « Boulogne sur mer », « St Léonard »',
  },
  {
    key: 'postcode',
    label: 'Code postal',
    hint: 'départage les homonymes ; jamais à la place du code INSEE',
  },
];

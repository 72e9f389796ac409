import type { CommuneIndex } from '../../geo/communeIndex.ts';
import { type CommuneResolver, createCommuneResolver } from '../communes.ts';
import type { ColumnMapping } from '../types.ts';
import type { SourceRows } from './source.ts';
import type { RowErrors } from './stages.ts';

const resolvers = new WeakMap<CommuneIndex, CommuneResolver | null>();

/** The name / postcode resolver of a commune layer; null when the layer carries no names (server index). */
export function resolverOf(communes: CommuneIndex | null): CommuneResolver | null {
  if (!communes?.names) return null;
  let resolver = resolvers.get(communes);
  if (resolver === undefined) {
    const { codes, names, postcodes } = communes;
    resolver = createCommuneResolver(
      codes.map((insee, i) => ({ insee, name: names![i]!, postcodes: postcodes?.[i] ?? [] })),
    );
    resolvers.set(communes, resolver);
  }
  return resolver;
}

/** Every value of a column (the postcode check looks at distinct values, bounded by the resolver). */
function* valuesOf(source: SourceRows, name: string): Generator<string | null> {
  const column = source.columns.get(name)!;
  for (let i = 0; i < source.count; i++) yield column.get(i);
}

/** The file-level refusal of an INSEE column holding postcodes of the territory (null when fine). */
export function postcodeColumnProblem(
  source: SourceRows,
  mapping: ColumnMapping,
  resolver: CommuneResolver | null,
): string | null {
  if (!resolver || !mapping.insee) return null;
  return resolver.postcodeColumnProblem(valuesOf(source, mapping.insee), mapping.insee);
}

const rowList = (rows: number[]) =>
  `${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ` … et ${(rows.length - 5).toLocaleString('fr-FR')} autres` : ''}`;

/**
 * Rows without coordinates located by INSEE code, commune name and/or postcode (src/io/communes.ts): the
 * code of each row's commune, null for a well-formed code outside the territory (kept, flagged); rows whose
 * code and name disagree, unknown names (with the closest ones) and shared postcodes are rejected.
 */
export function locateByCommune(
  source: SourceRows,
  mapping: ColumnMapping,
  resolver: CommuneResolver,
  errors: RowErrors,
  warnings: string[],
): (string | null)[] {
  const column = (name: string | null) => (name ? source.columns.get(name)! : null);
  const insee = column(mapping.insee);
  const name = column(mapping.commune);
  const postcode = column(mapping.postcode);
  const codes = new Array<string | null>(source.count).fill(null);
  const noted: number[] = [];
  let byName = 0;
  let byPostcode = 0;
  let padded = 0;
  for (let i = 0; i < source.count; i++) {
    if (errors.flags[i]) continue;
    const code = insee?.get(i) ?? null;
    if (code && /^\d{4}$/.test(code.trim())) padded++;
    const match = resolver.resolve(code, name?.get(i) ?? null, postcode?.get(i) ?? null);
    if (!match.ok) {
      if (!match.outside) errors.reject(i, match.reason);
      continue;
    }
    codes[i] = match.insee;
    if (match.via === 'name') byName++;
    else if (match.via === 'postcode') byPostcode++;
    if (match.note) noted.push(source.rowNumber[i]!);
  }
  const n = (count: number) => count.toLocaleString('fr-FR');
  if (byName > 0 || byPostcode > 0) {
    const lines = (count: number) => `${n(count)} ${count > 1 ? 'lignes rattachées' : 'ligne rattachée'}`;
    const parts = [
      byName > 0 ? `${lines(byName)} à leur commune par son nom` : '',
      byPostcode > 0
        ? `${lines(byPostcode)} à leur commune par le code postal (seule commune du territoire à l’avoir)`
        : '',
    ].filter(Boolean);
    warnings.push(`${parts.join(' ; ')}.`);
  }
  if (noted.length > 0) {
    warnings.push(
      `${n(noted.length)} ${noted.length > 1 ? 'lignes dont le code postal ne correspond' : 'ligne dont le code postal ne correspond'} pas à la commune nommée (commune retenue d’après son nom) : ${noted.length > 1 ? 'lignes' : 'ligne'} ${rowList(noted)}.`,
    );
  }
  if (padded > 0) {
    warnings.push(
      `${n(padded)} ${padded > 1 ? 'codes INSEE à 4 chiffres' : 'code INSEE à 4 chiffres'} (zéro initial perdu par un tableur, ex. 1004 → 01004) : complété par un 0.`,
    );
  }
  return codes;
}

/**
 * Checks a .shp file's records before shpjs parses them: every record must fit in the file, parts and
 * points must fit in their record, and ring counts are capped (shpjs nests rings pairwise: 200,000 rings in
 * one polygon ran for minutes). Returns a French reason, or null when shpjs may parse the file.
 */
const SHAPE_TYPES = new Set([0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28]);
/** Types whose content is bbox + numParts + numPoints + parts + points (polyline, polygon, with Z / M). */
const WITH_PARTS = new Set([3, 5, 13, 15, 23, 25]);

export const MAX_RINGS_PER_SHAPE = 10_000;
/** Sum over records of parts²: what ring nesting costs. */
export const MAX_RING_WORK = 200_000_000;

const int = new Intl.NumberFormat('fr-FR');

export function checkShp(bytes: Uint8Array): string | null {
  if (bytes.length < 100) return 'Fichier .shp incohérent : trop court pour un en-tête de shapefile.';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getInt32(32, true);
  if (!SHAPE_TYPES.has(type)) return `Fichier .shp de type de géométrie inconnu (${type}).`;
  let work = 0;
  let record = 0;
  for (let p = 100; p + 8 <= bytes.length; ) {
    record++;
    const length = view.getInt32(p + 4) * 2;
    if (length < 0 || p + 8 + length > bytes.length) break; // shpjs stops at a truncated record, as before
    if (length >= 4) {
      const shape = view.getInt32(p + 8, true);
      if (shape !== 0 && !SHAPE_TYPES.has(shape))
        return `Fichier .shp incohérent : forme ${record} de type inconnu (${shape}).`;
      if (WITH_PARTS.has(shape)) {
        if (length < 44) return `Fichier .shp incohérent : forme ${record} tronquée.`;
        const parts = view.getInt32(p + 44, true);
        const points = view.getInt32(p + 48, true);
        if (parts < 0 || points < 0 || 44 + 4 * parts + 16 * points > length) {
          return `Fichier .shp incohérent : la forme ${record} annonce ${int.format(parts)} parties et ${int.format(points)} points, plus que ses ${int.format(length)} octets.`;
        }
        if (parts > MAX_RINGS_PER_SHAPE) {
          return `La forme ${record} du .shp compte ${int.format(parts)} anneaux : au plus ${int.format(MAX_RINGS_PER_SHAPE)} par forme sont acceptés. Simplifiez la géométrie avant l’import.`;
        }
        work += parts * parts;
        if (work > MAX_RING_WORK) {
          return `Le .shp compte trop d’anneaux par forme pour être importé sans bloquer (forme ${record}). Simplifiez les géométries avant l’import.`;
        }
      }
    }
    p += 8 + length;
  }
  return null;
}

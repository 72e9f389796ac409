import { areasNear } from '../context.ts';
import { pointInArea } from '../geo.ts';
import { type Criterion, categorical } from './criterion.ts';

const base = categorical({
  id: 'zoning',
  label: 'Zonage d’urbanisme',
  description:
    'Type de zone du document d’urbanisme (urba_zone_type, nomenclature CNIG PLU ; à défaut, le champ ' +
    'typezone de la zone du PLU qui contient le point, couche « Zones urbaines » issue du Géoportail de ' +
    'l’Urbanisme) : les zones urbaines (U) ' +
    'et à urbaniser ouvertes (AUc) ou constructibles de carte communale (Zc) sont favorables ; agricoles (A) ' +
    'et naturelles (N) défavorables à une construction. Pour la renaturation, l’ordre s’inverse : une zone N ' +
    'ou A consacre déjà la vocation naturelle ou agricole du terrain, une zone U le destine à construire. Sans valeur dans le fichier mais avec une couche ' +
    '« Zones urbaines », un point situé dans une zone urbaine compte comme U.',
  weight: 2,
  levels: [
    { value: 'U', score: 1, renaturation: 0 },
    { value: 'AUc', score: 0.8, renaturation: 0.2 },
    { value: 'Zc', score: 0.8, renaturation: 0.2 },
    { value: 'ZCa', score: 0.7, renaturation: 0.3 },
    { value: 'AUs', score: 0.5, renaturation: 0.4 },
    { value: 'RNU', score: 0.5, renaturation: 0.4 },
    { value: 'ZnC', score: 0.2, renaturation: 0.8 },
    { value: 'A', score: 0.1, renaturation: 0.9 },
    { value: 'N', score: 0, renaturation: 1 },
  ],
  read: (site) => site.zoneType,
});

/** GPU `typezone` (U, AUc, AUs, A, N; any case) → CNIG level index; null for values outside the nomenclature. */
export function levelOfTypezone(typezone: string): number | null {
  const t = typezone.trim().toUpperCase();
  const value =
    t === 'U' ? 'U' : t === 'AUC' ? 'AUc' : t === 'AUS' ? 'AUs' : t === 'A' ? 'A' : t === 'N' ? 'N' : null;
  return value === null ? null : base.levels!.indexOf(value);
}

export const zoningCriterion = {
  ...base,
  evaluate: (site, ctx) => {
    const fromField = base.evaluate(site, ctx);
    if (fromField !== null || !ctx.urbanZones) return fromField;
    const zones = ctx.urbanZones;
    const p = site.point.coordinates;
    const inside = areasNear(zones, [p[0]!, p[1]!, p[0]!, p[1]!]).find((i) =>
      pointInArea(p, zones.geometries[i]!),
    );
    if (inside === undefined) {
      // Outside an urban-zones layer tells U from not-U only: AU, A and N cannot be told apart (unknown).
      return null;
    }
    // A full PLU zoning says which zone; a layer of urban zones only (no typezone) means U.
    const type = zones.zoneTypes[inside];
    return type ? levelOfTypezone(type) : 0;
  },
} satisfies Criterion;

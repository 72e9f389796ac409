import type { CommuneCollection } from '../territory/types.ts';

/** Territory lookups the lighting module needs, built once from the communes layer. */
export interface LightsContext {
  /** INSEE → EPCI SIREN. */
  epciOf: ReadonlyMap<string, string>;
  /** INSEE → commune name. */
  communeName: ReadonlyMap<string, string>;
  /** SIREN → EPCI name. */
  epciName: ReadonlyMap<string, string>;
}

export function lightsContext(communes: CommuneCollection): LightsContext {
  const epciOf = new Map<string, string>();
  const communeName = new Map<string, string>();
  const epciName = new Map<string, string>();
  for (const { properties: p } of communes.features) {
    epciOf.set(p.insee, p.epciSiren);
    communeName.set(p.insee, p.name);
    epciName.set(p.epciSiren, p.epciName);
  }
  return { epciOf, communeName, epciName };
}

export const OUTSIDE_TERRITORY_LABEL = 'hors du territoire';

/** The commune a point is shown with: its name, or « hors du territoire » for a kept outside point. */
export function pointCommuneLabel(
  point: { insee: string; outsideTerritory?: true },
  communeName: ReadonlyMap<string, string>,
): string {
  if (point.outsideTerritory) return OUTSIDE_TERRITORY_LABEL;
  return communeName.get(point.insee) ?? point.insee;
}

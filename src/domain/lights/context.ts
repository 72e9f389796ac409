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

import type { EpciReference } from './build.ts';

/** Shapes of the records of @etalab/decoupage-administratif (data/epci.json, data/communes.json) we rely on. */
export interface EtalabEpci {
  code: string;
  nom: string;
  membres: { code: string; nom: string }[];
}
export interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  population?: number;
  codesPostaux?: string[];
}

/** Member communes and legal populations of the given EPCI, in configuration order; missing SIRENs are errors. */
export function epciReferences(
  sirens: string[],
  epcis: EtalabEpci[],
  communes: EtalabCommune[],
): { ok: true; epci: EpciReference[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const population = new Map<string, number>();
  const postcodes = new Map<string, string[]>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle') continue;
    population.set(c.code, c.population ?? 0);
    postcodes.set(c.code, [...(c.codesPostaux ?? [])].sort());
  }
  const result: EpciReference[] = [];
  for (const siren of sirens) {
    const epci = epcis.find((e) => e.code === siren);
    if (!epci) {
      errors.push(`EPCI ${siren} introuvable dans @etalab/decoupage-administratif.`);
      continue;
    }
    result.push({
      siren,
      name: epci.nom,
      members: epci.membres.map((m) => ({
        insee: m.code,
        name: m.nom,
        population: population.get(m.code) ?? 0,
        postcodes: postcodes.get(m.code) ?? [],
      })),
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, epci: result };
}

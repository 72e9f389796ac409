import type pg from 'pg';
import type { CommuneCollection, EpciCollection } from '../../domain/territory/types.ts';

/**
 * Upserts the territory (EPCI, then communes) from the built territory data, the same files the app loads.
 * Run by `atlas db migrate`; safe to repeat.
 */
export async function seedTerritory(
  client: pg.ClientBase,
  territory: { communes: CommuneCollection; epci: EpciCollection },
): Promise<{ epci: number; communes: number }> {
  const epci = territory.epci.features.map((f) => ({
    siren: f.properties.siren,
    name: f.properties.name,
    geom: f.geometry,
  }));
  const communes = territory.communes.features.map((f) => ({
    insee: f.properties.insee,
    name: f.properties.name,
    epci: f.properties.epciSiren,
    population: f.properties.population,
    area: f.properties.areaKm2,
    geom: f.geometry,
  }));
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO atlas.epci (siren, name, geom)
       SELECT e->>'siren', e->>'name', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(e->'geom'), 4326))
       FROM jsonb_array_elements($1::jsonb) e
       ON CONFLICT (siren) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom`,
      [JSON.stringify(epci)],
    );
    await client.query(
      `INSERT INTO atlas.communes (insee, name, epci_siren, population, area_km2, geom)
       SELECT c->>'insee', c->>'name', c->>'epci', (c->>'population')::integer, (c->>'area')::float8,
         ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(c->'geom'), 4326))
       FROM jsonb_array_elements($1::jsonb) c
       ON CONFLICT (insee) DO UPDATE SET name = EXCLUDED.name, epci_siren = EXCLUDED.epci_siren,
         population = EXCLUDED.population, area_km2 = EXCLUDED.area_km2, geom = EXCLUDED.geom`,
      [JSON.stringify(communes)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return { epci: epci.length, communes: communes.length };
}

/**
 * Builds the territory dataset (communes, EPCI and territory outlines, commune centres, metadata) from:
 * COMMUNES_SOURCE (file path or URL) → cached previous download → official live API (geo.api.gouv.fr).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { buildTerritory } from '../src/domain/territory/build.ts';
import { type EtalabCommune, type EtalabEpci, epciReferences } from '../src/domain/territory/etalab.ts';
import type { TerritoryConfig, TerritoryMeta } from '../src/domain/territory/types.ts';
import { CACHE_DIR, GENERATED_DIR, TERRITORY_CONFIG } from './lib/paths.ts';

const require = createRequire(import.meta.url);
const LIVE_API = (siren: string) =>
  `https://geo.api.gouv.fr/epcis/${siren}/communes?format=geojson&geometry=contour`;
const CACHE_FILE = resolve(CACHE_DIR, 'communes-source.geojson');
const LICENCE = 'Licence Ouverte / Open Licence 2.0 (Etalab) — contours IGN Admin Express, COG INSEE';

interface LoadedSource {
  collection: FeatureCollection;
  label: string;
  fingerprint: string;
}

async function fetchJson(url: string, timeoutMs = 20_000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status} pour ${url}`);
  return response.json();
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function parseStamp(text: string): { config: string; source: string | null } | null {
  try {
    const value = JSON.parse(text) as { config?: unknown; source?: unknown };
    if (typeof value.config !== 'string') return null;
    return { config: value.config, source: typeof value.source === 'string' ? value.source : null };
  } catch {
    return null;
  }
}

async function loadSource(config: TerritoryConfig): Promise<LoadedSource> {
  const given = process.env.COMMUNES_SOURCE?.trim();
  if (given) {
    if (/^https?:\/\//i.test(given)) {
      const collection = (await fetchJson(given)) as FeatureCollection;
      return { collection, label: given, fingerprint: sha(JSON.stringify(collection)) };
    }
    const path = resolve(process.cwd(), given);
    if (!existsSync(path)) throw new Error(`COMMUNES_SOURCE désigne un fichier introuvable : ${path}`);
    const text = await readFile(path, 'utf8');
    return {
      collection: JSON.parse(text) as FeatureCollection,
      label: `fichier local ${given}`,
      fingerprint: sha(text),
    };
  }
  if (existsSync(CACHE_FILE)) {
    const text = await readFile(CACHE_FILE, 'utf8');
    return {
      collection: JSON.parse(text) as FeatureCollection,
      label: 'cache du téléchargement geo.api.gouv.fr',
      fingerprint: sha(text),
    };
  }
  const features: FeatureCollection['features'] = [];
  for (const siren of config.epci) {
    const fc = (await fetchJson(LIVE_API(siren))) as FeatureCollection;
    features.push(...fc.features);
  }
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const text = JSON.stringify(collection);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(CACHE_FILE, text);
  return { collection, label: 'geo.api.gouv.fr (API Découpage administratif)', fingerprint: sha(text) };
}

export async function buildTerritoryData(
  options: { force?: boolean; log?: (m: string) => void } = {},
): Promise<TerritoryMeta> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const configText = await readFile(TERRITORY_CONFIG, 'utf8');
  const config = JSON.parse(configText) as TerritoryConfig;
  const metaPath = resolve(GENERATED_DIR, 'territory.meta.json');
  const stampPath = resolve(GENERATED_DIR, 'territory.stamp');
  // The build is up to date when the configuration is unchanged and no other source is asked for: a later
  // `npm start` without COMMUNES_SOURCE keeps data built offline instead of trying the live API.
  const configStamp = sha(configText);
  const requestedSource = process.env.COMMUNES_SOURCE?.trim() || null;
  const wantedStamp = JSON.stringify({ config: configStamp, source: requestedSource });
  if (!options.force && existsSync(metaPath) && existsSync(stampPath)) {
    const stamp = parseStamp(await readFile(stampPath, 'utf8'));
    if (stamp?.config === configStamp && (requestedSource === null || stamp.source === requestedSource)) {
      log('Territoire déjà construit (données à jour).');
      return JSON.parse(await readFile(metaPath, 'utf8')) as TerritoryMeta;
    }
  }
  let source: LoadedSource;
  try {
    source = await loadSource(config);
  } catch (error) {
    throw new Error(
      `Impossible d'obtenir les contours des communes (${(error as Error).message}).\n` +
        'Hors ligne, indiquez un fichier GeoJSON de communes, par exemple :\n' +
        '  COMMUNES_SOURCE=../shared/data/communes-62-pas-de-calais.geojson npm start',
    );
  }
  const refs = epciReferences(
    config.epci,
    require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[],
    require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[],
  );
  if (!refs.ok) throw new Error(refs.errors.join('\n'));
  const built = buildTerritory(source.collection, refs.epci, config.name);
  if (!built.ok) throw new Error(`Construction du territoire impossible :\n- ${built.errors.join('\n- ')}`);
  const meta: TerritoryMeta = {
    name: config.name,
    contract: config.contract,
    source: source.label,
    licence: LICENCE,
    builtAt: new Date().toISOString(),
    communes: built.communes.features.length,
    population: built.communes.features.reduce((s, f) => s + f.properties.population, 0),
    epci: built.epci.features.map((f) => f.properties),
  };
  await mkdir(GENERATED_DIR, { recursive: true });
  await writeFile(resolve(GENERATED_DIR, 'communes.geojson'), JSON.stringify(built.communes));
  await writeFile(resolve(GENERATED_DIR, 'epci.geojson'), JSON.stringify(built.epci));
  await writeFile(resolve(GENERATED_DIR, 'territory.geojson'), JSON.stringify(built.outline));
  await writeFile(resolve(GENERATED_DIR, 'centres.geojson'), JSON.stringify(built.centres));
  await writeFile(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  await writeFile(stampPath, wantedStamp);
  log(
    `Territoire « ${meta.name} » construit : ${meta.communes} communes, ${meta.population} habitants (source : ${meta.source}).`,
  );
  return meta;
}

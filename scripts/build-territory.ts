/**
 * The territory dataset (communes, EPCI and territory outlines, commune centres, metadata) the app and CLI read
 * from public/data/generated/:
 * - by default, copied from the files committed under data/territory/ (works offline on a fresh clone);
 * - with COMMUNES_SOURCE (file path or URL), built from that source instead;
 * - with `--refresh`, rebuilt from COMMUNES_SOURCE or the official live API (geo.api.gouv.fr) and written back
 *   to data/territory/ (to be committed).
 * The sources are already generalised contours (geo.api.gouv.fr `contour`, IGN Admin Express); the build keeps
 * their shared vertices as they are, so neighbouring communes still meet exactly (about 120 KB in all).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { buildTerritory } from '../src/domain/territory/build.ts';
import { type EtalabCommune, type EtalabEpci, epciReferences } from '../src/domain/territory/etalab.ts';
import type { TerritoryConfig, TerritoryMeta } from '../src/domain/territory/types.ts';
import { CACHE_DIR, GENERATED_DIR, TERRITORY_CONFIG, TERRITORY_DATA_DIR } from './lib/paths.ts';

const require = createRequire(import.meta.url);
const LIVE_API = (siren: string) =>
  `https://geo.api.gouv.fr/epcis/${siren}/communes?format=geojson&geometry=contour`;
const CACHE_FILE = resolve(CACHE_DIR, 'communes-source.geojson');
const licence = (via: string) =>
  `Licence Ouverte 2.0 (Etalab) — contours IGN Admin Express via ${via} ; codes et populations légales INSEE (COG) via @etalab/decoupage-administratif`;
/** The files of a built territory, as committed under data/territory/ and served from public/data/generated/. */
export const TERRITORY_FILES = [
  'communes.geojson',
  'epci.geojson',
  'territory.geojson',
  'centres.geojson',
  'territory.meta.json',
] as const;

interface LoadedSource {
  collection: FeatureCollection;
  label: string;
  /** Where the IGN Admin Express contours came from, for the licence line. */
  via: string;
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

async function loadSource(config: TerritoryConfig, refresh: boolean): Promise<LoadedSource> {
  const given = process.env.COMMUNES_SOURCE?.trim();
  if (given) {
    if (/^https?:\/\//i.test(given)) {
      const collection = (await fetchJson(given)) as FeatureCollection;
      return { collection, label: given, via: given, fingerprint: sha(JSON.stringify(collection)) };
    }
    const path = resolve(process.cwd(), given);
    if (!existsSync(path)) throw new Error(`COMMUNES_SOURCE désigne un fichier introuvable : ${path}`);
    const text = await readFile(path, 'utf8');
    return {
      collection: JSON.parse(text) as FeatureCollection,
      label: `fichier local ${basename(given)}`,
      via: `le fichier ${basename(given)}`,
      fingerprint: sha(text),
    };
  }
  if (!refresh && existsSync(CACHE_FILE)) {
    const text = await readFile(CACHE_FILE, 'utf8');
    return {
      collection: JSON.parse(text) as FeatureCollection,
      label: 'cache du téléchargement geo.api.gouv.fr',
      via: 'geo.api.gouv.fr',
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
  return {
    collection,
    label: 'geo.api.gouv.fr (API Découpage administratif)',
    via: 'geo.api.gouv.fr',
    fingerprint: sha(text),
  };
}

async function readCommittedMeta(): Promise<TerritoryMeta | null> {
  const path = resolve(TERRITORY_DATA_DIR, 'territory.meta.json');
  if (!TERRITORY_FILES.every((f) => existsSync(resolve(TERRITORY_DATA_DIR, f)))) return null;
  return JSON.parse(await readFile(path, 'utf8')) as TerritoryMeta;
}

async function buildFromSource(
  config: TerritoryConfig,
  refresh: boolean,
  outDir: string,
): Promise<TerritoryMeta> {
  let source: LoadedSource;
  try {
    source = await loadSource(config, refresh);
  } catch (error) {
    throw new Error(
      `Impossible d'obtenir les contours des communes (${(error as Error).message}).\n` +
        'Hors ligne, indiquez un fichier GeoJSON de communes, par exemple :\n' +
        '  COMMUNES_SOURCE=../shared/data/communes-62-pas-de-calais.geojson npm run setup -- --refresh',
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
    licence: licence(source.via),
    builtAt: new Date().toISOString(),
    communes: built.communes.features.length,
    population: built.communes.features.reduce((s, f) => s + f.properties.population, 0),
    epci: built.epci.features.map((f) => f.properties),
  };
  await mkdir(outDir, { recursive: true });
  await writeFile(resolve(outDir, 'communes.geojson'), JSON.stringify(built.communes));
  await writeFile(resolve(outDir, 'epci.geojson'), JSON.stringify(built.epci));
  await writeFile(resolve(outDir, 'territory.geojson'), JSON.stringify(built.outline));
  await writeFile(resolve(outDir, 'centres.geojson'), JSON.stringify(built.centres));
  await writeFile(resolve(outDir, 'territory.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

export async function buildTerritoryData(
  options: { force?: boolean; refresh?: boolean; log?: (m: string) => void } = {},
): Promise<TerritoryMeta> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const configText = await readFile(TERRITORY_CONFIG, 'utf8');
  const config = JSON.parse(configText) as TerritoryConfig;
  const metaPath = resolve(GENERATED_DIR, 'territory.meta.json');
  const stampPath = resolve(GENERATED_DIR, 'territory.stamp');
  const committed = await readCommittedMeta();
  const configStamp = sha(configText);
  const requestedSource = process.env.COMMUNES_SOURCE?.trim() || null;
  // Without a source, the committed files are the source: their build date says when to copy them again.
  const wanted = {
    config: configStamp,
    source: requestedSource ?? (committed ? `data/territory@${committed.builtAt}` : null),
  };
  // Up to date when the configuration is unchanged and no other source is asked for: a later `npm start`
  // without COMMUNES_SOURCE keeps data built from a local source instead of replacing it.
  if (!options.force && !options.refresh && existsSync(metaPath) && existsSync(stampPath)) {
    const stamp = parseStamp(await readFile(stampPath, 'utf8'));
    const sameSource =
      stamp?.source === wanted.source ||
      (requestedSource === null && stamp?.source != null && !stamp.source.startsWith('data/territory@'));
    if (stamp?.config === configStamp && sameSource) {
      log('Territoire déjà construit (données à jour).');
      return JSON.parse(await readFile(metaPath, 'utf8')) as TerritoryMeta;
    }
  }
  let meta: TerritoryMeta;
  if (options.refresh) {
    meta = await buildFromSource(config, true, TERRITORY_DATA_DIR);
    log(`Données du territoire versionnées reconstruites dans data/territory/ (source : ${meta.source}).`);
    wanted.source = requestedSource ?? `data/territory@${meta.builtAt}`;
    await copyCommitted();
  } else if (requestedSource !== null || committed === null) {
    meta = await buildFromSource(config, false, GENERATED_DIR);
  } else {
    meta = committed;
    await copyCommitted();
  }
  await writeFile(stampPath, JSON.stringify(wanted));
  log(
    `Territoire « ${meta.name} » : ${meta.communes} communes, ${meta.population} habitants (source : ${meta.source}, construit le ${meta.builtAt.slice(0, 10)}).`,
  );
  return meta;
}

/** data/territory/ → public/data/generated/ (the app fetches, the CLI reads the latter). */
async function copyCommitted(): Promise<void> {
  await mkdir(GENERATED_DIR, { recursive: true });
  for (const file of TERRITORY_FILES) {
    await copyFile(resolve(TERRITORY_DATA_DIR, file), resolve(GENERATED_DIR, file));
  }
}

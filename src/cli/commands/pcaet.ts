/**
 * `atlas pcaet <project-file> [--indicator <id>] [--as-of yyyy-mm-dd] --json`
 *
 * The PCAET indicators of a project file exported by the app, with the figures the dashboard shows (panel
 * table « Chemin parcouru », map, exports), from the same computation (src/domain/pcaet/progress.ts):
 * `{"asOf","indicators":[{"id","name","unit","level","normalisation","baselineYear","period","places":[{"place",
 * "name","latest","baseline","target","shareTravelled"}]}]}` — `unit` as shown (« tCO₂e/hab. » per inhabitant),
 * `latest` the latest measured value at or before `asOf` (default today), `period` the years shown.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { localToday } from '../../domain/advice/dates.ts';
import {
  type PlaceProgress,
  pcaetProgress,
  placesOfLevel,
  shownUnit,
  yearsShown,
} from '../../domain/pcaet/progress.ts';
import type { PcaetIndicator, PcaetLevel } from '../../domain/pcaet/types.ts';
import { cleanPcaet } from '../../domain/pcaet/validate.ts';
import { readProject } from '../../schema/project.ts';
import { option, parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { loadTerritory } from '../territoryData.ts';

export interface PcaetSummary {
  asOf: string;
  indicators: {
    id: string;
    name: string;
    unit: string;
    level: PcaetLevel;
    normalisation: PcaetIndicator['normalisation'] | null;
    baselineYear: number | null;
    period: string;
    places: PlaceProgress[];
  }[];
}

const USAGE = 'Usage : atlas pcaet <fichier de projet> [--indicator <id>] [--as-of AAAA-MM-JJ] --json';

export async function run(args: string[]): Promise<PcaetSummary> {
  const { positional, options } = parseArgs(args);
  const file = positional[0];
  if (!file) throw new CliError(USAGE, 2);
  const asOf = option(options, 'as-of') ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new CliError(`Option --as-of : date attendue au format AAAA-MM-JJ (reçu « ${asOf} »).`, 2);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(process.cwd(), file));
  } catch {
    throw new CliError(`Fichier introuvable ou illisible : ${file}`);
  }
  const project = await readProject(bytes);
  if (!project.ok || !project.workspace) {
    throw new CliError(
      `Fichier de projet refusé : ${project.errors.map((e) => e.reason).join(' ; ') || 'illisible'}.`,
    );
  }
  const entry = project.workspace.sections.dashboard as { data?: Record<string, unknown> } | undefined;
  // The app's own restore rule: only well-formed indicators and values are kept.
  const { pcaetIndicators, pcaetValues } = cleanPcaet(entry?.data?.pcaetIndicators, entry?.data?.pcaetValues);
  const wanted = option(options, 'indicator');
  const indicators = wanted ? pcaetIndicators.filter((i) => i.id === wanted) : pcaetIndicators;
  if (wanted && indicators.length === 0) {
    throw new CliError(
      `Indicateur PCAET inconnu : « ${wanted} » (indicateurs du fichier : ${pcaetIndicators.map((i) => i.id).join(', ') || 'aucun'}).`,
      2,
    );
  }
  const territory = loadTerritory();
  const communes = territory.communes.features.map((f) => f.properties);
  const names = {
    epci: new Map(territory.meta.epci.map((e) => [e.siren, e.name])),
    territory: territory.meta.name,
  };
  return {
    asOf,
    indicators: indicators.map((indicator) => {
      const places = pcaetProgress(
        indicator,
        pcaetValues,
        placesOfLevel(indicator.level, communes, names),
        asOf,
      );
      return {
        id: indicator.id,
        name: indicator.name,
        unit: shownUnit(indicator),
        level: indicator.level,
        normalisation: indicator.normalisation ?? null,
        baselineYear: indicator.baselineYear ?? null,
        period: yearsShown(places),
        places,
      };
    }),
  };
}

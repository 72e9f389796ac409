import { lightsContext } from '../../domain/lights/context.ts';
import { DEFAULT_LIGHTING_SETTINGS } from '../../domain/lights/energy.ts';
import { mapLights } from '../../domain/lights/mapping.ts';
import { computeProgress } from '../../domain/lights/progress.ts';
import { type LightsSummary, summarizeLights } from '../../domain/lights/summary.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { agree } from '../../lib/plural.ts';
import { crsOption, parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { readInputFile } from '../input.ts';
import { loadTerritory } from '../territoryData.ts';

const USAGE = 'atlas lights <fichier> [--crs auto|EPSG:…] --json';
const SHOWN_ERRORS = 20;
const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 0 });

export async function run(args: string[]): Promise<LightsSummary> {
  const { positional, options } = parseArgs(args);
  const file = positional[0];
  if (!file) throw new CliError(`Indiquez le fichier d'inventaire de l'éclairage public : ${USAGE}`, 2);
  const crs = crsOption(options);

  const { path, bytes } = readInputFile(file);

  const territory = loadTerritory();
  const result = await importFile(bytes, {
    kind: 'lights',
    fileName: path,
    crs,
    communes: buildCommuneIndex(territory.communes),
  });
  const mapped = mapLights(result);
  if (!mapped.ok) throw new CliError(mapped.errors[0]?.reason ?? 'Import impossible.');

  const err = (line: string) => process.stderr.write(`${line}\n`);
  for (const warning of mapped.warnings) err(`Avertissement : ${warning}`);
  err(
    `${fr(mapped.rows)} ${agree(mapped.rows, 'ligne lue', 'lignes lues')} : ${fr(mapped.points.length)} ${agree(mapped.points.length, 'point lumineux retenu', 'points lumineux retenus')} dont ${fr(mapped.outsideTerritory)} hors du territoire (conservés, non comptés), ${fr(mapped.errors.length)} ${agree(mapped.errors.length, 'ligne rejetée', 'lignes rejetées')}.`,
  );
  for (const e of mapped.errors.slice(0, SHOWN_ERRORS)) err(`  ligne ${e.row} : ${e.reason}`);
  if (mapped.errors.length > SHOWN_ERRORS)
    err(
      `  … et ${fr(mapped.errors.length - SHOWN_ERRORS)} ${agree(mapped.errors.length - SHOWN_ERRORS, 'autre', 'autres')}.`,
    );

  const context = lightsContext(territory.communes);
  const contract = territory.meta.contract;
  const { contract: c } = computeProgress(mapped.points, DEFAULT_LIGHTING_SETTINGS, contract, context);
  err(
    `Objectifs du contrat (travaux du ${c.period.start} au ${c.period.end}) : facteur 4 ${fr(c.gauges.factor4.counted)}/${fr(c.gauges.factor4.target)}, facteur 2 ${fr(c.gauges.factor2.counted)}/${fr(c.gauges.factor2.target)}, total ${fr(c.gauges.total.counted)}/${fr(c.gauges.total.target)}${c.targetsMet ? ' — objectifs atteints' : ''} ; ${fr(c.outsidePeriod)} ${agree(c.outsidePeriod, 'point rénové', 'points rénovés')} hors période, ${fr(c.undated)} sans date.`,
  );
  return summarizeLights(mapped.points, DEFAULT_LIGHTING_SETTINGS, contract, context);
}

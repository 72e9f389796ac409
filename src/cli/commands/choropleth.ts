/**
 * `atlas choropleth --indicator <id> --method quantile|jenks|equal|manual --classes <n> --json`
 * Options: `--breaks 0,25,50,75,100` (manual), `--level commune|epci`, `--palette <id>`, `--as-of yyyy-mm-dd`,
 * `--lights|--advice|--friches <file>` (default: the sample datasets).
 *
 * Prints `{"indicator","method","breaks","classes":[{"min","max","color","count","label"}],"noData",
 * "communes":[{"insee","value","class"}],"territoryValue","period"}` (public contract of issues 7 and 16):
 * `label` is the legend's exact label, `class` the 0-based class index (null without data or for a small
 * sample), `territoryValue` the territory's figure aggregated from its communes, `period` the period rule
 * (`--period contract|all`, default the contract period). Small samples and warnings go to stderr.
 */

import { formatFrenchDate } from '../../domain/advice/dates.ts';
import type { Choropleth } from '../../domain/choropleth/choropleth.ts';
import {
  ClassificationError,
  type ClassificationMethod,
  validateClassificationOptions,
} from '../../domain/choropleth/classify.ts';
import { PaletteError, type PaletteId, paletteInfo } from '../../domain/choropleth/palettes.ts';
import { indicatorChoropleth } from '../../domain/indicators/map.ts';
import {
  computeIndicator,
  indicatorById,
  indicatorListMessage,
  indicatorPeriodLabel,
  type Level,
  territoryValue,
  unknownIndicatorMessage,
} from '../../domain/indicators/registry.ts';
import { parsePeriodScope } from '../../domain/period.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import { option, parseArgs } from '../args.ts';
import { loadIndicatorData } from '../dashboardData.ts';
import { CliError } from '../errors.ts';

export interface ChoroplethSummary {
  indicator: string;
  method: string;
  breaks: number[];
  classes: { min: number; max: number; color: string; count: number; label: string }[];
  noData: number;
  communes: { insee: string; value: number | null; class: number | null }[];
  territoryValue: number | null;
  period: string;
}

const METHODS: Record<string, ClassificationMethod> = {
  quantile: 'quantile',
  jenks: 'jenks',
  equal: 'equalInterval',
  equalInterval: 'equalInterval',
  manual: 'manual',
};

function parseBreaks(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  // Semicolons separate, so French decimal commas may be used inside quotes: "0;12,5;25".
  const parts = text.includes(';') ? text.split(';') : text.split(',');
  const numbers = parts.map((p) => parseNumberFr(p) ?? Number.NaN);
  if (numbers.some((n) => !Number.isFinite(n))) {
    throw new CliError(
      `Option --breaks : « ${text} » n'est pas une liste de nombres (ex. 0,25,50,75,100).`,
      2,
    );
  }
  return numbers;
}

export async function run(args: string[]): Promise<ChoroplethSummary> {
  const { options } = parseArgs(args);
  const id = option(options, 'indicator');
  if (!id) throw new CliError(`Option --indicator obligatoire. ${indicatorListMessage()}`, 2);
  const indicator = indicatorById(id);
  if (!indicator) throw new CliError(unknownIndicatorMessage(id), 2);

  const methodName = option(options, 'method') ?? 'quantile';
  const method = METHODS[methodName];
  if (!method)
    throw new CliError(`Méthode inconnue : « ${methodName} ». Méthodes : quantile, jenks, equal, manual.`, 2);
  const classesText = option(options, 'classes') ?? '5';
  const classes = Number(classesText);
  const manualBreaks = parseBreaks(option(options, 'breaks'));
  if (method === 'manual' && !manualBreaks)
    throw new CliError('Méthode manual : indiquez --breaks (ex. 0,25,50,75,100).', 2);
  const problems = validateClassificationOptions({
    method,
    classes: method === 'manual' ? (manualBreaks?.length ?? 1) - 1 : classes,
    ...(manualBreaks ? { manualBreaks } : {}),
  });
  if (problems.length > 0) throw new CliError(problems.join(' '), 2);

  const level = (option(options, 'level') ?? 'commune') as Level;
  if (level !== 'commune' && level !== 'epci') throw new CliError('Option --level : commune ou epci.', 2);
  const paletteId = option(options, 'palette') ?? 'YlGnBu';
  if (!paletteInfo(paletteId)) throw new CliError(`Palette inconnue : « ${paletteId} ».`, 2);
  const asOf = option(options, 'as-of');
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new CliError(`Option --as-of : date attendue au format AAAA-MM-JJ (reçu « ${asOf} »).`, 2);
  }

  const periodText = option(options, 'period') ?? 'contract';
  const scope = parsePeriodScope(periodText);
  if (!scope) throw new CliError(`Option --period : contract ou all (reçu « ${periodText} »).`, 2);

  const data = await loadIndicatorData({
    datasets: indicator.requires,
    scope,
    ...(asOf ? { asOf } : {}),
    ...(option(options, 'lights') ? { lights: option(options, 'lights') } : {}),
    ...(option(options, 'advice') ? { advice: option(options, 'advice') } : {}),
    ...(option(options, 'friches') ? { friches: option(options, 'friches') } : {}),
  });
  let choropleth: Choropleth;
  try {
    choropleth = indicatorChoropleth(indicator, data, {
      method,
      classes,
      level,
      ...(manualBreaks ? { manualBreaks } : {}),
      palette: { id: paletteId as PaletteId, reverse: indicator.direction === 'down' },
    });
  } catch (error) {
    if (error instanceof ClassificationError || error instanceof PaletteError)
      throw new CliError(error.message, 2);
    throw error;
  }
  for (const warning of choropleth.warnings) process.stderr.write(`Avertissement : ${warning}\n`);
  if (choropleth.smallSample.count > 0) {
    process.stderr.write(
      `Note : effectif trop faible, non classé : ${choropleth.smallSample.count} sur ${data.communes.length} (${choropleth.smallSample.label}).\n`,
    );
  }
  process.stderr.write(`Données au ${formatFrenchDate(data.asOf)}.\n`);
  const values = computeIndicator(indicator, data, level);
  return {
    indicator: indicator.id,
    method: methodName,
    breaks: choropleth.breaks,
    classes: choropleth.classes.map(({ min, max, color, count, label }) => ({
      min,
      max,
      color,
      count,
      label,
    })),
    noData: choropleth.noData.count,
    communes: data.communes.map((c) => {
      const place = level === 'epci' ? c.epciSiren : c.insee;
      const assignment = choropleth.classOf(place);
      return {
        insee: c.insee,
        value: values.get(place)?.value ?? null,
        class: assignment.kind === 'class' ? assignment.index : null,
      };
    }),
    territoryValue: territoryValue(indicator, data).value,
    period: indicatorPeriodLabel(indicator, data),
  };
}

import { randomBytes } from 'node:crypto';
import { isIsoDate, localToday } from '../../domain/advice/dates.ts';
import { mapAdviceImport } from '../../domain/advice/mapping.ts';
import { type AdviceSummary, summarizeAdvice } from '../../domain/advice/summary.ts';
import { plural } from '../../domain/choropleth/format.ts';
import { parsePeriodScope } from '../../domain/period.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { option, parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { readInputFile } from '../input.ts';
import { loadTerritory } from '../territoryData.ts';

const USAGE = 'atlas advice <fichier> [--as-of aaaa-mm-jj] [--period contract|all] --json';
const SHOWN_ERRORS = 20;

export async function run(args: string[]): Promise<AdviceSummary> {
  const { positional, options } = parseArgs(args);
  const file = positional[0];
  if (!file) throw new CliError(`Indiquez le fichier des conseils : ${USAGE}`, 2);
  const today = localToday();
  const asOf = option(options, 'as-of') ?? today;
  if (!isIsoDate(asOf))
    throw new CliError(`Option --as-of : date attendue au format aaaa-mm-jj (reçu « ${asOf} »).`, 2);
  const periodText = option(options, 'period') ?? 'contract';
  const scope = parsePeriodScope(periodText);
  if (!scope) throw new CliError(`Option --period : contract ou all (reçu « ${periodText} »).`, 2);
  const maturityText = option(options, 'maturity-months');
  const maturityMonths = maturityText === undefined ? undefined : Number(maturityText);
  if (maturityMonths !== undefined && !(Number.isInteger(maturityMonths) && maturityMonths >= 0))
    throw new CliError('Option --maturity-months : nombre entier de mois attendu.', 2);
  const keepPersonalColumns = ['oui', 'yes', 'true', '1'].includes(
    option(options, 'keep-personal-columns') ?? '',
  );

  const { path, bytes } = readInputFile(file);

  const territory = loadTerritory();
  const result = await importFile(bytes, {
    kind: 'advice',
    fileName: path,
    communes: buildCommuneIndex(territory.communes),
  });
  if (!result.ok) throw new CliError(result.errors[0]?.reason ?? 'Import impossible.');
  // Rows dated after the real today are data errors, whatever date the summary is computed for.
  const mapped = mapAdviceImport(result, {
    communes: territory.communes.features.map((f) => f.properties),
    asOf: today,
    keepPersonalColumns,
    // Ids only link sessions within this run (the output holds counts, no id): a fresh key, kept nowhere.
    pseudonymKey: randomBytes(32).toString('hex'),
  });

  const err = (line: string) => process.stderr.write(`${line}\n`);
  for (const warning of mapped.warnings) err(`Avertissement : ${warning}`);
  err(
    `${plural(mapped.rows, 'ligne lue', 'lignes lues')} : ${plural(mapped.sessions.length, 'conseil retenu', 'conseils retenus')}, ${plural(mapped.errors.length, 'ligne rejetée', 'lignes rejetées')}.`,
  );
  for (const e of mapped.errors.slice(0, SHOWN_ERRORS)) err(`  ligne ${e.row} : ${e.reason}`);
  if (mapped.errors.length > SHOWN_ERRORS)
    err(`  … et ${plural(mapped.errors.length - SHOWN_ERRORS, 'autre')}.`);

  // The dashboard's pools (period rule, conversion fallback): the CLI prints the panel's figures.
  return summarizeAdvice(mapped.sessions, {
    asOf,
    contract: territory.meta.contract,
    scope,
    ...(maturityMonths !== undefined ? { maturityMonths } : {}),
  });
}

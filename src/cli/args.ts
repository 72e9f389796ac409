import { CRS_CODES, isCrsCode } from '../io/crs/defs.ts';
import type { CrsCode } from '../io/types.ts';
import { CliError } from './errors.ts';

/** Splits `--name value` / `--name=value` options from positional arguments. Repeated options accumulate. */
export function parseArgs(args: string[]): { positional: string[]; options: Map<string, string[]> } {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new CliError(`L'option --${name} attend une valeur.`, 2);
      value = next;
      i++;
    }
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positional, options };
}

export function option(options: Map<string, string[]>, name: string): string | undefined {
  const values = options.get(name);
  return values?.[values.length - 1];
}

/** `--crs auto|EPSG:…` shared by the commands that import coordinates. */
export function crsOption(options: Map<string, string[]>): 'auto' | CrsCode {
  const crs = option(options, 'crs') ?? 'auto';
  if (crs !== 'auto' && !isCrsCode(crs)) {
    throw new CliError(`Option --crs : auto ou l’un de ${CRS_CODES.join(', ')}.`, 2);
  }
  return crs as 'auto' | CrsCode;
}

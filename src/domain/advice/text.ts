import { foldText } from '../../io/communes.ts';
import { parseNumberFr } from '../../io/formats/number.ts';

export { foldText };

/** `Date du conseil` → `date_du_conseil`; `N° de voie` → `n_de_voie`. */
export function keyOf(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Words of a header, also splitting camelCase (`firstName` → first, name). */
export function wordsOf(text: string): string[] {
  return foldText(text.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Splits a multi-valued cell: `isolation | chauffage`, `isolation, chauffage`, `isolation;chauffage`. */
export function splitList(cell: string | null | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/[|,;/+\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const ADVICE_UNITS = /\s*kwh(?:\/an)?$/i;

/**
 * Amounts and energy gains as advisers write them (`12 500,50 €`, `3 200 kWh/an`): the one number reader
 * (`io/formats/number.ts`), with the kWh unit these columns may carry. Null when not a number.
 */
export function readAdviceNumber(cell: string | null | undefined): number | null {
  return parseNumberFr(cell, { units: ADVICE_UNITS });
}

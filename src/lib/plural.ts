/**
 * The French form agreeing with `count` (0 and 1 are singular): `agree(3, 'ligne lue', 'lignes lues')`.
 * Plurals are written out in every message, never « ligne(s) » (issue #16, item 9).
 */
export function agree(count: number, singular: string, pluralForm = `${singular}s`): string {
  return Math.abs(count) >= 2 ? pluralForm : singular;
}

/**
 * Turns valibot issues into the project's located French errors (`{ path, reason }`): paths are written as
 * users read them in a file (`lights.points[0].lon`), reasons never carry valibot's English messages. Only
 * the first issues are listed, with a count of the others, so a file with a million bad records stays readable.
 */
import * as v from 'valibot';

/** Same shape as the workspace's DocumentError (declared here so that this module imports no other layer). */
export interface SchemaError {
  path: string;
  reason: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: SchemaError[] };

export const LISTED_ERRORS = 20;

function joinKey(path: string, key: unknown): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const text = String(key);
  return path === '' ? text : `${path}.${text}`;
}

export function issuePath(base: string, issue: v.BaseIssue<unknown>): string {
  let path = base;
  for (const item of issue.path ?? []) path = joinKey(path, item.key);
  return path;
}

const EXPECTED: Record<string, string> = {
  string: 'texte attendu',
  number: 'nombre attendu',
  boolean: 'vrai ou faux attendu',
  array: 'liste attendue',
  object: 'objet attendu',
  loose_object: 'objet attendu',
  strict_object: 'objet attendu',
  record: 'objet attendu',
  finite: 'nombre fini attendu',
  integer: 'nombre entier attendu',
  safe_integer: 'nombre entier attendu',
  min_value: 'valeur trop petite',
  max_value: 'valeur trop grande',
  min_length: 'trop court',
  max_length: 'trop long',
  regex: 'format invalide',
  variant: 'forme inattendue',
  union: 'forme inattendue',
};

/** French reason for one issue; record schemas give their own message (« point nul »), kept as is. */
export function frenchReason(issue: v.BaseIssue<unknown>): string {
  if (issue.message.startsWith('fr:')) return issue.message.slice(3);
  if (issue.received === 'undefined' && issue.expected !== null && issue.expected.startsWith('"'))
    return 'champ manquant';
  if (issue.type === 'picklist' || issue.type === 'literal') {
    const shown = typeof issue.input === 'string' ? `« ${issue.input.slice(0, 40)} »` : 'cette valeur';
    return `${shown} n’est pas une valeur admise`;
  }
  const expected = EXPECTED[issue.type] ?? 'valeur invalide';
  return issue.received === 'null' ? `${expected} (valeur nulle)` : expected;
}

/** A message for a record schema: « point nul » for null, `expected` otherwise (missing keys stay precise). */
export function recordMessage(nullText: string, expected: string): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => {
    if (issue.received === 'undefined' && issue.expected?.startsWith('"')) return 'fr:champ manquant';
    return `fr:${issue.received === 'null' ? nullText : expected}`;
  };
}

/** Validates `value`; errors are located under `base` and cut after LISTED_ERRORS with a count. Never throws. */
export function check<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  base: string,
): Checked<v.InferOutput<TSchema>> {
  let result: v.SafeParseResult<TSchema>;
  try {
    result = v.safeParse(schema, value);
  } catch {
    return { ok: false, errors: [{ path: base, reason: 'contenu illisible' }] };
  }
  if (result.success) return { ok: true, value: result.output };
  const issues = result.issues;
  const errors: SchemaError[] = issues
    .slice(0, LISTED_ERRORS)
    .map((issue) => ({ path: issuePath(base, issue), reason: frenchReason(issue) }));
  if (issues.length > LISTED_ERRORS) {
    const others = issues.length - LISTED_ERRORS;
    errors.push({
      path: base,
      reason: `… et ${new Intl.NumberFormat('fr-FR').format(others)} ${others === 1 ? 'autre problème' : 'autres problèmes'}`,
    });
  }
  return { ok: false, errors };
}

/** « lights.points[0] : point nul ; … » — one line for a notice. */
export function formatSchemaErrors(errors: readonly SchemaError[], shown = 3): string {
  const lines = errors.slice(0, shown).map((e) => (e.path === '' ? e.reason : `${e.path} : ${e.reason}`));
  if (errors.length > shown) lines.push(`et ${errors.length - shown} autres`);
  return lines.join(' ; ');
}

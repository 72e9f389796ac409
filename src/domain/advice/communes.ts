/**
 * Finds the territory commune an adviser meant. Advice files rarely have coordinates: the commune comes
 * from an INSEE code or from a name typed by hand (`St Martin Boulogne`, `BOULOGNE SUR MER`,
 * `Portel (Le)`, `62200 Boulogne-sur-Mer`).
 */
import { foldText } from './text.ts';

export interface CommuneRef {
  insee: string;
  name: string;
}

/** Canonical comparison key: no accents, case, punctuation; Saint/Sainte → st/ste; leading article kept. */
export function communeNameKey(name: string): string {
  let text = foldText(name).trim();
  // Postal codes typed with the name.
  text = text.replace(/^\d{5}\s+|\s+\d{5}$/g, '');
  // `Portel (Le)`, `Capelle-lès-Boulogne (La)` → article first, as the COG writes it today.
  const article = /^(.*?)\s*\((le|la|les|l')\)$/.exec(text);
  if (article) text = `${article[2]} ${article[1]}`;
  return text
    .replace(/\bsainte\b/g, 'ste')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[^a-z0-9]+/g, '');
}

export type CommuneMatch = { ok: true; insee: string; via: 'insee' | 'name' } | { ok: false; reason: string };

export interface CommuneResolver {
  has(insee: string): boolean;
  nameOf(insee: string): string | undefined;
  resolve(inseeCell: string | null, nameCell: string | null): CommuneMatch;
}

/** `62160.0` (Excel) → `62160`; a 4-digit code lost its leading zero (`1004` → `01004`). */
export function normaliseInsee(cell: string): string {
  const text = cell.trim().replace(/\.0+$/, '').toUpperCase();
  return /^\d{4}$/.test(text) ? `0${text}` : text;
}

const INSEE_FORMAT = /^(\d{5}|2[AB]\d{3})$/;

export function createCommuneResolver(communes: readonly CommuneRef[]): CommuneResolver {
  const byInsee = new Map(communes.map((c) => [c.insee, c.name]));
  const byName = new Map<string, string[]>();
  for (const c of communes) {
    const key = communeNameKey(c.name);
    byName.set(key, [...(byName.get(key) ?? []), c.insee]);
  }

  const fromName = (name: string): CommuneMatch => {
    const matches = byName.get(communeNameKey(name)) ?? [];
    if (matches.length === 1) return { ok: true, insee: matches[0]!, via: 'name' };
    if (matches.length > 1)
      return {
        ok: false,
        reason: `commune « ${name} » ambiguë (${matches.join(', ')}) : indiquez le code INSEE`,
      };
    return { ok: false, reason: `commune « ${name} » inconnue dans le territoire` };
  };

  return {
    has: (insee) => byInsee.has(insee),
    nameOf: (insee) => byInsee.get(insee),
    resolve(inseeCell, nameCell) {
      const code = inseeCell?.trim() ? normaliseInsee(inseeCell) : '';
      const name = nameCell?.trim() ?? '';
      if (code && byInsee.has(code)) return { ok: true, insee: code, via: 'insee' };
      // A wrong code is not fatal when the name identifies the commune.
      if (name) {
        const byNameMatch = fromName(name);
        if (byNameMatch.ok || !code) return byNameMatch;
      }
      if (!code) return { ok: false, reason: 'commune non renseignée (ni code INSEE ni nom)' };
      if (!INSEE_FORMAT.test(code))
        return { ok: false, reason: `code INSEE « ${inseeCell?.trim()} » invalide (5 caractères attendus)` };
      // Pas-de-Calais postal codes (62xx0) look like INSEE codes and are a frequent mix-up.
      const hint = /^62\d{2}0$/.test(code) ? ' (est-ce un code postal ?)' : '';
      return { ok: false, reason: `commune ${code} hors du territoire${hint}` };
    },
  };
}

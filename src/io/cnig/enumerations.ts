/**
 * Tolerant reading of CNIG enumerations as real files write them. Before a value is checked against the
 * standard it is compared on a *key* that ignores what people and earlier tools vary: typographic apostrophes
 * (’ ‘ ʼ ` ´), accents, case, repeated spaces and the spacing around « - ». Values of earlier CNIG versions and
 * of Cartofriches exports are mapped to the current standard (LEGACY_VALUES). Multi-valued fields also accept
 * items separated by commas, semicolons or spaces instead of `|`. Every such reading is reported by the
 * caller as a counted warning; none rejects a row.
 */

/** Comparison key: lower case, no accents, straight apostrophe, single spaces, « a - b » spacing. */
export function enumKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .toLowerCase()
    .replace(/\s*'\s*/g, "'")
    .replace(/\s*[-–—]\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Values of earlier versions of the standard and of Cartofriches exports (keys as `enumKey` writes them),
 * per field, with the current value they stand for. Sources: Cartofriches national export (site_type values
 * `mixte`, `agro-industrielle`, `friche d’habitation`), CNIG Friches v1.0 (« friche d'habitation »).
 */
export const LEGACY_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  site_type: {
    mixte: 'mixte - autre',
    'mixte - habitat': 'mixte - dominante habitat',
    'mixte habitat': 'mixte - dominante habitat',
    "friche d'habitation": "friche d'habitat",
    habitation: "friche d'habitat",
    habitat: "friche d'habitat",
    'agro - industrielle': 'friche agro-industrielle',
    'friche agricole': 'friche agro-industrielle',
    'friche loisir - tourisme - hotellerie': 'friche loisir tourisme hôtellerie',
    'friche de loisir tourisme hotellerie': 'friche loisir tourisme hôtellerie',
    'friche carriere': 'friche carrière ou mine',
    'friche mine': 'friche carrière ou mine',
    'friche equipement public': "friche d'équipement public",
    'friche d equipement public': "friche d'équipement public",
    'friche hopital': 'friche hospitalière',
  },
  site_statut: {
    'friche sans projet connu': 'friche sans projet',
    'friche en projet': 'friche avec projet',
    'site reconverti': 'friche reconvertie',
  },
  sol_pollution_existe: {
    'pollution averee': 'pollution avérée',
    'pollution suspectee': 'pollution supposée',
    'pas de pollution': 'pollution inexistante',
  },
  bati_vacance: { 'partiellement vacant': 'partiellement occupé' },
};

/** Enumerations accept `inconnue` / `non renseigné` for their `inconnu` value. */
const UNKNOWN_ALIASES = new Set(['inconnue', 'non renseigne', 'non connu', 'ne sait pas']);

export interface EnumReading {
  value: string;
  /** Present when the cell was not written exactly as the standard: what was read, for the report. */
  from?: string;
}

/** Reads one item of an enumeration; null when nothing in the standard (or its legacy values) matches. */
export function readEnumItem(field: string, item: string, allowed: readonly string[]): EnumReading | null {
  if (allowed.includes(item)) return { value: item };
  const key = enumKey(item);
  const direct = allowed.find((v) => enumKey(v) === key);
  if (direct) return { value: direct, from: item };
  const legacy = LEGACY_VALUES[field]?.[key];
  if (legacy && allowed.includes(legacy)) return { value: legacy, from: item };
  // Cartofriches sometimes drops the « friche » prefix of site types (`agro-industrielle`, `portuaire`).
  if (field === 'site_type') {
    const prefixed = allowed.find((v) => enumKey(v) === `friche ${key}`);
    if (prefixed) return { value: prefixed, from: item };
  }
  if (UNKNOWN_ALIASES.has(key) && allowed.includes('inconnu')) return { value: 'inconnu', from: item };
  return null;
}

/**
 * Splits a multi-valued cell. `|` is the standard; otherwise commas or semicolons; otherwise spaces, but only
 * when the words segment exactly into allowed values (« personne physique personne morale »).
 */
export function splitMultiple(field: string, text: string, allowed: readonly string[] | undefined): string[] {
  if (text.includes('|')) return text.split('|').map((s) => s.trim());
  if (/[,;]/.test(text))
    return text
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (!allowed || readEnumItem(field, text, allowed)) return [text];
  const words = text.split(/\s+/);
  // Shortest segmentation into allowed values, by dynamic programming over word boundaries.
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= words.length; end++) {
    best[end] = null;
    for (let start = 0; start < end; start++) {
      const prefix = best[start];
      if (!prefix) continue;
      const piece = words.slice(start, end).join(' ');
      if (readEnumItem(field, piece, allowed) && (!best[end] || prefix.length + 1 < best[end]!.length)) {
        best[end] = [...prefix, piece];
      }
    }
  }
  return best[words.length] ?? [text];
}

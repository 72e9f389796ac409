/**
 * Sizes shown to users and the upper bound on files we accept. Decimal units (1 Mo = 1,000,000 octets) because
 * that is what operating systems' file explorers in France display for file sizes, so the numbers match.
 */
export const MAX_FILE_BYTES = 300_000_000;

const UNITS = ['octets', 'Ko', 'Mo', 'Go', 'To'] as const;

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** `1234567` → `"1,2 Mo"` (French decimal comma, non-breaking space before the unit). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? octets';
  if (bytes < 1000) return `${Math.round(bytes)}\u00a0${bytes < 2 ? 'octet' : 'octets'}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  // 999.96 rounds to "1 000 Ko": move to the next unit instead.
  if (Math.round(value * 10) / 10 >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${numberFormat.format(value)}\u00a0${UNITS[unit]}`;
}

/**
 * Refuses files too large to load in a browser tab safely. Returns a French message, or null when acceptable.
 * Call it with `file.size` BEFORE reading the file.
 */
export function checkFileSize(bytes: number, maxBytes: number = MAX_FILE_BYTES): string | null {
  if (!Number.isFinite(bytes) || bytes < 0) return 'Taille de fichier illisible.';
  if (bytes === 0) return 'Le fichier est vide.';
  if (bytes <= maxBytes) return null;
  return `Le fichier fait ${formatBytes(bytes)} : la taille maximale acceptée est de ${formatBytes(maxBytes)}. Découpez-le ou filtrez-le avant de l'importer.`;
}

/**
 * Saves a Blob as a file through a temporary link (works in every current browser, no dependency).
 * The object URL is revoked after the click has been handled, so the memory is given back.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** « carte-pays-boulonnais-2026-11-28.png »: lower case ASCII, no accents or spaces, safe on every OS. */
export function safeFileName(base: string, extension: string, date = new Date()): string {
  const slug = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  const day = date.toISOString().slice(0, 10);
  return `${slug || 'export'}-${day}.${extension.replace(/^\./, '')}`;
}

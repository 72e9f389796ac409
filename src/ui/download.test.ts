import { describe, expect, it } from 'vitest';
import { safeFileName } from './download.ts';

describe('safeFileName', () => {
  const day = new Date('2026-11-28T10:00:00Z');

  it('slugs French titles and appends the date', () => {
    expect(safeFileName('Carte — Pays Boulonnais', 'png', day)).toBe('carte-pays-boulonnais-2026-11-28.png');
    expect(safeFileName('Éclairage : facteur 4 / facteur 2', '.csv', day)).toBe(
      'eclairage-facteur-4-facteur-2-2026-11-28.csv',
    );
  });

  it('never returns an empty or path-like name', () => {
    expect(safeFileName('../../', 'png', day)).toBe('export-2026-11-28.png');
    expect(safeFileName('a'.repeat(300), 'png', day).length).toBeLessThan(100);
  });
});

// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { twoShapefileZip } from '../../../test/fixtures/import/twoShapefiles.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { writeGeoPackage } from '../../io/gpkg/write.ts';
import type { ImportResult } from '../../io/types.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { ImportDialog } from './ImportDialog.tsx';
import type { ModuleOutcome } from './outcome.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ROOT = resolve(import.meta.dirname, '../../..');
const communes = JSON.parse(
  readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
) as CommuneCollection;
const fixtureFile = () =>
  new File(
    [readFileSync(resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv'))],
    'eclairage.csv',
    { type: 'text/csv' },
  );

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  localStorage.clear();
  useAppStore.setState({ territory: { communes } as unknown as TerritoryData });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

// The dialog is rendered in <body> (a portal), outside the container.
const $ = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const button = (label: string) =>
  [...document.querySelectorAll('[data-testid="import-dialog"] button')].find(
    (b) => b.textContent === label,
  ) as HTMLButtonElement;

/** Waits (in act) until `check` passes: the engine runs asynchronously on the main thread here. */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error(`Attente trop longue : ${what}`);
}

async function click(label: string) {
  await act(async () => button(label).click());
}

async function select(testId: string, value: string) {
  const element = $(testId) as HTMLSelectElement;
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function open<T>(props: {
  prepare?: (r: ImportResult) => ModuleOutcome<T>;
  onImported: (value: T) => void;
  onClose?: () => void;
  file?: File;
}) {
  act(() =>
    root.render(
      // StrictMode as in the app: effects run twice in development.
      <StrictMode>
        <ImportDialog<T>
          kind="lights"
          title="Importer un inventaire"
          file={props.file ?? fixtureFile()}
          prepare={props.prepare}
          onImported={props.onImported}
          onClose={props.onClose ?? (() => {})}
        />
      </StrictMode>,
    ),
  );
}

describe('ImportDialog', () => {
  it('shows what was detected, imports with the confirmed mapping, reports, and hands over on validation only', async () => {
    const onImported = vi.fn();
    const onClose = vi.fn();
    open<ImportResult>({ onImported, onClose });
    await until(() => $('import-inspection') !== null, 'inspection');
    expect($('import-encoding')?.textContent).toContain('Windows-1252');
    expect($('import-delimiter')?.textContent).toContain('point-virgule');
    expect($('import-crs')?.textContent).toBe('Lambert-93 (EPSG:2154)');
    expect($('import-rows')?.textContent).toBe('9');
    expect(($('import-mapping-id') as HTMLSelectElement).value).toBe('id_point');
    expect(($('import-mapping-x') as HTMLSelectElement).value).toBe('X');
    expect($('import-preview')?.textContent).toContain('Saint-Étienne-au-Mont');

    await click('Importer');
    await until(() => $('import-report') !== null, 'report');
    expect($('import-accepted')?.dataset.count).toBe('5');
    expect($('import-rejected')?.dataset.count).toBe('4');
    expect($('import-outside')?.dataset.count).toBe('1');
    const rejected = [...($('import-rejected-rows')?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rejected.map((r) => r[0])).toEqual(['6', '7', '8', '10']);
    expect(rejected[0]![1]).toBe('coordonnée manquante (X)');
    expect($('import-outside-rows')?.textContent).toContain('9');
    expect(onImported).not.toHaveBeenCalled();

    await click('Valider l’import');
    expect(onImported).toHaveBeenCalledTimes(1);
    expect((onImported.mock.calls[0]![0] as ImportResult).features.count).toBe(5);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('lists the module’s own rejections and remembers a corrected mapping for files of the same shape', async () => {
    const prepare = (result: ImportResult): ModuleOutcome<number> => ({
      value: 42,
      accepted: result.features.count - 1,
      errors: [...result.errors, { row: result.features.row[0]!, reason: 'Puissance illisible.' }].sort(
        (a, b) => a.row - b.row,
      ),
      outsideTerritory: 0,
      warnings: ['Technologie non reconnue : 1 ligne.'],
      fatal: null,
      unit: ['point lumineux', 'points lumineux'],
    });
    const onImported = vi.fn();
    open({ prepare, onImported });
    await until(() => $('import-inspection') !== null, 'inspection');
    await select('import-crs-choice', 'EPSG:2154');
    await select('import-mapping-id', '');
    await click('Importer');
    await until(() => $('import-report') !== null, 'report');
    // Without an id column, row 8 (a duplicate id) is no longer rejected.
    expect($('import-accepted')?.textContent).toBe('5 points lumineux');
    expect($('import-rejected')?.textContent).toContain(
      '4 lignes rejetées (3 à la lecture du fichier, 1 par les règles du module)',
    );
    expect($('import-rejected-rows')?.textContent).toContain('Puissance illisible.');
    expect($('import-warnings')?.textContent).toContain('Technologie non reconnue');
    await click('Valider l’import');
    expect(onImported).toHaveBeenCalledWith(42, expect.objectContaining({ fileName: 'eclairage.csv' }));

    act(() => root.render(<div />));
    open({ prepare, onImported });
    await until(() => $('import-inspection') !== null, 'second inspection');
    expect($('import-remembered')).not.toBeNull();
    expect(($('import-mapping-id') as HTMLSelectElement).value).toBe('');
    expect(($('import-crs-choice') as HTMLSelectElement).value).toBe('EPSG:2154');
  });

  it('refuses validation when the module cannot use the file, and blocks an incomplete mapping', async () => {
    const onImported = vi.fn();
    open({
      onImported,
      prepare: (result) => ({
        value: null,
        accepted: 0,
        errors: result.errors,
        outsideTerritory: 0,
        warnings: [],
        fatal: 'Colonne de puissance introuvable.',
      }),
    });
    await until(() => $('import-inspection') !== null, 'inspection');
    await select('import-mapping-y', '');
    expect(button('Importer').disabled).toBe(true);
    expect($('import-dialog')?.textContent).toContain('à la fois la colonne X');
    await select('import-mapping-y', 'Y');
    await click('Importer');
    await until(() => $('import-report') !== null, 'report');
    expect($('import-fatal')?.textContent).toContain('Colonne de puissance introuvable.');
    expect(button('Valider l’import').disabled).toBe(true);
    expect(onImported).not.toHaveBeenCalled();
  });

  it('refuses a file that is too large before reading it', async () => {
    const huge = { name: 'enorme.csv', size: 400_000_000, arrayBuffer: vi.fn() } as unknown as File;
    open({ onImported: vi.fn(), file: huge });
    await until(() => $('import-refused') !== null, 'refusal');
    expect($('import-refused')?.textContent).toMatch(
      /enorme\.csv : Le fichier fait 400\sMo : la taille maximale acceptée est de 300\sMo/,
    );
    expect(huge.arrayBuffer).not.toHaveBeenCalled();
  });

  it('warns of swapped axes, and lists the first 100 rejected rows with the count of the others', async () => {
    // Latitude in the « lon » column and longitude in « lat » (Wimereux, Boulogne), then 150 rows without X.
    const rows = ['id;lon;lat', 'A;50,7665;1,6118', 'B;50,7259;1,6140'];
    for (let i = 0; i < 150; i++) rows.push(`M${i};;1,61`);
    const file = new File([rows.join('\n')], 'inverse.csv', { type: 'text/csv' });
    open({ onImported: vi.fn(), file });
    await until(() => $('import-inspection') !== null, 'inspection');
    expect($('import-swapped')?.textContent).toContain('inversés');
    expect($('import-crs')?.textContent).toBe('WGS84 (longitude/latitude, EPSG:4326)');
    await click('Importer');
    await until(() => $('import-report') !== null, 'report');
    expect($('import-accepted')?.dataset.count).toBe('2');
    expect($('import-rejected')?.dataset.count).toBe('150');
    expect($('import-rejected-rows')?.querySelectorAll('tbody tr')).toHaveLength(100);
    expect($('import-rejected-rows-more')?.textContent).toBe(
      '… et 50 autres (liste complète dans le rapport CSV).',
    );
    expect($('import-warnings')?.textContent).toMatch(/invers/);
  });

  it('lists the layers of a GeoPackage, inspects and imports the one the user picks', async () => {
    const square = (lon: number, lat: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [lon, lat],
          [lon + 0.01, lat],
          [lon + 0.01, lat + 0.01],
          [lon, lat + 0.01],
          [lon, lat],
        ],
      ],
    });
    const bytes = await writeGeoPackage([
      {
        name: 'friches',
        srsId: 4326,
        geometryType: 'POLYGON',
        fields: [{ name: 'site_id', type: 'TEXT' }],
        features: [{ geometry: square(1.61, 50.72), properties: { site_id: 'F1' } }],
      },
      {
        name: 'points_lumineux',
        srsId: 2154,
        geometryType: 'POINT',
        fields: [{ name: 'id_pl', type: 'TEXT' }],
        features: [1, 2, 3].map((i) => ({
          geometry: { type: 'Point' as const, coordinates: [1.6 + i * 0.01, 50.72] },
          properties: { id_pl: `PL-${i}` },
        })),
      },
    ]);
    const onImported = vi.fn();
    open<ImportResult>({ onImported, file: new File([bytes as BlobPart], 'reseau.gpkg') });
    await until(() => $('import-layer') !== null, 'layer picker');
    const picker = $('import-layer') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual(['friches', 'points_lumineux']);
    expect(picker.value).toBe('friches');
    expect($('import-rows')?.textContent).toBe('1');
    await select('import-layer', 'points_lumineux');
    await until(() => $('import-rows')?.textContent === '3', 'inspection of the picked layer');
    expect(($('import-layer') as HTMLSelectElement).value).toBe('points_lumineux');
    await click('Importer');
    await until(() => $('import-report') !== null, 'report');
    expect($('import-accepted')?.dataset.count).toBe('3');
    await click('Valider l’import');
    const result = onImported.mock.calls[0]![0] as ImportResult;
    expect(result.crs).toBe('EPSG:2154');
    expect(Object.keys(result.features.attributes)).toContain('id_pl');
  });

  it('lists the shapefiles of a zip archive and imports the one the user picks', async () => {
    const onImported = vi.fn();
    open<ImportResult>({ onImported, file: new File([twoShapefileZip() as BlobPart], 'syndicat.zip') });
    await until(() => $('import-layer') !== null, 'layer picker');
    const picker = $('import-layer') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual([
      'points_lumineux — POINT — 3 entités',
      'zones — MULTIPOLYGON — 1 entité',
    ]);
    expect(picker.value).toBe('points_lumineux');
    expect($('import-rows')?.textContent).toBe('3');
    await select('import-layer', 'zones');
    await until(() => $('import-rows')?.textContent === '1', 'inspection of the picked layer');
    await select('import-layer', 'points_lumineux');
    await until(() => $('import-rows')?.textContent === '3', 'back to the points');
    await click('Importer');
    await until(() => $('import-report') !== null, 'report');
    expect($('import-accepted')?.dataset.count).toBe('3');
    await click('Valider l’import');
    const result = onImported.mock.calls[0]![0] as ImportResult;
    expect(result.crs).toBe('EPSG:2154');
    expect(Object.keys(result.features.attributes)).toContain('id_pl');
  });
});

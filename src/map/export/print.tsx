import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { type ComposeMapOptions, composeMapCanvas } from './composeMapPng.ts';
import { formatDataDate } from './layout.ts';
import './print.css';

/**
 * The "PDF" path: the composed map sheet on an A4/A3 landscape page, printed through the browser
 * (Imprimer → Enregistrer au format PDF). Usage:
 *
 *   await printMap({ map, title, legend, sources, date, paper: 'A4' });
 *
 * The sheet is composed at print resolution for the paper's printable area, so it fills the page
 * exactly. It stays in the DOM (hidden on screen) until the browser reports `afterprint`.
 */

export type Paper = 'A4' | 'A3';

/** Landscape paper in millimetres, the print margin, and the composition resolution. */
const PAPER: Record<Paper, { width: number; height: number; dpi: number }> = {
  A4: { width: 297, height: 210, dpi: 200 },
  A3: { width: 420, height: 297, dpi: 150 },
};
const MARGIN_MM = 8;

/** Pixel size of the sheet image for a paper (its printable area at the paper's resolution). */
export function printSheetSize(paper: Paper): { width: number; height: number } {
  const { width, height, dpi } = PAPER[paper];
  const px = (mm: number) => Math.floor(((mm - 2 * MARGIN_MM) / 25.4) * dpi);
  return { width: px(width), height: px(height) };
}

export interface MapPrintSheetProps {
  imageUrl: string;
  title: string;
  subtitle?: string;
  sources: string;
  date: string;
  paper: Paper;
}

/** One printed page: the composed image (title, legend, scale, sources are drawn in it). */
export function MapPrintSheet({ imageUrl, title, subtitle, sources, date, paper }: MapPrintSheetProps) {
  const { width, height } = PAPER[paper];
  // One millimetre short of the printable area: a rounding overflow of 0.02 mm would add a blank page.
  const box = { width: `${width - 2 * MARGIN_MM - 1}mm`, height: `${height - 2 * MARGIN_MM - 1}mm` };
  return (
    <figure className="map-print-sheet" data-paper={paper} data-testid="map-print-sheet">
      <img src={imageUrl} style={box} alt={`Carte : ${title}${subtitle ? ` — ${subtitle}` : ''}`} />
      <figcaption className="visually-hidden">
        {title}. Sources : {sources}. Données au {formatDataDate(date)}.
      </figcaption>
    </figure>
  );
}

let active: { root: Root; element: HTMLElement; style: HTMLStyleElement; url: string } | null = null;

function cleanup(): void {
  if (!active) return;
  const { root, element, style, url } = active;
  active = null;
  root.unmount();
  element.remove();
  style.remove();
  URL.revokeObjectURL(url);
  document.body.classList.remove('atlas-printing');
}

export interface PrintMapOptions extends Omit<ComposeMapOptions, 'width' | 'height'> {
  paper?: Paper;
  /** Skip the print dialog (tests, previews): the sheet stays mounted until `closePrintSheet()`. */
  dialog?: boolean;
}

export async function printMap(options: PrintMapOptions): Promise<void> {
  const paper = options.paper ?? 'A4';
  const canvas = await composeMapCanvas({ ...options, ...printSheetSize(paper) });
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('Impression impossible : image non générée.'))),
      'image/png',
    ),
  );
  cleanup();
  const url = URL.createObjectURL(blob);
  const element = document.createElement('div');
  element.className = 'atlas-print-root';
  document.body.append(element);
  const style = document.createElement('style');
  style.textContent = `@page { size: ${paper} landscape; margin: ${MARGIN_MM}mm; }`;
  document.head.append(style);
  const root = createRoot(element);
  active = { root, element, style, url };
  flushSync(() =>
    root.render(
      <MapPrintSheet
        imageUrl={url}
        title={options.title}
        subtitle={options.subtitle}
        sources={options.sources}
        date={options.date}
        paper={paper}
      />,
    ),
  );
  await element.querySelector('img')?.decode();
  document.body.classList.add('atlas-printing');
  if (options.dialog === false) return;
  window.addEventListener('afterprint', cleanup, { once: true });
  window.print();
}

/** Removes the print sheet (after a print without dialog). */
export function closePrintSheet(): void {
  cleanup();
}

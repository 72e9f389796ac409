import type { Polygon } from 'geojson';
import type { DrawMode } from './drawState.ts';

/** What the toolbar drives: the state and actions of a drawing tool (`useDrawTool` in src/ui/draw). */
export interface DrawTool {
  /** False until the map has loaded (buttons should be disabled). */
  available: boolean;
  mode: DrawMode;
  /** Vertices placed so far in the polygon being drawn. */
  vertexCount: number;
  /** Starts a drawing (dropping the kept result); a mode already active is restarted. */
  start: (mode: 'rectangle' | 'polygon') => void;
  /** Starts the mode, or cancels it when it is the active one (toolbar buttons). */
  toggle: (mode: 'rectangle' | 'polygon') => void;
  /** Abandons the drawing in progress (same as Escape). */
  cancel: () => void;
  /** The last finished polygon, or null. */
  result: Polygon | null;
  /** Forgets and hides the last finished polygon. */
  clear: () => void;
}

export interface DrawToolbarLabels {
  rectangle: string;
  polygon: string;
  cancel: string;
}

export interface DrawToolbarProps {
  draw: DrawTool;
  /** Which tools to offer, in order (default both). A site-creation tool offers only 'polygon'. */
  modes?: ('rectangle' | 'polygon')[];
  /** Button texts; the defaults are for selecting features. */
  labels?: Partial<DrawToolbarLabels>;
  /** Accessible name of the toolbar. */
  ariaLabel?: string;
}

const DEFAULT_LABELS: DrawToolbarLabels = {
  rectangle: 'Sélection rectangle',
  polygon: 'Sélection polygone',
  cancel: 'Annuler (Échap)',
};

function hint(draw: DrawTool): string | null {
  if (draw.mode === 'rectangle') return 'Cliquez-glissez sur la carte pour tracer le rectangle.';
  if (draw.mode === 'polygon') {
    if (draw.vertexCount < 3)
      return 'Cliquez sur la carte pour placer les sommets (Retour arrière retire le dernier).';
    return 'Terminez par un double-clic, Entrée ou un clic sur le premier sommet.';
  }
  return null;
}

/** French toolbar for useDrawTool; drop it into a module's MapOverlay (e.g. inside `.map-tools`). */
export function DrawToolbar({ draw, modes = ['rectangle', 'polygon'], labels, ariaLabel }: DrawToolbarProps) {
  const text = { ...DEFAULT_LABELS, ...labels };
  const message = hint(draw);
  return (
    <>
      <div className="draw-toolbar" role="toolbar" aria-label={ariaLabel ?? 'Outils de dessin'}>
        {modes.map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={draw.mode === mode}
            disabled={!draw.available}
            onClick={() => draw.toggle(mode)}
          >
            {text[mode]}
          </button>
        ))}
        <button type="button" disabled={draw.mode === 'idle'} onClick={draw.cancel}>
          {text.cancel}
        </button>
      </div>
      <p className="draw-hint" aria-live="polite">
        {message}
      </p>
    </>
  );
}

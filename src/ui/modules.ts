import type { ExpressionSpecification } from 'maplibre-gl';
import type { ComponentType } from 'react';
import type { MapClickHandler } from '../map/MapView.tsx';
import type { MapSpec } from '../map/spec.ts';
import type { ModuleId } from '../state/uiSlice.ts';

/**
 * What a module plugs into the shell. The map hooks are called only for the module on screen, inside that
 * module's error boundary (src/ui/shell/ModuleHost.tsx), so `active` is then true; a module must still
 * return null when it is false (the contract the hooks were written to).
 */
export interface ModuleView {
  id: ModuleId;
  Panel: ComponentType;
  /** Layers drawn above the communes. */
  useMapLayers?: (active: boolean) => MapSpec | null;
  /** Overrides the communes' fill (a choropleth); null keeps the default. */
  useCommuneFill?: (active: boolean) => ExpressionSpecification | string | null;
  /** Opacity of that fill (default 0.45, which lets the basemap show through); a choropleth reads better near opaque. */
  communeFillOpacity?: number;
  /** Overlay on the map (legend…). */
  MapOverlay?: ComponentType;
  clickHandlers?: MapClickHandler[];
}

/**
 * Frames the territory in the part of the map the on-screen legend leaves free: the legend sits at the
 * bottom left, so the left padding is the legend's width — no commune lies under it at the framed extent.
 * Re-framed when the legend changes size (collapsed, another indicator) and given back on leaving.
 */
import { bbox } from '@turf/turf';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';
import { useMapInstance } from '../../map/mapInstance.ts';
import { useAppStore } from '../../state/store.ts';

/** Room kept beside the legend and around the territory (px); the zoom buttons sit at the top right. */
export const FRAME_MARGIN = 16;
const DEFAULT_PADDING = 30;

export function legendPadding(map: MapLibreMap, legend: HTMLElement | null) {
  const frame = map.getContainer().getBoundingClientRect();
  const box = legend?.getBoundingClientRect();
  const left = box && box.width > 0 ? box.right - frame.left + FRAME_MARGIN : DEFAULT_PADDING;
  // Never squeeze the territory to nothing on a narrow window: at most 60 % of the width goes to the legend.
  return {
    left: Math.min(left, frame.width * 0.6),
    top: DEFAULT_PADDING,
    bottom: DEFAULT_PADDING,
    right: 50,
  };
}

export function useLegendFraming(legend: RefObject<HTMLElement | null>, active: boolean): void {
  const map = useMapInstance();
  const territory = useAppStore((s) => s.territory);
  useEffect(() => {
    if (!map || !territory || !active) return;
    const bounds = bbox(territory.outline) as [number, number, number, number];
    const frame = () => map.fitBounds(bounds, { duration: 0, padding: legendPadding(map, legend.current) });
    frame();
    const observer = new ResizeObserver(frame);
    if (legend.current) observer.observe(legend.current);
    observer.observe(map.getContainer());
    return () => {
      observer.disconnect();
      map.fitBounds(bounds, { padding: DEFAULT_PADDING, duration: 0 });
    };
  }, [map, territory, legend, active]);
}

import { type Map as MapLibreMap, Popup } from 'maplibre-gl';

/** The MapLibre popup on screen (a map object, not app state): at most one at a time. */
let open: Popup | null = null;

/**
 * Shows one popup at a time on the map. `content` must be built from text nodes only (see
 * `buildPopupContent` in src/io/sanitize.ts): imported data never reaches an HTML parser.
 */
export function openPopup(map: MapLibreMap, lngLat: [number, number], content: HTMLElement): Popup {
  open?.remove();
  open = new Popup({ closeButton: true, closeOnClick: true, maxWidth: '320px' })
    .setLngLat(lngLat)
    .setDOMContent(content)
    .addTo(map);
  return open;
}

export function closePopup(): void {
  open?.remove();
  open = null;
}

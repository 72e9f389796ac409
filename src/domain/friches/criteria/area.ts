import { surfaceInfo } from '../geo.ts';
import { type Criterion, describeBreakpoints, formatNumber, piecewise } from './criterion.ts';

/** The land recycled grows with the site: above 5 ha the stake is considered maximal. */
const BREAKS = [
  [0, 0],
  [1_000, 0.1],
  [5_000, 0.5],
  [10_000, 0.7],
  [50_000, 1],
] as const;

export const areaCriterion: Criterion = {
  id: 'area',
  label: 'Surface du site',
  unit: 'm²',
  needs: [],
  description:
    'Surface du périmètre du site (geomsurf, calculée sur l’ellipsoïde), à défaut surface de l’unité ' +
    'foncière déclarée (unite_fonciere_surface). Plus le site est grand, plus l’enjeu de recyclage foncier ' +
    `est fort. Seuils (interpolation linéaire) : ${describeBreakpoints(BREAKS, 'm²')}.`,
  weight: 2,
  evaluate(site) {
    if (site.surface) return surfaceInfo(site.surface).areaM2;
    return site.parcelAreaM2;
  },
  normalise: piecewise(BREAKS),
  format: (raw) => (raw >= 10_000 ? `${formatNumber(raw / 10_000, 2)} ha` : `${formatNumber(raw)} m²`),
};

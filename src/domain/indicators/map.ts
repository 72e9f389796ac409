/**
 * An indicator as a choropleth: values (commune or EPCI), small samples, legend labels and the MapLibre
 * paint expression, all from `buildChoropleth`. The UI and the CLI both call this.
 */
import { toChoroplethValues } from '../choropleth/aggregate.ts';
import { buildChoropleth, type Choropleth, type PaletteChoice } from '../choropleth/choropleth.ts';
import type { ClassificationMethod } from '../choropleth/classify.ts';
import type { PaletteId } from '../choropleth/palettes.ts';
import { computeIndicator, type Level } from './registry.ts';
import type { IndicatorData, IndicatorDefinition } from './types.ts';

export interface IndicatorMapOptions {
  method: ClassificationMethod;
  classes: number;
  manualBreaks?: readonly number[];
  level?: Level;
  /** Default YlGnBu; the ramp is reversed for indicators where less is better. */
  palette?: PaletteId | PaletteChoice;
}

export function indicatorChoropleth(
  indicator: IndicatorDefinition,
  data: IndicatorData,
  options: IndicatorMapOptions,
): Choropleth {
  const level = options.level ?? 'commune';
  const { values, smallSample } = toChoroplethValues(computeIndicator(indicator, data, level));
  const palette: PaletteChoice =
    typeof options.palette === 'object'
      ? options.palette
      : { id: options.palette ?? 'YlGnBu', reverse: indicator.direction === 'down' };
  return buildChoropleth({
    indicator,
    values,
    method: options.method,
    classes: options.classes,
    palette,
    smallSample,
    ...(options.manualBreaks ? { manualBreaks: options.manualBreaks } : {}),
    idProperty: level === 'epci' ? 'siren' : 'insee',
    integer: indicator.kind === 'count',
    ...(indicator.noDataLabel ? { noDataLabel: indicator.noDataLabel } : {}),
    ...(indicator.smallSampleLabel ? { smallSampleLabel: indicator.smallSampleLabel } : {}),
  });
}

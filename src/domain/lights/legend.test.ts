import { describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { DEFAULT_LIGHTING_SETTINGS as S } from './energy.ts';
import { lightsToGeoJson } from './exportWorkOrder.ts';
import {
  LIGHT_CATEGORIES,
  LIGHT_CATEGORY_STYLE,
  lightCategory,
  lightCategoryColorExpression,
  lightLegend,
} from './legend.ts';

describe('light categories', () => {
  it('uses the status until renovated, then the class', () => {
    expect(lightCategory('toRenovate', null)).toBe('toRenovate');
    expect(lightCategory('scheduled', 'factor4')).toBe('scheduled');
    expect(lightCategory('renovated', 'factor2')).toBe('factor2');
    expect(lightCategory('renovated', null)).toBe('notClassifiable');
  });

  it('feeds the map expression and the legend from the same list, with distinct colours', () => {
    const expression = lightCategoryColorExpression();
    expect(expression.slice(0, 2)).toEqual(['match', ['get', 'category']]);
    expect(expression).toHaveLength(2 + 2 * LIGHT_CATEGORIES.length + 1);
    const legend = lightLegend({ factor4: 3 });
    expect(legend.map((l) => l.category)).toEqual([...LIGHT_CATEGORIES]);
    expect(legend.find((l) => l.category === 'factor4')).toMatchObject({
      label: 'Rénové — facteur 4',
      count: 3,
    });
    const colours = Object.values(LIGHT_CATEGORY_STYLE).map((s) => s.color);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('is written on exported features', () => {
    const fc = lightsToGeoJson(
      [makePoint('a'), renovated('b', 20, '2025-01-10'), renovated('c', 0, '2025-01-10')],
      { communeName: new Map() },
      S,
    );
    expect(fc.features.map((f) => f.properties.category)).toEqual([
      'toRenovate',
      'factor4',
      'decommissioned',
    ]);
  });
});

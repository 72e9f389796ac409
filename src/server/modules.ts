import type { Role } from './users.ts';

export const MODULES = ['lights', 'advice', 'friches', 'pcaet'] as const;
export type ModuleName = (typeof MODULES)[number];

export interface ModuleDef {
  name: ModuleName;
  /** GeoJSON FeatureCollection (lights, friches) or `{items}` (advice, pcaet). */
  geometric: boolean;
  read: readonly Role[];
  write: readonly Role[];
  /** SQL expression of the record's GeoJSON geometry (alias t), for geometric modules. */
  geometrySql: string | null;
  label: string;
}

/**
 * Who may do what, by role: the API answers 403 from this table, and the database policies (0002_security.sql)
 * enforce the same rules plus the EPCI/commune scope, so a route bug cannot leak rows.
 */
export const MODULE_DEFS: Readonly<Record<ModuleName, ModuleDef>> = {
  lights: {
    name: 'lights',
    geometric: true,
    read: ['admin', 'editor', 'adviser', 'viewer'],
    write: ['admin', 'editor'],
    geometrySql: 'ST_AsGeoJSON(t.geom, 7)::json',
    label: 'points lumineux',
  },
  friches: {
    name: 'friches',
    geometric: true,
    read: ['admin', 'editor', 'adviser', 'viewer'],
    write: ['admin', 'editor'],
    geometrySql: 'ST_AsGeoJSON(coalesce(t.surface, t.geom), 7)::json',
    label: 'friches',
  },
  advice: {
    name: 'advice',
    geometric: false,
    read: ['admin', 'adviser'],
    write: ['admin', 'adviser'],
    geometrySql: null,
    label: 'conseils',
  },
  pcaet: {
    name: 'pcaet',
    geometric: false,
    read: ['admin', 'editor', 'adviser', 'viewer'],
    write: ['admin'],
    geometrySql: null,
    label: 'indicateurs PCAET',
  },
};

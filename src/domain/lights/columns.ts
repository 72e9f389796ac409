import { normaliseHeader } from '../../io/csv/values.ts';

/** Fields of a light point that can come from a column of an imported table. */
export type LightField =
  | 'id'
  | 'lampHead'
  | 'address'
  | 'technologyBefore'
  | 'powerBeforeW'
  | 'status'
  | 'scheduledDate'
  | 'renovationDate'
  | 'technologyAfter'
  | 'powerAfterW'
  | 'consumedPowerW'
  | 'consumedPowerAfterW'
  | 'dimmingHours'
  | 'dimmingPercent'
  | 'switchOffHours'
  | 'dimmingHoursBefore'
  | 'dimmingPercentBefore'
  | 'switchOffHoursBefore'
  | 'colourTemperatureK'
  | 'fluxLm'
  | 'ulrPercent'
  | 'installYear';

/**
 * Column names met in French inventory exports, already folded by `normaliseHeader` (`P (W)` → `p_w`,
 * `Type de lampe` → `type_de_lampe`). First alias present in the file wins.
 */
export const LIGHT_COLUMN_ALIASES: Readonly<Record<LightField, readonly string[]>> = {
  // The identifier column is the import engine's (guessed, then confirmed in the dialog): `ID_NAMES`.
  id: [],
  // Lamp head number completing a mast code (`cod_ouvrag` + `foyer`).
  lampHead: ['foyer', 'num_foyer', 'n_foyer', 'no_foyer', 'numero_foyer'],
  address: [
    'adresse',
    'adresse_postale',
    'localisation',
    'emplacement',
    'voie',
    'nom_voie',
    'rue',
    'lieu_dit',
    'lieu',
  ],
  technologyBefore: [
    'technologie_avant',
    'technologie',
    'type_lampe_avant',
    'type_lampe',
    'type_de_lampe',
    'source_lumineuse_avant',
    'source_lumineuse',
    'type_source',
    'lampe',
    'techno',
    'nature_lampe',
    'type_ampoule',
  ],
  powerBeforeW: [
    'puissance_avant_w',
    'puissance_avant',
    'puissance_w',
    'puissance',
    'p_w',
    'p_avant_w',
    'p_avant',
    'puissance_lampe_w',
    'puissance_lampe',
    'puissance_nominale_w',
    'puissance_nominale',
    'watts',
    'watt',
    'w',
  ],
  // Lamp + gear, as metered or computed by the inventory's author (losses.ts); nominal power stays required.
  consumedPowerW: [
    'puissance_consommee_w',
    'puissance_consommee',
    'puissance_consommee_avant_w',
    'puissance_consommee_avant',
    'puissance_absorbee_w',
    'puissance_absorbee',
    'puissance_appelee_w',
    'puissance_appelee',
    'puissance_reelle_w',
    'puissance_reelle',
    'p_consommee_w',
    'p_consommee',
    'p_absorbee',
  ],
  consumedPowerAfterW: [
    'puissance_consommee_apres_w',
    'puissance_consommee_apres',
    'puissance_absorbee_apres_w',
    'puissance_absorbee_apres',
    'puissance_appelee_apres_w',
    'puissance_appelee_apres',
    'p_consommee_apres_w',
    'p_consommee_apres',
  ],
  status: ['statut', 'statut_renovation', 'etat', 'etat_renovation', 'status', 'avancement'],
  scheduledDate: [
    'date_programmation',
    'date_programmee',
    'date_prevue',
    'date_prevue_travaux',
    'date_planifiee',
  ],
  renovationDate: [
    'date_renovation',
    'date_de_renovation',
    'date_renov',
    'date_travaux',
    'date_des_travaux',
    'date_realisation',
    'date_remplacement',
  ],
  technologyAfter: [
    'technologie_apres',
    'type_lampe_apres',
    'source_lumineuse_apres',
    'techno_apres',
    'nouvelle_technologie',
    'nouvelle_source',
  ],
  powerAfterW: [
    'puissance_apres_w',
    'puissance_apres',
    'puissance_apres_travaux_w',
    'puissance_apres_travaux',
    'p_apres_w',
    'p_apres',
    'nouvelle_puissance_w',
    'nouvelle_puissance',
    'puissance_led_w',
    'puissance_led',
  ],
  dimmingHours: [
    'abaissement_h',
    'abaissement_heures',
    'heures_abaissement',
    'duree_abaissement_h',
    'duree_abaissement',
    'abaissement_apres_h',
  ],
  dimmingPercent: [
    'abaissement_pct',
    'abaissement',
    'taux_abaissement',
    'niveau_abaissement',
    'abaissement_apres_pct',
  ],
  switchOffHours: [
    'extinction_h',
    'extinction_heures',
    'heures_extinction',
    'duree_extinction_h',
    'duree_extinction',
    'extinction',
    'extinction_apres_h',
  ],
  dimmingHoursBefore: ['abaissement_avant_h', 'abaissement_avant_heures'],
  dimmingPercentBefore: ['abaissement_avant_pct', 'abaissement_avant'],
  switchOffHoursBefore: ['extinction_avant_h', 'extinction_avant_heures', 'extinction_avant'],
  colourTemperatureK: [
    'temperature_couleur_k',
    'temperature_couleur',
    'temperature_de_couleur_k',
    'temperature_de_couleur',
    'temp_couleur',
    'tc_k',
    'tc',
    'kelvin',
  ],
  fluxLm: ['flux_lm', 'flux', 'flux_lumineux_lm', 'flux_lumineux'],
  ulrPercent: ['ulr_pct', 'ulr', 'ulr_percent', 'ulor'],
  installYear: [
    'annee_pose',
    'annee_de_pose',
    'annee_installation',
    'date_pose',
    'date_installation',
    'date_de_pose',
  ],
};

/** Source column chosen for each field (null when the file has none), shown to the user after import. */
export type LightColumns = Record<LightField, string | null>;

/**
 * The column of each field: the user's choice in the import dialog when given (`overrides`, null = « aucune »),
 * else the first alias present in the file. A column is used for one field only.
 */
export function resolveLightColumns(
  fields: readonly string[],
  idColumn: string | null,
  overrides: Partial<LightColumns> = {},
): LightColumns {
  const byFolded = new Map<string, string>();
  for (const field of fields) {
    const folded = normaliseHeader(field);
    if (!byFolded.has(folded)) byFolded.set(folded, field);
  }
  const used = new Set<string>();
  const columns = {} as LightColumns;
  const keys = Object.keys(LIGHT_COLUMN_ALIASES) as LightField[];
  for (const field of keys) {
    const chosen = overrides[field];
    if (chosen === undefined || field === 'id') continue;
    if (chosen !== null && fields.includes(chosen)) used.add(chosen);
  }
  for (const field of keys) {
    const chosen = overrides[field];
    if (chosen !== undefined && field !== 'id') {
      columns[field] = chosen !== null && fields.includes(chosen) ? chosen : null;
      continue;
    }
    let found: string | null = null;
    // The user may have chosen « aucune »: no fallback for the identifier.
    if (field === 'id') {
      found = idColumn && fields.includes(idColumn) ? idColumn : null;
      if (found) used.add(found);
    }
    for (const alias of LIGHT_COLUMN_ALIASES[field]) {
      if (found) break;
      const source = byFolded.get(alias);
      if (source && !used.has(source)) found = source;
    }
    if (found) used.add(found);
    columns[field] = found;
  }
  return columns;
}

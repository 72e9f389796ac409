import type { MultiPolygon, Polygon } from 'geojson';
import { type FormEvent, useId, useState } from 'react';
import type { Brownfield } from '../../domain/friches/index.ts';
import {
  BUILDING_CONDITION,
  BUILDING_HERITAGE,
  BUILDING_VACANCY,
  OWNER_PERSON,
  SITE_STATUSES,
  SITE_TYPES,
  SOIL_POLLUTION,
  ZONE_TYPES,
} from '../../io/cnig/schema.ts';
import { useAppStore } from '../../state/store.ts';
import {
  communeAt,
  type FormField,
  type FormValues,
  initialValues,
  representativePoint,
  siteFromForm,
  suggestId,
  surfaceM2,
  today,
} from './siteRecord.ts';

interface FieldSpec {
  name: FormField;
  label: string;
  options?: readonly string[];
  type?: 'text' | 'date' | 'number';
  required?: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'site_id', label: 'Identifiant du site', required: true },
  { name: 'site_nom', label: 'Nom du site', required: true },
  { name: 'site_type', label: 'Type de site', options: SITE_TYPES, required: true },
  { name: 'site_statut', label: 'Statut', options: SITE_STATUSES },
  { name: 'site_adresse', label: 'Adresse' },
  { name: 'comm_nom', label: 'Commune', required: true },
  { name: 'comm_insee', label: 'Code INSEE', required: true },
  { name: 'site_identif_date', label: 'Date d’identification', type: 'date', required: true },
  { name: 'sol_pollution_existe', label: 'Pollution des sols', options: SOIL_POLLUTION },
  { name: 'urba_zone_type', label: 'Zone d’urbanisme', options: ZONE_TYPES },
  {
    name: 'urba_zaer',
    label: 'En zone d’accélération des EnR',
    options: ['oui', 'non', 'inconnu'],
    required: true,
  },
  { name: 'bati_etat', label: 'État du bâti', options: BUILDING_CONDITION },
  { name: 'bati_vacance', label: 'Vacance du bâti', options: BUILDING_VACANCY },
  { name: 'bati_patrimoine', label: 'Patrimoine bâti', options: BUILDING_HERITAGE },
  { name: 'proprio_personne', label: 'Propriétaire (personne)', options: OWNER_PERSON },
  { name: 'proprio_nom', label: 'Nom du propriétaire' },
  { name: 'unite_fonciere_surface', label: 'Surface de l’unité foncière (m²)', type: 'number' },
  { name: 'source_nom', label: 'Source', required: true },
];

export type SiteFormProps =
  | { mode: 'edit'; site: Brownfield; onDone: () => void }
  | { mode: 'new'; surface: Polygon | MultiPolygon; onDone: (site: Brownfield | null) => void };

/**
 * CNIG fields of a site, validated with the same rules as an import (`validateRecord`). A new site comes
 * from a drawn perimeter: commune, surface and identifier are proposed from it.
 */
export function SiteForm(props: SiteFormProps) {
  const territory = useAppStore((s) => s.territory);
  const sites = useAppStore((s) => s.frichesSites);
  const upsert = useAppStore((s) => s.upsertFrichesSite);
  const prefix = useId();
  const [errors, setErrors] = useState<string[]>([]);
  const [values, setValues] = useState<FormValues>(() => {
    if (props.mode === 'edit') return initialValues(props.site, {});
    const point = representativePoint(props.surface);
    const commune = territory ? communeAt(point, territory.communes) : null;
    return initialValues(null, {
      site_id: suggestId(commune?.insee ?? '00000', new Set(sites.map((s) => s.id))),
      comm_nom: commune?.name ?? '',
      comm_insee: commune?.insee ?? '',
      site_identif_date: today(),
      site_type: 'inconnu',
      urba_zaer: 'inconnu',
      unite_fonciere_surface: String(surfaceM2(props.surface)),
      source_nom: 'Saisie Atlas COTRI',
    });
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const surface = props.mode === 'edit' ? props.site.surface : props.surface;
    const point = props.mode === 'edit' ? props.site.point : representativePoint(props.surface);
    const id = values.site_id.trim();
    if (props.mode === 'new' && sites.some((s) => s.id === id)) {
      setErrors([`site_id (identifiant du site) : « ${id} » est déjà utilisé dans l’inventaire`]);
      return;
    }
    const territoryInsee =
      props.mode === 'edit'
        ? props.site.territoryInsee
        : territory
          ? (communeAt(point, territory.communes)?.insee ?? null)
          : null;
    const base = props.mode === 'edit' ? props.site.record : {};
    const result = siteFromForm(values, base, point, surface, territoryInsee);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    const site =
      props.mode === 'edit'
        ? { ...result.site, row: props.site.row, raw: props.site.raw, flags: [] }
        : result.site;
    upsert(site);
    if (props.mode === 'edit') props.onDone();
    else props.onDone(site);
  };

  return (
    <form className="friches-form" onSubmit={submit} noValidate data-testid="friches-site-form">
      <div className="form-grid">
        {FIELDS.map((f) => {
          const id = `${prefix}-${f.name}`;
          const readOnly = props.mode === 'edit' && f.name === 'site_id';
          const onChange = (value: string) => setValues((v) => ({ ...v, [f.name]: value }));
          return (
            <div key={f.name} className="form-field">
              <label htmlFor={id}>
                {f.label}
                {f.required ? <span aria-hidden="true"> *</span> : null}
              </label>
              {f.options ? (
                <select
                  id={id}
                  value={values[f.name]}
                  onChange={(e) => onChange(e.target.value)}
                  required={f.required}
                >
                  <option value="">— non renseigné —</option>
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type={f.type === 'number' ? 'text' : (f.type ?? 'text')}
                  inputMode={f.type === 'number' ? 'numeric' : undefined}
                  value={values[f.name]}
                  readOnly={readOnly}
                  required={f.required}
                  onChange={(e) => onChange(e.target.value)}
                />
              )}
            </div>
          );
        })}
      </div>
      <p className="muted small">
        * champ obligatoire du standard CNIG. Les autres champs du site sont conservés.
      </p>
      {errors.length > 0 ? (
        <ul className="error form-errors" role="alert">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <div className="toolbar">
        <button type="submit" className="primary">
          {props.mode === 'edit' ? 'Enregistrer les modifications' : 'Ajouter le site à l’inventaire'}
        </button>
        <button type="button" onClick={() => (props.mode === 'edit' ? props.onDone() : props.onDone(null))}>
          Annuler
        </button>
      </div>
    </form>
  );
}

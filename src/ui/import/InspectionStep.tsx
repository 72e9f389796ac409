import { type ReactNode, useId } from 'react';
import type { CrsCode } from '../../io/types.ts';
import { detectedCrs, geometryInFeatures, mappingProblem } from './inspection.ts';
import {
  CRS_CHOICES,
  type CrsChoice,
  crsLabel,
  delimiterLabel,
  ENCODING_LABELS,
  FORMAT_LABELS,
} from './labels.ts';
import { MappingFields } from './MappingFields.tsx';
import { ModuleMappingFields } from './ModuleMappingFields.tsx';
import type { ModuleMappingSpec } from './moduleMapping.ts';
import { PreviewTable } from './PreviewTable.tsx';
import type { Draft } from './useImportFlow.ts';

/** What was detected in the file, the coordinate system and the column mapping, for the user to confirm. */
export function InspectionStep({
  draft,
  message,
  options,
  moduleMapping,
  onChange,
  onLayer,
}: {
  draft: Draft;
  /** Another layer of a multi-layer file chosen: the file is inspected again on that layer. */
  onLayer?: (layer: string) => void;
  /** The module's own columns, when it declares them. */
  moduleMapping?: ModuleMappingSpec | undefined;
  message: { text: string; alert: boolean } | null;
  /** The module's own choices (layer role, personal data…). */
  options?: ReactNode;
  onChange: (change: Partial<Pick<Draft, 'mapping' | 'crs' | 'moduleColumns'>>) => void;
}) {
  const crsId = useId();
  const { inspection, mapping } = draft;
  const detection = detectedCrs(inspection, mapping);
  const problem = mappingProblem(inspection, mapping);
  const hasCoordinates = geometryInFeatures(inspection) || !!mapping.x || !!mapping.wkt;
  return (
    <div className="import-step" data-testid="import-inspection">
      {message ? (
        <p
          role={message.alert ? 'alert' : 'status'}
          className={message.alert ? 'import-error' : 'import-info'}
        >
          {message.text}
        </p>
      ) : null}
      {inspection.layers.length > 1 ? (
        <p className="import-layer">
          <label htmlFor={`${crsId}-layer`}>
            Couche à importer ({inspection.layers.length} dans le fichier)
          </label>{' '}
          <select
            id={`${crsId}-layer`}
            data-testid="import-layer"
            value={draft.layer ?? ''}
            onChange={(e) => onLayer?.(e.target.value)}
          >
            {inspection.layers.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
                {l.geometryType ? ` — ${l.geometryType}` : ''}
                {l.count >= 0
                  ? ` — ${l.count.toLocaleString('fr-FR')} ${l.count > 1 ? 'entités' : 'entité'}`
                  : ''}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <dl className="import-facts">
        <div>
          <dt>Format</dt>
          <dd data-testid="import-format">{inspection.format ? FORMAT_LABELS[inspection.format] : '—'}</dd>
        </div>
        {inspection.encoding ? (
          <div>
            <dt>Encodage</dt>
            <dd data-testid="import-encoding">{ENCODING_LABELS[inspection.encoding]}</dd>
          </div>
        ) : null}
        {inspection.delimiter ? (
          <div>
            <dt>Séparateur</dt>
            <dd data-testid="import-delimiter">{delimiterLabel(inspection.delimiter)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Lignes de données</dt>
          <dd data-testid="import-rows">{inspection.rows.toLocaleString('fr-FR')}</dd>
        </div>
        <div>
          <dt>Coordonnées détectées</dt>
          <dd data-testid="import-crs">
            {detection?.crs ? crsLabel(detection.crs) : hasCoordinates ? 'non reconnues' : 'aucune'}
          </dd>
        </div>
      </dl>
      {detection?.reason ? <p className="import-muted import-small">{detection.reason}</p> : null}
      {detection && !detection.crs && detection.candidates.length > 0 && draft.crs === 'auto' ? (
        <div className="import-warning" role="alert" data-testid="import-crs-candidates">
          <p>Plusieurs systèmes de coordonnées placent ces points en France : choisissez celui du fichier.</p>
          <ul>
            {[...new Set(detection.candidates.map((c) => c.crs))].map((crs) => (
              <li key={crs}>
                <button type="button" className="import-link" onClick={() => onChange({ crs })}>
                  {crsLabel(crs)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {detection?.swapped ? (
        <p className="import-warning" role="status" data-testid="import-swapped">
          Les axes semblent inversés (latitude dans la colonne X, longitude dans la colonne Y) : ils seront
          remis dans l’ordre à l’import et le rapport le signalera.
        </p>
      ) : null}
      {hasCoordinates ? (
        <div className="import-crs">
          <label htmlFor={crsId}>Système de coordonnées</label>
          <select
            id={crsId}
            data-testid="import-crs-choice"
            value={draft.crs}
            onChange={(e) => onChange({ crs: e.target.value as CrsChoice })}
          >
            <option value="auto">
              Automatique{detection?.crs ? ` (détecté : ${crsLabel(detection.crs)})` : ''}
            </option>
            {CRS_CHOICES.map((c) => (
              <option key={c.value} value={c.value satisfies CrsCode}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {draft.remembered ? (
        <p className="import-info import-small" data-testid="import-remembered">
          Correspondance reprise de votre dernier import d’un fichier ayant les mêmes colonnes.
        </p>
      ) : null}
      <MappingFields inspection={inspection} mapping={mapping} onChange={(m) => onChange({ mapping: m })} />
      {moduleMapping && draft.moduleColumns ? (
        <ModuleMappingFields
          inspection={inspection}
          spec={moduleMapping}
          columns={draft.moduleColumns}
          onChange={(moduleColumns) => onChange({ moduleColumns })}
        />
      ) : null}
      {problem ? (
        <p className="import-error" role="alert">
          {problem}
        </p>
      ) : null}
      {options ? <div className="import-options">{options}</div> : null}
      <PreviewTable inspection={inspection} mapping={mapping} />
    </div>
  );
}

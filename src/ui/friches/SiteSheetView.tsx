import { useMemo, useState } from 'react';
import { siteSheet } from '../../domain/friches/index.ts';
import {
  MUTAFRICHES_USE_LABELS,
  MUTAFRICHES_VERSION,
  type MutafrichesUse,
  mutafrichesScore,
} from '../../domain/friches/mutafriches.ts';
import { frichesProfile } from '../../state/frichesSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { RecordHistory } from '../team/HistoryList.tsx';
import { useTeamReadOnly } from '../team/permissions.ts';
import { ContributionChart } from './ContributionChart.tsx';
import { formatPercent, formatScore, formatWeight } from './format.ts';
import { PinForm } from './PinForm.tsx';
import { flyToSite, ScoreInterval } from './RankingTable.tsx';
import { SiteForm } from './SiteForm.tsx';
import type { FrichesView } from './useFrichesAnalysis.ts';

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const USES = Object.keys(MUTAFRICHES_USE_LABELS) as MutafrichesUse[];

const normalisedText = (x: number | null) => (x === null ? '—' : formatScore(x));

/** Per-site sheet: figures, contribution chart, criteria table with missing data explained, pin, edit. */
export function SiteSheetView({ view }: { view: FrichesView }) {
  const selected = useAppStore((s) => s.frichesSelected);
  const select = useAppStore((s) => s.selectFriche);
  const [editing, setEditing] = useState<string | null>(null);
  const readOnly = useTeamReadOnly('friches');
  const row = selected ? view.rowById.get(selected) : undefined;
  const sheet = useMemo(
    () =>
      row
        ? siteSheet(view.matrix, frichesProfile(view.weights), view.ranking, view.stability, row.index)
        : null,
    [row, view],
  );
  if (!row || !sheet) {
    return (
      <p className="hint" data-testid="friches-sheet-hint">
        Choisissez un site dans le tableau ou sur la carte pour afficher sa fiche.
      </p>
    );
  }
  const { site } = row;
  const missing = sheet.lines.filter((l) => l.missing !== null);
  return (
    <article className="friches-sheet" aria-labelledby="friches-sheet-title" data-testid="friches-sheet">
      <header className="friches-sheet-header">
        <h3 id="friches-sheet-title">{site.name}</h3>
        <button type="button" className="link" onClick={() => select(null)}>
          Fermer la fiche
        </button>
      </header>
      <p className="muted">
        {site.id} · {site.communeName ?? 'commune non renseignée'}
        {site.insee ? ` (${site.insee})` : ''} · {site.status ?? 'statut non renseigné'}
        {site.territoryInsee === null ? ' · hors du territoire' : ''}
      </p>
      <dl className="facts">
        <dt>Rang</dt>
        <dd data-testid="friches-sheet-rank">{sheet.rank ?? 'hors classement'}</dd>
        <dt>Score</dt>
        <dd>
          {formatScore(sheet.score)}
          {sheet.scoreMin !== null && sheet.scoreMax !== null ? (
            <span className="muted">
              {' '}
              (entre {formatScore(sheet.scoreMin)} et {formatScore(sheet.scoreMax)} selon les critères non
              renseignés)
            </span>
          ) : null}
          <ScoreInterval min={sheet.scoreMin} max={sheet.scoreMax} score={sheet.score} />
        </dd>
        <dt>Fiabilité</dt>
        <dd>{formatPercent(sheet.reliability)} du poids des critères renseigné</dd>
        <dt>Probabilité top 5</dt>
        <dd>{formatPercent(sheet.topProbability)}</dd>
      </dl>
      <p className="small" data-testid="friches-sheet-mutafriches">
        Indice Mutafriches (ADEME, algorithme {MUTAFRICHES_VERSION}) :{' '}
        {USES.map(
          (u) =>
            `${MUTAFRICHES_USE_LABELS[u]} ${decimal.format(mutafrichesScore(view.matrix, row.index, u).index)} %`,
        ).join(' · ')}{' '}
        <span className="muted">
          (fiabilité {decimal.format(mutafrichesScore(view.matrix, row.index, 'residentiel').reliability)} /
          10)
        </span>
      </p>
      {sheet.exclusion ? <p className="warning">écarté : {sheet.exclusion}.</p> : null}
      {sheet.outsideTerritory ? (
        <p className="warning">Site hors du territoire : conservé et signalé, jamais classé.</p>
      ) : null}
      {site.flags.length > 0 ? (
        <details className="friches-flags">
          <summary>
            {site.flags.length === 1
              ? '1 valeur ignorée ou à vérifier à l’import'
              : `${site.flags.length} valeurs ignorées ou à vérifier à l’import`}
          </summary>
          <ul>
            {site.flags.map((f) => (
              <li key={`${f.field}-${f.message}`}>{f.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <ContributionChart lines={sheet.lines} score={sheet.score} />
      <table className="friches-criteria">
        <caption className="sr-only">Détail des critères</caption>
        <thead>
          <tr>
            <th scope="col">Critère</th>
            <th scope="col">Valeur</th>
            <th scope="col" title="Valeur ramenée entre 0 (défavorable) et 1 (favorable)">
              Normalisée
            </th>
            <th scope="col">Poids</th>
            <th scope="col" title="Points de score apportés">
              Contrib.
            </th>
          </tr>
        </thead>
        <tbody>
          {sheet.lines.map((l) => (
            <tr key={l.id} className={l.missing ? 'missing' : ''}>
              <th scope="row" title={l.description}>
                {l.label}
                {l.inverted ? <span className="inverted-tag"> (lu à l’envers)</span> : null}
              </th>
              <td>{l.rawText}</td>
              <td className="num">{normalisedText(l.normalised)}</td>
              <td className="num">{formatWeight(l.weight)}</td>
              <td className="num">{l.contribution === null ? '—' : formatScore(l.contribution)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 ? (
        <div className="friches-missing" data-testid="friches-missing">
          <strong>Critères non renseignés</strong> (ni bonus ni malus, mais la fiabilité baisse) :
          <ul>
            {missing.map((l) => (
              <li key={l.id}>
                {l.label} : {l.missing}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <PinForm key={site.id} siteId={site.id} />
      <div className="toolbar">
        <button type="button" onClick={() => flyToSite(view, site.id)}>
          Centrer la carte sur le site
        </button>
        {readOnly ? null : (
          <button type="button" onClick={() => setEditing(editing === site.id ? null : site.id)}>
            {editing === site.id ? 'Annuler la modification' : 'Modifier la fiche'}
          </button>
        )}
      </div>
      {readOnly ? (
        <p className="muted" data-testid="friches-sheet-read-only">
          {readOnly}
        </p>
      ) : editing === site.id ? (
        <SiteForm mode="edit" site={site} onDone={() => setEditing(null)} />
      ) : null}
      <RecordHistory module="friches" id={site.id} />
    </article>
  );
}

import { useState } from 'react';
import { formatProjectError } from '../../io/project/import.ts';
import { agree } from '../../lib/plural.ts';
import { currentPersistence, usePersistenceStatus } from '../../state/persistence.ts';
import type { KeptSummary } from '../../storage/index.ts';
import { downloadBlob, safeFileName } from '../download.ts';

const SHOWN_DETAILS = 5;

/** « Recharger » / « Écraser » when another tab saved; storage problems. Never hidden while unresolved. */
export function PersistenceBanner() {
  const conflict = usePersistenceStatus((s) => s.conflict);
  const error = usePersistenceStatus((s) => s.error);
  const details = usePersistenceStatus((s) => s.details);
  const notices = usePersistenceStatus((s) => s.notices);
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const overwrite = async () => {
    const persistence = await currentPersistence();
    if (!persistence) return;
    setBusy(true);
    const result = await persistence.overwrite();
    setBusy(false);
    setFailure(result.ok ? null : result.message);
  };
  const reload = async () => (await currentPersistence())?.reloadFromStorage();

  const kept = usePersistenceStatus((s) => s.kept);
  const messages = [...(error ? [error] : []), ...notices].filter((m) => !dismissed.includes(m));
  if (!conflict && messages.length === 0 && kept.length === 0) return null;
  return (
    <div className="persistence-banners">
      {kept.map((copy) => (
        <KeptBanner key={copy.key} copy={copy} />
      ))}
      {conflict ? (
        <div className="persistence-banner persistence-banner--conflict" role="alert">
          <p>
            <strong>Ces données ont été modifiées dans un autre onglet.</strong>{' '}
            {conflict === 'refused'
              ? 'Les modifications de cet onglet n’ont pas été enregistrées.'
              : 'Les prochaines modifications de cet onglet ne seront pas enregistrées avant votre choix.'}
          </p>
          <p className="persistence-banner__hint">
            « Recharger » affiche les données de l’autre onglet (les modifications non enregistrées ici sont
            abandonnées) ; « Écraser » les remplace par les données de cet onglet.
          </p>
          {failure ? <p className="persistence-banner__hint">{failure}</p> : null}
          <div className="persistence-banner__actions">
            <button type="button" className="project-button project-button--primary" onClick={reload}>
              Recharger
            </button>
            <button
              type="button"
              className="project-button project-button--danger"
              onClick={overwrite}
              disabled={busy}
            >
              Écraser
            </button>
          </div>
        </div>
      ) : null}
      {messages.map((message) => (
        <div key={message} className="persistence-banner" role="alert">
          <p>{message}</p>
          {message === error && details.length > 0 ? (
            <ul>
              {details.slice(0, SHOWN_DETAILS).map((d) => (
                <li key={d}>{d}</li>
              ))}
              {details.length > SHOWN_DETAILS ? (
                <li>
                  … et {details.length - SHOWN_DETAILS}{' '}
                  {agree(details.length - SHOWN_DETAILS, 'autre', 'autres')}.
                </li>
              ) : null}
            </ul>
          ) : null}
          <div className="persistence-banner__actions">
            <button
              type="button"
              className="project-button project-button--plain"
              onClick={() => setDismissed([...dismissed, message])}
            >
              Masquer
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

/** A stored workspace that could not be used, kept aside: export it (for the support) or delete it. */
function KeptBanner({ copy }: { copy: KeptSummary }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const day = new Date(copy.keptAt);
  const exportCopy = async () => {
    const text = await (await currentPersistence())?.exportKept(copy.key);
    if (!text) return setFailure('Export impossible : stockage du navigateur indisponible.');
    downloadBlob(
      new Blob([text], { type: 'application/json' }),
      safeFileName('atlas-cotri-copie-conservee', 'json', day),
    );
  };
  const drop = async () => {
    // Deleting is the one irreversible action here: a second click confirms it.
    if (!confirming) return setConfirming(true);
    const result = await (await currentPersistence())?.dropKept(copy.key);
    if (result && !result.ok) setFailure(result.message);
  };
  return (
    <div className="persistence-banner" role="alert" data-testid="kept-banner">
      <p>
        <strong>Des données enregistrées n’ont pas pu être utilisées</strong> (le{' '}
        {day.toLocaleDateString('fr-FR')} à {day.toLocaleTimeString('fr-FR')}) : {copy.reason}
      </p>
      {copy.errors.length > 0 ? (
        <ul>
          {copy.errors.map((e) => (
            <li key={formatProjectError(e)}>{formatProjectError(e)}</li>
          ))}
        </ul>
      ) : null}
      <p className="persistence-banner__hint">
        Elles sont conservées à part dans ce navigateur, sans rien supprimer ; l’application est repartie des
        données d’exemple. Exportez la copie conservée pour la transmettre au support.
      </p>
      {failure ? <p className="persistence-banner__hint">{failure}</p> : null}
      <div className="persistence-banner__actions">
        <button type="button" className="project-button project-button--primary" onClick={exportCopy}>
          Exporter la copie conservée
        </button>
        <button type="button" className="project-button project-button--danger" onClick={drop}>
          {confirming ? 'Confirmer la suppression définitive' : 'Supprimer la copie'}
        </button>
      </div>
    </div>
  );
}

import { type FormEvent, useEffect, useId, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { Dialog } from '../project/Dialog.tsx';
import {
  goToServer,
  joinTeamHere,
  rememberedServerUrl,
  serverPage,
  teamServerHere,
  workLocally,
} from './teamMode.ts';

/**
 * « Projet → Espace d'équipe »: from standalone mode, the team server's address (its page opens: sign-in, then
 * the team's data), or the team of the server serving this page when the user chose to work locally here; in
 * team mode, « Travailler en local » goes back to this browser's local workspace, as it was left. The app's
 * security policy lets it talk to its own origin only, so another server is opened, not called from here.
 */
export function TeamEntryButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button type="button" onClick={onOpen}>
      Espace d’équipe…
    </button>
  );
}

export function TeamEntryDialog({ onClose }: { onClose: () => void }) {
  const team = useAppStore((s) => s.teamMode === 'team');
  const [here, setHere] = useState<boolean | null>(null);
  const [address, setAddress] = useState(rememberedServerUrl);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  useEffect(() => {
    let live = true;
    void teamServerHere().then((h) => live && setHere(h));
    return () => {
      live = false;
    };
  }, []);

  if (team)
    return (
      <Dialog
        title="Espace d’équipe"
        onClose={onClose}
        actions={[
          { label: 'Rester dans l’espace d’équipe', onClick: onClose },
          { label: 'Travailler en local', kind: 'primary', onClick: workLocally },
        ]}
      >
        <p>Vous travaillez dans l’espace d’équipe de ce serveur : les données viennent du serveur.</p>
        <p>
          « Travailler en local » rouvre l’espace de ce navigateur (sans compte), tel que vous l’avez laissé :
          les données de l’équipe n’y sont pas copiées. Les modifications en attente d’envoi restent gardées
          pour votre prochaine connexion.
        </p>
      </Dialog>
    );

  const open = (event?: FormEvent) => {
    event?.preventDefault();
    const page = serverPage(address);
    if (!page.ok) setError(page.message);
    else if (page.url === `${window.location.origin}/` && here) joinTeamHere();
    else goToServer(page.url);
  };
  return (
    <Dialog
      title="Espace d’équipe"
      onClose={onClose}
      actions={[
        { label: 'Annuler', onClick: onClose },
        ...(here ? [{ label: 'Rejoindre l’équipe de ce serveur', onClick: joinTeamHere }] : []),
        { label: 'Ouvrir l’espace d’équipe', kind: 'primary' as const, onClick: () => open() },
      ]}
    >
      <p>
        Travaillez à plusieurs sur les mêmes données : chacun se connecte avec le compte que l’administrateur
        lui a créé, selon son rôle et son périmètre.
      </p>
      {here ? <p data-testid="team-entry-here">Ce serveur héberge un espace d’équipe.</p> : null}
      <form onSubmit={open} className="team-entry">
        <label htmlFor={inputId}>Adresse du serveur d’équipe</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          placeholder="https://atlas.pays-boulonnais.fr"
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
      <p className="muted">
        Vos données locales restent dans ce navigateur, intactes : elles ne sont ni envoyées au serveur ni
        remplacées par celles de l’équipe.
      </p>
    </Dialog>
  );
}

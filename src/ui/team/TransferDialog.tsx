import { useRef, useState } from 'react';
import type { Workspace } from '../../io/project/workspace.ts';
import { agree } from '../../lib/plural.ts';
import { syncNow } from '../../state/teamSync.ts';
import type { SyncModule } from '../../storage/syncClient.ts';
import {
  type AppliedCounts,
  applyTransfer,
  type PlannedRecord,
  previewTransfer,
  type TransferOutcome,
  type TransferPreview,
} from '../../storage/transferClient.ts';
import { formatInt } from '../format.ts';
import { Dialog } from '../project/Dialog.tsx';
import './team.css';
import { readProjectFile } from '../project/projectFile.ts';
import { type ModuleOffer, offersOf, readLocalWorkspace, sentModules } from './transferSources.ts';

type Step =
  | { kind: 'choose'; error: string | null }
  | { kind: 'working'; text: string }
  | { kind: 'preview'; source: string; offers: ModuleOffer[]; preview: TransferPreview; stale: string | null }
  | { kind: 'done'; applied: Partial<Record<SyncModule, AppliedCounts>>; refused: number };

const OUTCOME_LABELS: Record<TransferOutcome, [string, string]> = {
  added: ['ajouté', 'ajoutés'],
  updated: ['mis à jour', 'mis à jour'],
  conflict: ['en conflit', 'en conflit'],
  unchanged: ['inchangé', 'inchangés'],
  refused: ['refusé', 'refusés'],
};
const OUTCOMES = Object.keys(OUTCOME_LABELS) as TransferOutcome[];
const SHOWN = 200;

const countLabel = (n: number, o: TransferOutcome) => `${formatInt(n)} ${agree(n, ...OUTCOME_LABELS[o])}`;

const shown = (value: unknown): string =>
  value === null || value === undefined || value === ''
    ? '(vide)'
    : typeof value === 'object'
      ? 'autre position'
      : String(value);

function detail(r: PlannedRecord): string {
  if (r.outcome === 'refused') return r.reason ?? 'refusé';
  const changes = (r.changes ?? []).map((c) => `${c.field} : ${shown(c.theirs)} → ${shown(c.mine)}`);
  const by = r.outcome === 'conflict' && r.updatedBy ? ` (équipe : modifié par ${r.updatedBy})` : '';
  return [r.reason, ...changes].filter(Boolean).join(' ; ') + by;
}

/** « Envoyer mon espace local vers l'équipe »: choose the source, inspect the merge preview, apply it. */
export function TransferDialog({ onClose }: { onClose: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose', error: null });
  const [keepMine, setKeepMine] = useState<Record<string, Set<string>>>({});
  const fileInput = useRef<HTMLInputElement>(null);

  const previewOf = async (source: string, workspace: Workspace | null) => {
    if (!workspace) return setStep({ kind: 'choose', error: `${source} : aucune donnée enregistrée.` });
    const offers = offersOf(workspace, window.location.origin);
    const modules = sentModules(offers);
    if (Object.keys(modules).length === 0)
      return setStep({ kind: 'preview', source, offers, preview: { plan: '', modules: {} }, stale: null });
    setStep({ kind: 'working', text: 'Comparaison avec l’espace d’équipe…' });
    const answer = await previewTransfer(modules);
    if (!answer.ok) return setStep({ kind: 'choose', error: answer.message });
    setKeepMine({});
    setStep({ kind: 'preview', source, offers, preview: answer.value, stale: null });
  };

  const fromLocal = async () => {
    setStep({ kind: 'working', text: 'Lecture de l’espace local de ce navigateur…' });
    const local = await readLocalWorkspace();
    if (!local.ok) return setStep({ kind: 'choose', error: local.message });
    await previewOf('Espace local de ce navigateur', local.workspace);
  };

  const fromFile = async (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = '';
    if (!file) return;
    setStep({ kind: 'working', text: `Lecture de ${file.name}…` });
    const read = await readProjectFile(file);
    if (!read.ok) return setStep({ kind: 'choose', error: `${file.name} : ${read.errors.join(' ')}` });
    await previewOf(file.name, read.workspace);
  };

  const apply = async (current: Extract<Step, { kind: 'preview' }>) => {
    setStep({ kind: 'working', text: 'Envoi vers l’espace d’équipe (une seule transaction)…' });
    const mine = Object.fromEntries(Object.entries(keepMine).map(([m, ids]) => [m, [...ids]]));
    const answer = await applyTransfer(sentModules(current.offers), current.preview.plan, mine);
    if (answer.ok) {
      void syncNow();
      const applied = answer.value.applied;
      const refused = Object.values(applied).reduce((n, c) => n + (c?.refused ?? 0), 0);
      return setStep({ kind: 'done', applied, refused });
    }
    if (answer.kind === 'stale') {
      setKeepMine({});
      return setStep({ ...current, preview: answer.preview, stale: answer.message });
    }
    setStep({ ...current, stale: answer.message });
  };

  if (step.kind === 'working')
    return (
      <Dialog title="Envoyer vers l’équipe" actions={[]} onClose={() => undefined}>
        <p role="status">{step.text}</p>
      </Dialog>
    );

  if (step.kind === 'done')
    return (
      <Dialog
        title="Envoyé vers l’espace d’équipe"
        actions={[{ label: 'Fermer', kind: 'primary', onClick: onClose }]}
        onClose={onClose}
      >
        <ul className="project-dialog__lines" data-testid="transfer-result">
          {Object.entries(step.applied).map(([m, c]) => (
            <li key={m}>
              {m === 'lights' ? 'Éclairage public' : m} : {countLabel(c.added, 'added')},{' '}
              {countLabel(c.updated + c.conflictMine, 'updated')}, {formatInt(c.conflictTheirs)} laissés à la
              version de l’équipe, {countLabel(c.refused, 'refused')}.
            </li>
          ))}
        </ul>
        {step.refused > 0 ? <p>Les enregistrements refusés sont restés dans votre espace local.</p> : null}
      </Dialog>
    );

  if (step.kind === 'choose')
    return (
      <Dialog
        title="Envoyer mon espace local vers l’équipe"
        onClose={onClose}
        actions={[
          { label: 'Annuler', onClick: onClose },
          { label: 'Choisir un fichier de projet…', onClick: () => fileInput.current?.click() },
          { label: 'Espace local de ce navigateur', kind: 'primary', onClick: () => void fromLocal() },
        ]}
      >
        <p>
          Les données de votre espace local (ou d’un fichier de projet exporté) sont comparées à celles de
          l’équipe : vous voyez, module par module, ce qui serait ajouté, mis à jour ou en conflit avant que
          rien ne soit envoyé. L’envoi se fait ensuite en une seule fois : tout ou rien.
        </p>
        {step.error ? (
          <p className="team-transfer__error" role="alert">
            {step.error}
          </p>
        ) : null}
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label="Fichier de projet à envoyer"
          data-testid="transfer-file-input"
          tabIndex={-1}
          onChange={(e) => void fromFile(e.target.files?.[0])}
        />
      </Dialog>
    );

  const { preview, offers } = step;
  // What « Envoyer » writes: added and updated records, and the conflicts where « garder la mienne ».
  const sent = Object.entries(preview.modules).reduce(
    (n, [name, p]) => n + p!.counts.added + p!.counts.updated + (keepMine[name]?.size ?? 0),
    0,
  );
  const choose = (module: string, ids: string[], mine: boolean) =>
    setKeepMine((k) => {
      const next = new Set(k[module]);
      for (const id of ids) mine ? next.add(id) : next.delete(id);
      return { ...k, [module]: next };
    });
  return (
    <Dialog
      title="Aperçu de l’envoi vers l’équipe"
      onClose={onClose}
      actions={[
        { label: 'Annuler', onClick: onClose },
        {
          label: `Envoyer ${formatInt(sent)} ${agree(sent, 'enregistrement', 'enregistrements')}`,
          kind: 'primary',
          disabled: sent === 0,
          onClick: () => void apply(step),
        },
      ]}
    >
      <p>
        Source : <strong>{step.source}</strong>. Rien n’est envoyé avant « Envoyer ».
      </p>
      {step.stale ? (
        <p className="team-transfer__error" role="alert">
          {step.stale}
        </p>
      ) : null}
      {offers.map((offer) => {
        const p = preview.modules[offer.module as SyncModule];
        return (
          <section
            key={offer.module}
            className="team-transfer__module"
            data-testid={`transfer-${offer.module}`}
          >
            <h3>{offer.label}</h3>
            {offer.note || !p ? (
              <p>{offer.note ?? 'rien à envoyer.'}</p>
            ) : (
              <ModulePreviewView
                module={offer.module}
                preview={p}
                mine={keepMine[offer.module] ?? new Set()}
                choose={choose}
              />
            )}
          </section>
        );
      })}
    </Dialog>
  );
}

function ModulePreviewView({
  module,
  preview,
  mine,
  choose,
}: {
  module: string;
  preview: NonNullable<TransferPreview['modules'][SyncModule]>;
  mine: ReadonlySet<string>;
  choose: (module: string, ids: string[], mine: boolean) => void;
}) {
  const [filter, setFilter] = useState<TransferOutcome | 'all'>('all');
  const listed = preview.records.filter((r) => filter === 'all' || r.outcome === filter);
  const conflicts = preview.records.filter((r) => r.outcome === 'conflict').map((r) => r.id);
  return (
    <>
      <ul className="team-transfer__counts">
        {OUTCOMES.map((o) => (
          <li key={o} data-testid={`transfer-count-${module}-${o}`} data-count={preview.counts[o]}>
            {countLabel(preview.counts[o], o)}
          </li>
        ))}
      </ul>
      {conflicts.length > 0 ? (
        <p className="team-transfer__conflicts">
          En conflit : l’équipe a aussi modifié ces enregistrements. Par défaut, la version de l’équipe est
          gardée.{' '}
          <button type="button" onClick={() => choose(module, conflicts, true)}>
            Garder toutes les miennes
          </button>{' '}
          <button type="button" onClick={() => choose(module, conflicts, false)}>
            Garder toutes celles de l’équipe
          </button>
        </p>
      ) : null}
      {preview.records.length > 0 ? (
        <>
          <label className="team-transfer__filter">
            Afficher{' '}
            <select value={filter} onChange={(e) => setFilter(e.target.value as TransferOutcome | 'all')}>
              <option value="all">tout ce qui change</option>
              {OUTCOMES.filter((o) => o !== 'unchanged' && preview.counts[o] > 0).map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o][1]}
                </option>
              ))}
            </select>
          </label>
          <div className="team-transfer__list">
            <table className="team-transfer__records" data-testid={`transfer-records-${module}`}>
              <thead>
                <tr>
                  <th scope="col">Identifiant</th>
                  <th scope="col">Résultat</th>
                  <th scope="col">Détail</th>
                </tr>
              </thead>
              <tbody>
                {listed.slice(0, SHOWN).map((r) => (
                  <tr key={`${r.id}-${r.outcome}`} data-outcome={r.outcome}>
                    <td>{r.id}</td>
                    <td>
                      {r.outcome === 'conflict' ? (
                        <select
                          aria-label={`Version à garder pour ${r.id}`}
                          value={mine.has(r.id) ? 'mine' : 'theirs'}
                          onChange={(e) => choose(module, [r.id], e.target.value === 'mine')}
                        >
                          <option value="theirs">garder celle de l’équipe</option>
                          <option value="mine">garder la mienne</option>
                        </select>
                      ) : (
                        OUTCOME_LABELS[r.outcome][0]
                      )}
                    </td>
                    <td>{detail(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {listed.length > SHOWN ? <p>… et {formatInt(listed.length - SHOWN)} autres.</p> : null}
        </>
      ) : null}
    </>
  );
}

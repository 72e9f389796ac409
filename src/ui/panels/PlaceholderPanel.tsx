import { useAppStore } from '../../state/store.ts';
import type { ModuleId } from '../../state/uiSlice.ts';
import type { ModuleView } from '../modules.ts';
import { CommunePanel } from './CommunePanel.tsx';

const COMING: Record<string, { title: string; text: string }> = {
  lights: {
    title: 'Éclairage public',
    text: 'Inventaire des points lumineux, suivi des rénovations facteur 4 / facteur 2 et localisation des points à rénover.',
  },
  advice: {
    title: 'Conseils énergie',
    text: 'Enregistrement des conseils France Rénov’ et suivi jusqu’aux travaux (objectif : 2 000 conseils, 90 % de passage à l’acte).',
  },
  friches: {
    title: 'Friches',
    text: 'Inventaire au standard CNIG, analyse multicritère et liste restreinte des 5 friches à fort enjeu de reconversion.',
  },
  dashboard: {
    title: 'Tableau de bord',
    text: 'Cartes d’avancement par commune, trajectoire du contrat et mode présentation pour les conseils communautaires.',
  },
};

/** Says what a module will do without showing a single invented number. */
export function PlaceholderPanel({ module }: { module: string }) {
  const info = COMING[module];
  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="placeholder-title">
      <h2 id="placeholder-title">{info.title}</h2>
      <p>{info.text}</p>
      <p className="muted">Module en préparation : aucune donnée n’est encore affichée ici.</p>
    </section>
  );
}

function PlaceholderModulePanel() {
  const module = useAppStore((s) => s.module);
  return (
    <>
      <PlaceholderPanel module={module} />
      <CommunePanel />
    </>
  );
}

export function placeholderModule(id: ModuleId): ModuleView {
  return { id, Panel: PlaceholderModulePanel };
}

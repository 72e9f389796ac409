import { useAppStore } from '../state/store.ts';
import { MODULES } from '../state/uiSlice.ts';
import { ProjectMenu } from './project/ProjectMenu.tsx';
import { TeamIdentity } from './team/TeamGate.tsx';

export function TopBar() {
  const module = useAppStore((s) => s.module);
  const basemap = useAppStore((s) => s.basemap);
  const setBasemap = useAppStore((s) => s.setBasemap);
  const name = useAppStore((s) => s.territory?.meta.name ?? 'Pays Boulonnais');
  const online = typeof navigator === 'undefined' || navigator.onLine;
  return (
    <header className="topbar">
      <div className="brand">
        <strong>Atlas COTRI</strong> <span>{name}</span>
      </div>
      <nav aria-label="Modules">
        {MODULES.map((m) => (
          <a
            key={m.id}
            href={m.hash}
            className={m.id === module ? 'active' : undefined}
            aria-current={m.id === module ? 'page' : undefined}
          >
            {m.label}
          </a>
        ))}
      </nav>
      <label
        className="toggle"
        title={online ? 'Fond de plan IGN (en ligne)' : 'Hors ligne : fond de plan indisponible'}
      >
        <input
          type="checkbox"
          checked={basemap && online}
          disabled={!online}
          onChange={(e) => setBasemap(e.target.checked)}
        />
        Fond Plan IGN
      </label>
      <TeamIdentity />
      <ProjectMenu />
    </header>
  );
}

import type { Polygon } from 'geojson';
import { useState } from 'react';
import { DrawToolbar } from '../../map/draw/DrawToolbar.tsx';
import { useAppStore } from '../../state/store.ts';
import { useDrawTool } from '../draw/useDrawTool.ts';
import { SiteForm } from './SiteForm.tsx';

/** Draw a new site's perimeter on the map, then describe it in a short CNIG form. */
export function NewSite() {
  const select = useAppStore((s) => s.selectFriche);
  const [surface, setSurface] = useState<Polygon | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const draw = useDrawTool({
    onComplete: (polygon) => {
      setAdded(null);
      setSurface(polygon);
    },
  });
  return (
    <section aria-labelledby="friches-new-title">
      <h3 id="friches-new-title">Nouveau site</h3>
      <p className="muted small">Tracez le périmètre du site sur la carte, puis complétez sa fiche.</p>
      <DrawToolbar
        draw={draw}
        modes={['polygon']}
        labels={{ polygon: 'Dessiner le périmètre' }}
        ariaLabel="Dessin d’un nouveau site"
      />
      {added ? (
        <p className="success" role="status">
          Site « {added} » ajouté à l’inventaire.
        </p>
      ) : null}
      {surface ? (
        <SiteForm
          key={JSON.stringify(surface.coordinates[0]?.[0])}
          mode="new"
          surface={surface}
          onDone={(site) => {
            setSurface(null);
            draw.clear();
            if (site) {
              setAdded(site.name);
              select(site.id);
            }
          }}
        />
      ) : null}
    </section>
  );
}

import { useEffect, useId, useState } from 'react';
import { SHORTLIST_SIZE } from '../../domain/friches/index.ts';
import { agree } from '../../lib/plural.ts';
import { useAppStore } from '../../state/store.ts';

/** Pin / unpin a site with its justification note (kept with the pin, printed on the sheet). */
export function PinForm({ siteId }: { siteId: string }) {
  const pins = useAppStore((s) => s.frichesPins);
  const pin = useAppStore((s) => s.pinFriche);
  const unpin = useAppStore((s) => s.unpinFriche);
  const setNote = useAppStore((s) => s.setFrichesPinNote);
  const current = pins.find((p) => p.siteId === siteId);
  const [draft, setDraft] = useState(current?.note ?? '');
  const id = useId();
  // Another site, or a note changed elsewhere (shortlist box): start from the stored note.
  useEffect(() => setDraft(current?.note ?? ''), [current?.note]);

  return (
    <div className="friches-pin" data-testid="friches-pin">
      <label htmlFor={id}>
        <strong>Justification</strong>{' '}
        <span className="muted">(pourquoi ce site mérite d’être retenu : imprimée sur sa fiche)</span>
      </label>
      <textarea
        id={id}
        rows={3}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (current) setNote(siteId, e.target.value);
        }}
        placeholder="Ex. : foncier public, proche de la gare, projet de logements porté par la commune…"
      />
      <div className="toolbar">
        {current ? (
          <button type="button" onClick={() => unpin(siteId)}>
            Retirer de la liste restreinte
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => pin(siteId, draft.trim())}>
            Retenir ce site
          </button>
        )}
        <span className="muted">
          {pins.length} / {SHORTLIST_SIZE} {agree(pins.length, 'site retenu', 'sites retenus')}
        </span>
      </div>
    </div>
  );
}

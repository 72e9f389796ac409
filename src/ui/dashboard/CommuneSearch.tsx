import { useId, useState } from 'react';
import type { CommuneRef } from '../../domain/indicators/types.ts';
import { useAppStore } from '../../state/store.ts';
import { findCommunes } from './selection.ts';

/**
 * Finds a commune by name (accents, hyphens and « St » optional) or INSEE code: the matches form a
 * listbox driven by the arrow keys, Enter picks one — the same selection as a click on the map.
 */
export function CommuneSearch({ communes }: { communes: readonly CommuneRef[] }) {
  const id = useId();
  const select = useAppStore((s) => s.selectCommune);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const matches = findCommunes(query, communes);
  const pick = (c: CommuneRef) => {
    select(c.insee);
    setQuery(c.name);
    setOpen(false);
  };
  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = matches.length || 1;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = matches[Math.min(active, matches.length - 1)];
      if (chosen) pick(chosen);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const expanded = open && matches.length > 0;
  return (
    <div className="commune-search">
      <label htmlFor={`${id}-input`} className="search-label">
        Rechercher une commune
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? `${id}-${active}` : undefined}
        autoComplete="off"
        placeholder="Nom ou code INSEE"
        value={query}
        data-testid="commune-search"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
        onBlur={() => setOpen(false)}
      />
      {expanded ? (
        <div id={`${id}-list`} role="listbox" aria-label="Communes trouvées" className="search-results">
          {matches.map((c, i) => (
            <div
              key={c.insee}
              id={`${id}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              {c.name}
            </div>
          ))}
        </div>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {query && open
          ? matches.length === 0
            ? 'Aucune commune ne correspond.'
            : `${matches.length} commune${matches.length > 1 ? 's' : ''} trouvée${matches.length > 1 ? 's' : ''}`
          : ''}
      </p>
    </div>
  );
}

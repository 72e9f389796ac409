import type { ViewContent } from './figures.ts';

export function KeyFigures({ content }: { content: ViewContent }) {
  return (
    <div className="key-figures" data-testid="key-figures">
      {content.missing.map((m) => (
        <p key={m.id} className="presentation-missing" data-testid="presentation-missing">
          {m.label} : données non chargées. Cette vue ne montre aucun chiffre pour ce module.
        </p>
      ))}
      {content.figures.map((f) => (
        <div key={f.label} className="key-figure">
          <p className="key-label">{f.label}</p>
          <p className="key-value">{f.value}</p>
          {f.share !== undefined ? (
            <div className="bar" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${f.share * 100}%` }} />
              {f.expected !== undefined ? (
                <span className="bar-expected" style={{ left: `${f.expected * 100}%` }} />
              ) : null}
            </div>
          ) : null}
          {f.detail ? <p className="key-detail">{f.detail}</p> : null}
        </div>
      ))}
    </div>
  );
}

/** The shortlist view's numbered sites, in the side column beside the map that numbers them. */
export function Shortlist({ content }: { content: ViewContent }) {
  return (
    <>
      {content.shortlist ? (
        <div className="key-figure presentation-shortlist">
          <p className="key-label">
            {content.shortlist.validated
              ? 'Friches retenues'
              : 'Aucune friche retenue — proposition automatique (meilleurs scores), non validée'}
          </p>
          <ol className="shortlist">
            {content.shortlist.items.map((s) => (
              <li key={`${s.name}-${s.commune}`}>
                <strong>{s.name}</strong> — {s.commune} · {s.score}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </>
  );
}

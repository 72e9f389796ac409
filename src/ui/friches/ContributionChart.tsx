import type { CriterionLine } from '../../domain/friches/index.ts';
import { agree } from '../../lib/plural.ts';
import { formatScore } from './format.ts';

const ROW = 22;
const LABEL_WIDTH = 200;
const BAR_WIDTH = 190;
const VALUE_WIDTH = 92;
const MAX_LABEL = 34;

const short = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);

/**
 * Horizontal bars: each criterion's contribution to the score (value × share of the weight), on a scale
 * common to all bars so that lengths compare; the bars add up to the score. Criteria not renseigné get a
 * hatched placeholder and the words « non renseigné » — never a zero-length bar that would read as "bad".
 */
export function ContributionChart({ lines, score }: { lines: CriterionLine[]; score: number | null }) {
  const max = Math.max(0.05, ...lines.map((l) => l.contribution ?? 0));
  const height = lines.length * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  return (
    <figure className="friches-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="friches-chart-title"
        data-testid="friches-chart"
      >
        <title id="friches-chart-title">
          Contribution de chaque critère au score {score === null ? '' : `(${formatScore(score)})`}
        </title>
        <defs>
          <pattern
            id="friches-hatch"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#f1f1f1" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#b5b5b5" strokeWidth="2" />
          </pattern>
        </defs>
        {lines.map((line, i) => {
          const y = 4 + i * ROW;
          const missing = line.contribution === null;
          const length = missing ? BAR_WIDTH : Math.max(1, (line.contribution! / max) * BAR_WIDTH);
          const unweighted = !missing && line.weight === 0;
          return (
            <g key={line.id}>
              <title>
                {line.label} :{' '}
                {missing
                  ? `non renseigné (${line.missing})`
                  : `${formatScore(line.contribution)} ${agree(line.contribution ?? 0, 'point', 'points')} de score`}
              </title>
              <text x={0} y={y + 14} className="chart-label">
                {short(line.label)}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + 3}
                width={length}
                height={ROW - 8}
                rx={2}
                fill={missing ? 'url(#friches-hatch)' : line.inverted ? '#b35806' : '#3b528b'}
              />
              <text
                x={LABEL_WIDTH + BAR_WIDTH + 6}
                y={y + 14}
                className={missing ? 'chart-missing' : 'chart-value'}
              >
                {missing ? 'non renseigné' : unweighted ? 'poids 0' : `+${formatScore(line.contribution)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        Barres : part de chaque critère dans le score (leur somme fait le score). En orange, critère lu à
        l’envers pour ce profil. Hachuré : non renseigné, sans effet sur le score mais pénalisant la
        fiabilité.
      </figcaption>
    </figure>
  );
}

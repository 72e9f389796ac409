const score = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const weight = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Scores are shown on 0..1 with two decimals (« 0,84 »). */
export const formatScore = (x: number | null) => (x === null ? '—' : score.format(x));
/** « 81 % » */
export const formatPercent = (x: number | null) => (x === null ? '…' : percent.format(x));
export const formatWeight = (x: number) => weight.format(x);

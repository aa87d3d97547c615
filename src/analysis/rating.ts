/**
 * A review's own score as a verdict from -1 to 1: the lowest score is -1, three stars of five are
 * 0, full marks 1 (reviewers give three stars to "fine, with reservations").
 */
export function verdictOfScore(value: number, max: number): number | null {
  if (!Number.isFinite(value) || !(max > 0) || value < 0 || value > max) return null;
  return Math.round(Math.max(-1, Math.min(1, (value / max - 0.6) / 0.4)) * 1000) / 1000;
}

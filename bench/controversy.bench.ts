// npm run bench -- controversy: the text-only controversy scorer against real headlines labelled by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultControversyThreshold, scoreText } from '../src/analysis/controversy.ts';
import { scoreSentiment } from '../src/analysis/sentiment.ts';
import { report } from './report.ts';

type Labelled = { title: string; text: string; source: string; controversial: boolean; reason: string };

const root = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? '../../../' : '../', import.meta.url));
const labelled = JSON.parse(
  readFileSync(join(root, 'test', 'fixtures', 'controversy', 'headlines.json'), 'utf8'),
) as Labelled[];
const threshold = defaultControversyThreshold;

const scored = labelled.map((entry) => {
  const { score } = scoreText(entry.title, entry.text, scoreSentiment(entry.title, entry.text).score);
  return { ...entry, score, flagged: score >= threshold };
});
const truePositives = scored.filter((entry) => entry.flagged && entry.controversial);
const falsePositives = scored.filter((entry) => entry.flagged && !entry.controversial);
const falseNegatives = scored.filter((entry) => !entry.flagged && entry.controversial);
const trueNegatives = scored.length - truePositives.length - falsePositives.length - falseNegatives.length;
const precision = ratio(truePositives.length, truePositives.length + falsePositives.length);
const recall = ratio(truePositives.length, truePositives.length + falseNegatives.length);
const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function list(heading: string, entries: typeof scored): void {
  console.log(`\n${heading} (${entries.length})`);
  for (const entry of entries) console.log(`  ${entry.score.toFixed(3)}  ${entry.title}`);
}

list(`False positives at threshold ${threshold}`, falsePositives);
list(`False negatives at threshold ${threshold}`, falseNegatives);

const baseline = 'no target; the issue asks that they be printed';
const positives = labelled.filter((entry) => entry.controversial).length;
report(
  'controversy',
  [
    { label: 'precision', value: precision, unit: '', baseline },
    { label: 'recall', value: recall, unit: '', baseline },
    { label: 'F1', value: f1, unit: '', baseline },
    { label: 'true positives', value: truePositives.length, unit: 'headlines', baseline },
    { label: 'false positives', value: falsePositives.length, unit: 'headlines', baseline },
    { label: 'false negatives', value: falseNegatives.length, unit: 'headlines', baseline },
    { label: 'true negatives', value: trueNegatives, unit: 'headlines', baseline },
    {
      label: `labelled (${positives} controversial)`,
      value: labelled.length,
      unit: 'headlines',
      baseline,
    },
  ],
  {
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    threshold,
    labelled: labelled.length,
  },
);

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

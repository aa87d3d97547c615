import { readFileSync } from 'node:fs';
import { answerQuestion } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import type { Deps } from '../../src/deps.ts';

/** Questions with the URLs of the items an analyst labelled relevant to each. */
export type AnswerLabels = {
  description?: string;
  questions: Array<{ question: string; relevant: string[]; note?: string }>;
};

export type QuestionPrecision = {
  question: string;
  precision: number;
  top: Array<{ url: string | null; relevant: boolean }>;
};

export const labelsPath = new URL('../fixtures/answers/labels.json', import.meta.url);

export function readLabels(path: URL | string = labelsPath): AnswerLabels {
  return JSON.parse(readFileSync(path, 'utf8')) as AnswerLabels;
}

/**
 * Precision@5 of the real answers: for each question, the share of the first page (at most 5
 * items) that is labelled relevant, averaged over the questions. A question whose answer is empty
 * counts 0, so finding nothing is never better than finding the wrong thing.
 */
export async function precisionAt5(
  deps: Deps,
  labels: AnswerLabels,
  options: { userId?: string } = {},
): Promise<{ mean: number; questions: QuestionPrecision[] }> {
  const questions: QuestionPrecision[] = [];
  for (const { question, relevant } of labels.questions) {
    const request = parseAsk(question, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
    const answer = await answerQuestion(deps, request, { userId: options.userId ?? 'UPRECISION' });
    const wanted = new Set(relevant);
    const top = (answer.subjects[0]?.items ?? [])
      .slice(0, 5)
      .map((item) => ({ url: item.url, relevant: item.url !== null && wanted.has(item.url) }));
    const hits = top.filter((item) => item.relevant).length;
    questions.push({ question, precision: top.length === 0 ? 0 : hits / top.length, top });
  }
  const mean =
    questions.length === 0
      ? 0
      : questions.reduce((sum, entry) => sum + entry.precision, 0) / questions.length;
  return { mean, questions };
}

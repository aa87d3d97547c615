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
/** Questions whose subject the corpus says in other words ("price rise": "price increase"). */
export const phrasingLabelsPath = new URL('../fixtures/answers/phrasing-labels.json', import.meta.url);

export function readLabels(path: URL | string = labelsPath): AnswerLabels {
  return JSON.parse(readFileSync(path, 'utf8')) as AnswerLabels;
}

/** The URLs of the first `count` items of the real answer (its first pages), in order. */
async function answeredUrls(
  deps: Deps,
  question: string,
  userId: string,
  count: number,
): Promise<Array<string | null>> {
  const request = parseAsk(question, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  const urls: Array<string | null> = [];
  for (let offset = 0; urls.length < count; offset += 5) {
    const answer = await answerQuestion(deps, request, { userId, offset });
    const page = answer.subjects[0]?.items ?? [];
    urls.push(...page.map((item) => item.url));
    if (page.length < 5) break;
  }
  return urls.slice(0, count);
}

/**
 * Recall@10 of the real answers: for each question, the share of its relevant items among the
 * first 10 items listed (two pages), averaged over the questions.
 */
export async function recallAt10(
  deps: Deps,
  labels: AnswerLabels,
  options: { userId?: string } = {},
): Promise<{ mean: number; questions: Array<{ question: string; recall: number }> }> {
  const questions: Array<{ question: string; recall: number }> = [];
  for (const { question, relevant } of labels.questions) {
    const urls = new Set(await answeredUrls(deps, question, options.userId ?? 'URECALL', 10));
    questions.push({ question, recall: relevant.filter((url) => urls.has(url)).length / relevant.length });
  }
  const mean = questions.reduce((sum, entry) => sum + entry.recall, 0) / Math.max(1, questions.length);
  return { mean, questions };
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

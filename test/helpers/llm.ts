import nock from 'nock';
import OpenAI from 'openai';

/** The stand-in OpenAI-compatible server the model tests answer from, through nock. */
export const llmHost = 'https://llm.test';
export const completionsPath = '/v1/chat/completions';

/** A client of the stand-in server that never retries, so each test sees exactly its requests. */
export function testModelClient(): OpenAI {
  return new OpenAI({ apiKey: 'test', baseURL: `${llmHost}/v1`, maxRetries: 0 });
}

/** A chat completion as OpenAI returns it, with `content` as the assistant's message. */
export function completion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_793_000_000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140 },
  };
}

/** What Briefbot sends the model: the fields the tests read. */
export type ChatRequest = {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format: { type: string; json_schema?: { name: string; strict: boolean; schema: unknown } };
};

/**
 * Answers the next chat completion (with the test API key) with `content`, and keeps the request
 * it answered: `captured.request` once the call is made.
 */
export function captureCompletion(content: string): { request: ChatRequest | undefined } {
  const captured: { request: ChatRequest | undefined } = { request: undefined };
  nock(llmHost)
    .post(completionsPath, (body: ChatRequest) => {
      captured.request = body;
      return true;
    })
    .matchHeader('authorization', 'Bearer test')
    .reply(200, completion(content));
  return captured;
}

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

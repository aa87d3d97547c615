import nock from 'nock';
import OpenAI from 'openai';
import { expect, it } from 'vitest';

it('retry detection works', async () => {
  nock('https://llm.test')
    .post('/v1/chat/completions')
    .reply(500, { error: { message: 'x' } });
  let unmatched = 0;
  nock.emitter.on('no match', () => {
    unmatched++;
  });
  const c = new OpenAI({ apiKey: 'test', baseURL: 'https://llm.test/v1', maxRetries: 1 });
  await expect(c.chat.completions.create({ model: 'm', messages: [] })).rejects.toThrow();
  console.log('unmatched', unmatched);
});

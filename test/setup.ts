import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// No test reaches the network: feed hosts, Slack and OpenAI are faked at the HTTP boundary.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`Unused HTTP mocks: ${pending.join(', ')}`);
});

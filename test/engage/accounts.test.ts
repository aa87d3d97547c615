import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkExpertAccounts } from '../../src/engage/accounts.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSlackDirectory, createSlackLogger } from '../../src/slack/adapters.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createBeat } from '../helpers/nudges.ts';

const api = 'https://slack.accounts.test';
const experts = ['USME0001', 'USME0002', 'USME0003', 'USME0004', 'USME0005', 'USME0006', 'USME0007'];
let deps: TestDeps;
let topicId: number;
let asked: string[];

beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' } });
  // Slack's real client and directory, answered at the HTTP boundary.
  const client = new WebClient('xoxb-test', {
    slackApiUrl: `${api}/api/`,
    retryConfig: { retries: 0 },
    logger: createSlackLogger(silentLogger),
  });
  deps.directory = createSlackDirectory(client, silentLogger, deps.clock);
  topicId = await createBeat(deps, { experts: experts.map((userId) => ({ userId })) });
  asked = [];
  nock(api)
    .persist()
    .post('/api/users.info')
    .reply(200, (_uri, body) => {
      const user = String(new URLSearchParams(String(body)).get('user'));
      asked.push(user);
      return { ok: true, user: { id: user, tz: 'UTC', deleted: false } };
    });
});

afterEach(async () => {
  nock.cleanAll();
  await deps.cleanup();
});

describe('the Slack accounts of a beat’s experts, before a nudge names them', () => {
  it('asks Slack about a few a nudge, the longest unchecked first, and again once 6 hours have passed', async () => {
    await checkExpertAccounts(deps, topicId);
    expect(asked).toEqual(experts.slice(0, 5));
    await checkExpertAccounts(deps, topicId);
    expect(asked.slice(5)).toEqual(experts.slice(5));
    // Checked within 6 hours: nobody is asked about again.
    deps.clock.advance(5 * 3600_000);
    await checkExpertAccounts(deps, topicId);
    expect(asked).toHaveLength(experts.length);
    deps.clock.advance(3600_000 + 60_000);
    await checkExpertAccounts(deps, topicId);
    expect(asked.slice(experts.length)).toEqual(experts.slice(0, 5));
  });
});

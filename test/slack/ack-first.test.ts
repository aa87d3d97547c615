import type { Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { AckFirstApp } from '../../src/slack/app.ts';

const receiver: Receiver = { init: () => {}, start: async () => {}, stop: async () => {} };

function app(order: string[], quiet?: () => Promise<void>) {
  const bolt = new AckFirstApp({ token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', receiver, quiet });
  bolt.command('/brief', async ({ ack }) => {
    order.push('command listener');
    await ack();
  });
  bolt.action('press', async ({ ack }) => {
    order.push('action listener');
    await ack();
  });
  return bolt;
}

const command = {
  command: '/brief',
  text: 'help',
  team_id: 'T0TEAM',
  user_id: 'U0USER01',
  channel_id: 'C0CHAN',
  response_url: 'https://hooks.slack.test/r',
  trigger_id: '1.2',
  api_app_id: 'A0APP',
};

describe('acknowledgements come first', () => {
  it('a slash command is acknowledged once, before any middleware or listener runs', async () => {
    const order: string[] = [];
    await app(order).processEvent({
      body: command,
      ack: async () => {
        order.push('ack');
      },
    });
    expect(order).toEqual(['ack', 'command listener']);
  });

  it("a command's middleware and listener wait until no other request awaits its acknowledgement", async () => {
    const order: string[] = [];
    let settle = () => {};
    const quiet = () =>
      new Promise<void>((resolve) => {
        order.push('waiting for quiet');
        settle = resolve;
      });
    const handled = app(order, quiet).processEvent({
      body: command,
      ack: async () => {
        order.push('ack');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['ack', 'waiting for quiet']);
    settle();
    await handled;
    expect(order).toEqual(['ack', 'waiting for quiet', 'command listener']);
  });

  it('other events are acknowledged by their listeners, as Bolt does (a modal may answer with errors)', async () => {
    const order: string[] = [];
    await app(order).processEvent({
      body: {
        type: 'block_actions',
        team: { id: 'T0TEAM' },
        user: { id: 'U0USER01' },
        api_app_id: 'A0APP',
        token: 'x',
        trigger_id: '1.2',
        actions: [{ action_id: 'press', block_id: 'b', type: 'button', value: 'v', action_ts: '1' }],
      },
      ack: async () => {
        order.push('ack');
      },
    });
    expect(order).toEqual(['action listener', 'ack']);
  });
});

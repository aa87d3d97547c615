import { setTimeout as sleep } from 'node:timers/promises';
import type { RespondArguments, RespondFn } from '@slack/bolt';
import { runCommand } from '../../commands/index.ts';
import { DeliveryKind, deliverToEach } from '../../deliveries.ts';
import type { Deps } from '../../deps.ts';
import type { Limiter } from '../../limiter.ts';
import type { Message } from '../blocks/common.ts';
import { undeliveredReplyMessage } from '../blocks/replies.ts';

/**
 * Runs a /brief command as `userId` and answers through a response URL, to that person only: a
 * progress note first when the work takes a while ("Looking at N sources…"), then the reply in its
 * place. A reply Slack will not take (an outage) is sent as a DM instead, once Slack is back.
 */
export async function respondWithCommand(
  deps: Deps,
  limiter: Limiter,
  respond: RespondFn,
  command: { userId: string; channelId: string; text: string },
): Promise<void> {
  let interim = false;
  const progress = async (message: Message) => {
    try {
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      interim = true;
    } catch (error) {
      deps.logger.warn({ userId: command.userId, error }, 'progress message not delivered');
    }
  };
  const reply = await limiter.run(() => runCommand(deps, { ...command, progress }));
  // Sending is work too: it waits, like the command did, for the acknowledgements still due.
  await limiter.quiet();
  await respondOrSendLater(deps, respond, reply, {
    ...command,
    args: {
      response_type: reply.visibility,
      text: reply.text,
      blocks: reply.blocks,
      ...(interim && reply.visibility === 'ephemeral' ? { replace_original: true } : {}),
    },
  });
}

/** Waits between tries of a response URL that failed for now (Bolt's error carries no Retry-After). */
const respondWaitsMs = [500, 1_500];

/** A response URL's failure that a later try may not repeat: Slack busy or down, or the network. */
function failedForNow(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status !== 'number' || status === 429 || status >= 500;
}

/**
 * Replies through the response URL, trying again twice when Slack fails for now (a 429, a 5xx, the
 * network); when it still will not take it (or the URL expired), the reply is owed to the asker as a
 * DM, sent by the deliveries' cycle once Slack takes it, with Slack's Retry-After. Nothing is lost.
 */
export async function respondOrSendLater(
  deps: Deps,
  respond: RespondFn,
  reply: Message,
  asked: { userId: string; channelId: string | null; text: string; args: RespondArguments },
): Promise<void> {
  let failure: unknown;
  for (let attempt = 0; attempt <= respondWaitsMs.length; attempt++) {
    try {
      await respond(asked.args);
      return;
    } catch (error) {
      failure = error;
      const wait = respondWaitsMs[attempt];
      if (wait === undefined || !failedForNow(error)) break;
      await sleep(wait);
    }
  }
  const status = (failure as { statusCode?: unknown }).statusCode;
  deps.logger.warn(
    { userId: asked.userId, status: typeof status === 'number' ? status : 'network' },
    'reply not delivered; sending it as a DM',
  );
  const now = deps.clock.now();
  await deliverToEach(deps, {
    kind: DeliveryKind.Reply,
    subject: `${asked.channelId ?? ''}:${asked.text}`.slice(0, 300),
    episode: now.getTime(),
    recipients: [asked.userId],
    message: undeliveredReplyMessage(reply, {
      text: asked.text,
      channelId: asked.channelId,
      at: now,
      shared: asked.args.response_type === 'in_channel',
    }),
  });
}

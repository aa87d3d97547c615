import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockUsersSelectAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { z } from 'zod';
import { requireAdmin } from '../../commands/access.ts';
import {
  assignSmeAndNotify,
  checkCanDismiss,
  checkCanMarkReplied,
  checkCanMove,
  checkCanReassign,
  claimAndNotify,
  dismissAndRefresh,
  keptSnoozeText,
  moveAndTell,
  reassignAndReport,
  reassignRefusal,
  recordReply,
  releaseAndNotify,
  snoozeADay,
} from '../../commands/nudge.ts';
import type { Deps } from '../../deps.ts';
import {
  ClaimTakenError,
  DismissReason,
  isStoryLink,
  ReplyNote,
  ReplyUrl,
  replyWords,
  storyLinkRefusal,
} from '../../engage/claims.ts';
import { checkCanDraft, draftReply } from '../../engage/draft.ts';
import {
  cachedTimeZone,
  feedItemAt,
  feedItemRefusal,
  knownTimeZone,
  loadNudgeView,
} from '../../engage/nudges.ts';
import { UserError, userMessage } from '../../errors.ts';
import { isTimeZone } from '../../format.ts';
import { escapePlaceholders } from '../blocks/common.ts';
import { draftingModal, draftReplyMessages } from '../blocks/draft.ts';
import {
  claimedNote,
  dismissModal,
  moveMetadataOf,
  notMineModal,
  reassignModal,
  replyUrlModal,
} from '../blocks/nudge.ts';
import { noticeMessage } from '../blocks/replies.ts';
import { refreshHome } from '../home.ts';
import { nudgeIdOfAssignBlock } from '../ids.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const NudgeId = z.coerce.number().int().positive();

function nudgeIdOf(value: string | undefined): number {
  const parsed = NudgeId.safeParse(value);
  if (!parsed.success)
    throw new UserError(
      'INVALID_ACTION',
      'That button is out of date. `/brief nudge list` shows the conversations in progress.',
    );
  return parsed.data;
}

/** Our own fixed texts, which name people on purpose ("Already claimed by <@U…>"): not escaped. */
async function tell(deps: Deps, respond: ButtonArgs['respond'], text: string, home?: string): Promise<void> {
  // A button on App Home has no response URL: its refusal comes by DM (`home`: who pressed it).
  if (home) {
    await deps.outbox.post(home, noticeMessage(text)).catch(() => {});
    return;
  }
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: escapePlaceholders(text),
  }).catch((error: unknown) => deps.logger.warn({ error }, 'ephemeral reply not delivered'));
}

/** Who pressed a button on App Home (which has no response URL); undefined for one in a message. */
function fromHome(body: ButtonArgs['body']): string | undefined {
  return body.container?.type === 'view' ? body.user.id : undefined;
}

/** Claim: one conditional update decides; the winner gets a DM, everyone sees "Claimed by @x". */
export function createNudgeClaimHandler(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      const { away, dmSent } = await claimAndNotify(deps, nudgeId, body.user.id);
      // The channel already says "Claimed by …", and the DM has the rest: a word only when it matters.
      if (away || !dmSent)
        await tell(
          deps,
          respond,
          [dmSent ? 'You claimed it.' : claimedNote(nudgeId, false), away].join(' ').trim(),
        );
    } catch (error) {
      if (!(error instanceof UserError)) deps.logger.error({ error }, 'claim failed');
      await tell(deps, respond, error instanceof ClaimTakenError ? error.message : userMessage(error));
    }
  };
}

/** Not relevant: asks why, in a modal, before the nudge is dismissed. */
export function createNudgeNotRelevantHandler(deps: Deps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      await checkCanDismiss(deps, nudgeId, body.user.id);
      const view = await loadNudgeView(deps, nudgeId);
      await client.views.open({ trigger_id: body.trigger_id, view: dismissModal(nudgeId, view.title) });
    } catch (error) {
      await tell(deps, respond, userMessage(error), fromHome(body));
    }
  };
}

/** Not mine: asks which beat it belongs to, in a modal, before it is moved there. */
export function createNudgeNotMineHandler(deps: Deps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      const { topics, held } = await checkCanMove(deps, nudgeId, body.user.id);
      if (!topics.length)
        throw new UserError(
          'NO_TOPIC',
          'There is no other topic to send it to. An admin adds one with `/brief topics add <name> <query>`.',
        );
      const view = await loadNudgeView(deps, nudgeId);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: notMineModal(nudgeId, view.title, topics, held, Boolean(fromHome(body))),
      });
    } catch (error) {
      await tell(deps, respond, userMessage(error), fromHome(body));
    }
  };
}

const MoveForm = z.object({
  topic: z.object({
    value: z.object({
      selected_option: z.object(
        { value: z.string().min(1) },
        'Choose the topic whose experts should answer it.',
      ),
    }),
  }),
  reason: z.object({ value: z.object({ value: z.string().trim().max(300).nullish() }) }).optional(),
});

/**
 * The Not mine form: moves the conversation as `/brief nudge move` does; what happened comes by DM.
 * Opened on App Home, the mover's Home is redrawn, without the conversation they gave back.
 */
export function createNudgeMoveViewHandler(deps: Deps) {
  return async ({ ack, view, body, client }: ViewArgs) => {
    const form = MoveForm.safeParse(view.state.values);
    if (!form.success) {
      await ack({
        response_action: 'errors',
        errors: { topic: 'Choose the topic whose experts should answer it.' },
      });
      return;
    }
    await ack();
    const { nudgeId, fromHome: onHome } = moveMetadataOf(view.private_metadata);
    const { topic, reason } = form.data;
    try {
      await deps.outbox.post(
        body.user.id,
        await moveAndTell(
          deps,
          nudgeId,
          body.user.id,
          topic.value.selected_option.value,
          reason?.value.value ?? '',
          // Submitted by its holder (Not mine on the claim DM): given back as it moves.
          { giveBack: true },
        ),
      );
    } catch (error) {
      if (!(error instanceof UserError)) deps.logger.error({ error, nudgeId }, 'move from Not mine failed');
      await deps.outbox.post(body.user.id, noticeMessage(userMessage(error))).catch(() => {});
      return;
    }
    if (onHome) await refreshHome(deps, client, body.user.id);
  };
}

export function createNudgeSnoozeHandler(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      const { until, note, kept } = await snoozeADay(deps, nudgeId, body.user.id, undefined, {
        keepLonger: true,
      });
      await tell(
        deps,
        respond,
        kept ? keptSnoozeText(nudgeId, until) : `Snoozed: no reminders about it until ${until}.${note}`,
      );
    } catch (error) {
      await tell(deps, respond, userMessage(error));
    }
  };
}

/** An admin picks an expert for a nudge nobody covered: they are DMed it, and the admin is told. */
export function createNudgeAssignSmeHandler(deps: Deps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockUsersSelectAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      await requireAdmin(deps, body.user.id, 'assign experts');
      const nudgeId = nudgeIdOf(nudgeIdOfAssignBlock(action.block_id));
      const told = await assignSmeAndNotify(deps, nudgeId, body.user.id, action.selected_user);
      await tell(deps, respond as ButtonArgs['respond'], told);
    } catch (error) {
      await tell(deps, respond as ButtonArgs['respond'], userMessage(error));
    }
  };
}

/** In the claimant's DM: Mark replied asks for the reply's link. */
export function createNudgeMarkRepliedHandler(deps: Deps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      await checkCanMarkReplied(deps, nudgeId, body.user.id);
      const view = await loadNudgeView(deps, nudgeId);
      await client.views.open({ trigger_id: body.trigger_id, view: replyUrlModal(nudgeId, view.title) });
    } catch (error) {
      await tell(deps, respond, userMessage(error), fromHome(body));
    }
  };
}

/**
 * Draft a reply, in the claimant's DM or on their App Home. The draft (or, without the model, the
 * points to answer) comes in the DM where the button was pressed (from Home, their DM with Briefbot);
 * anyone else is told whose it is.
 */
export function createNudgeDraftHandler(deps: Deps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const home = fromHome(body);
    try {
      const nudgeId = nudgeIdOf(action.value);
      checkCanDraft(deps, nudgeId, body.user.id);
      // Home shows nothing of a DM: a small window over it says where the draft comes, at once.
      if (home)
        await client.views
          .open({ trigger_id: body.trigger_id, view: draftingModal(nudgeId, Boolean(deps.llm)) })
          .catch((error: unknown) => deps.logger.warn({ error }, 'draft window not opened'));
      // The model takes seconds: on a phone, nothing would show that the press was taken.
      else if (deps.llm)
        await tell(
          deps,
          respond,
          `Writing a first draft of your reply to conversation ${nudgeId}: it comes here in a few seconds.`,
        );
      const result = await draftReply(deps, nudgeId, body.user.id);
      const where = body.channel?.id ?? body.user.id;
      for (const each of draftReplyMessages(result)) await deps.outbox.post(where, each);
    } catch (error) {
      if (!(error instanceof UserError)) deps.logger.error({ error }, 'draft a reply failed');
      await tell(deps, respond, userMessage(error), home);
    }
  };
}

export function createNudgeReleaseHandler(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      await releaseAndNotify(deps, nudgeId, body.user.id);
      await respond({
        replace_original: true,
        text: 'You released this conversation; the experts can claim it again.',
      });
    } catch (error) {
      await tell(deps, respond, userMessage(error));
    }
  };
}

/** An admin's Reassign on App Home: asks whom, in a modal (Home has no response URL for a picker's reply). */
export function createNudgeReassignHandler(deps: Deps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    try {
      const nudgeId = nudgeIdOf(action.value);
      await checkCanReassign(deps, nudgeId, body.user.id);
      const view = await loadNudgeView(deps, nudgeId);
      // The admin's zone travels in the form: another instance may receive its submission (HTTP mode).
      const form = (zone: string | null) =>
        reassignModal(nudgeId, view.title, view.state === 'claimed' ? view.claimantId : null, zone);
      const known = cachedTimeZone(deps, body.user.id);
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: form(known) });
      // Known before the form is sent, which must be answered at once: its refusals give days in the admin's zone.
      const zone = await deps.directory.timeZone(body.user.id);
      // Not known as it opened: given to the form now (same inputs, so what was picked stays; the hash
      // refuses it if the form changed meanwhile).
      if (!known && zone && opened.view?.id)
        await client.views
          .update({ view_id: opened.view.id, hash: opened.view.hash, view: form(zone) })
          .catch((error: unknown) => deps.logger.warn({ error }, 'reassign form not given the zone'));
    } catch (error) {
      if (!(error instanceof UserError)) deps.logger.error({ error }, 'reassign form not opened');
      await tell(deps, respond, userMessage(error), fromHome(body));
    }
  };
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function fieldValue(view: ViewArgs['view'], block: string): string {
  const state = view.state.values[block]?.value as { value?: string | null } | undefined;
  return state?.value ?? '';
}

/**
 * The reply's link, or how they replied where there is none ("by email"), checked before the modal
 * closes; then the nudge is marked replied.
 */
export function createNudgeRepliedViewHandler(deps: Deps) {
  return async ({ ack, view, body }: ViewArgs) => {
    const link = fieldValue(view, 'url').trim();
    const said = fieldValue(view, 'note').trim();
    const nudgeId = Number(view.private_metadata);
    const errors = replyFormErrors(deps, nudgeId, link, said);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const reply = link ? ReplyUrl.parse(link) : ReplyNote.parse(said);
    const shown = replyWords(reply);
    try {
      const { outcome, onBehalfOf } = await recordReply(deps, nudgeId, body.user.id, reply);
      const recorded = onBehalfOf
        ? `Recorded <@${onBehalfOf}>'s reply (${shown}); they were told.`
        : `Thank you: your reply is recorded (${shown}).`;
      await deps.outbox.post(
        body.user.id,
        noticeMessage(
          outcome === 'unchanged'
            ? `Already recorded: the reply ${link ? `links to ${shown}` : `says “${shown}”`}. Nothing changed.`
            : outcome === 'corrected'
              ? `Corrected: the reply now ${link ? `links to ${shown}` : `says “${shown}”`}. Nothing more to do.`
              : `${recorded} ${link ? 'A wrong link?' : 'Wrong?'} Send \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`.`,
        ),
      );
    } catch (error) {
      await deps.outbox.post(body.user.id, noticeMessage(userMessage(error))).catch(() => {});
    }
  };
}

/** What is wrong with Mark replied's form, by field, or null: a link or a note is needed, not both. */
function replyFormErrors(
  deps: Deps,
  nudgeId: number,
  link: string,
  said: string,
): Record<string, string> | null {
  if (link && said) return { note: 'Give either the link to your reply or how you replied, not both.' };
  if (said) {
    const note = ReplyNote.safeParse(said);
    return note.success ? null : { note: note.error.issues[0]?.message ?? 'Say how you replied.' };
  }
  const url = ReplyUrl.safeParse(link);
  if (!url.success)
    return {
      url: link
        ? (url.error.issues[0]?.message ?? 'A link is needed.')
        : 'Paste the link to your reply, or, with no link (by email, by phone), say how you replied below.',
    };
  // One indexed read, synchronous: the story's own link is refused in the form, like a bad one.
  if (isStoryLink(deps, nudgeId, url.data)) return { url: storyLinkRefusal };
  const story = feedItemAt(deps, url.data);
  return story ? { url: feedItemRefusal(story, `/brief nudge replied ${nudgeId} <link> confirm`) } : null;
}

export function createNudgeDismissViewHandler(deps: Deps) {
  return async ({ ack, view, body }: ViewArgs) => {
    const reason = DismissReason.safeParse(fieldValue(view, 'reason'));
    if (!reason.success) {
      await ack({
        response_action: 'errors',
        errors: { reason: reason.error.issues[0]?.message ?? 'A reason is needed.' },
      });
      return;
    }
    await ack();
    const nudgeId = Number(view.private_metadata);
    try {
      await dismissAndRefresh(deps, nudgeId, body.user.id, reason.data);
    } catch (error) {
      await deps.outbox.post(body.user.id, noticeMessage(userMessage(error))).catch(() => {});
    }
  };
}

/** What the Reassign form carries: its conversation, and the admin's zone when known as it opened. */
const ReassignMetadata = z.object({
  nudgeId: NudgeId,
  timeZone: z.string().refine(isTimeZone).nullish(),
});

/** A form opened before the zone was carried holds the number alone. */
function reassignMetadataOf(metadata: string): { nudgeId: number; timeZone: string | null } {
  let json: unknown = null;
  try {
    json = JSON.parse(metadata);
  } catch {}
  const parsed = ReassignMetadata.safeParse(json);
  return parsed.success
    ? { nudgeId: parsed.data.nudgeId, timeZone: parsed.data.timeZone ?? null }
    : { nudgeId: Number(metadata), timeZone: null };
}

const ReassignForm = z.object({
  person: z.object({ value: z.object({ selected_user: z.string().min(1, 'Choose who should answer it.') }) }),
  away: z
    .object({ value: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }) })
    .optional(),
});

/**
 * Whom the Reassign form gives the conversation to. What refuses it before anything changes (closed
 * meanwhile, theirs already, away) shows in the form; the rest, as for the command, comes by DM. Then
 * the admin's Home is redrawn, with the conversation's new holder.
 */
export function createNudgeReassignViewHandler(deps: Deps) {
  return async ({ ack, view, body, client }: ViewArgs) => {
    const form = ReassignForm.safeParse(view.state.values);
    const { nudgeId, timeZone } = reassignMetadataOf(view.private_metadata);
    const adminId = body.user.id;
    if (!form.success) {
      await ack({ response_action: 'errors', errors: { person: 'Choose who should answer it.' } });
      return;
    }
    const to = form.data.person.value.selected_user;
    const evenIfAway = (form.data.away?.value.selected_options ?? []).some(
      (option) => option.value === 'confirm',
    );
    let refused: string | null;
    try {
      refused =
        reassignRefusal(deps, nudgeId, adminId, to, evenIfAway, timeZone ?? knownTimeZone(deps, adminId))
          ?.field ?? null;
    } catch (error) {
      refused = userMessage(error);
    }
    if (refused) {
      await ack({ response_action: 'errors', errors: { person: refused } });
      return;
    }
    await ack();
    try {
      await requireAdmin(deps, adminId, 'reassign conversations');
      await deps.outbox.post(adminId, await reassignAndReport(deps, nudgeId, adminId, to, evenIfAway));
    } catch (error) {
      if (!(error instanceof UserError))
        deps.logger.error({ error, nudgeId }, 'reassign from App Home failed');
      await deps.outbox.post(adminId, noticeMessage(userMessage(error))).catch(() => {});
      return;
    }
    await refreshHome(deps, client, adminId);
  };
}

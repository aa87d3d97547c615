import type { KnownBlock, ModalView } from '@slack/types';
import type { DraftFailure, DraftRemovals, DraftResult, ReplyOutline } from '../../engage/draft.ts';
import { escapeFeedText, escapeText, link, type Message, message, section, truncate } from './common.ts';

/** Slack's limit on a section's text. */
const sectionMax = 3000;

/** Why there is no draft, and what to do about it, before the outline. */
const failureLines: Record<DraftFailure, string> = {
  no_model:
    'Drafting a reply needs the language model, which is not set up here: an admin sets `OPENAI_API_KEY` where Briefbot runs (and `OPENAI_BASE_URL` for a server other than OpenAI), then restarts it. Until then, here is what your reply has to answer.',
  rate_limited:
    'The model is turning requests away just now (too many at once), so there is no draft. Press *Draft a reply* again in a minute; meanwhile, here is what your reply has to answer.',
  timeout:
    'The model did not answer in time, so there is no draft. Press *Draft a reply* again in a minute; meanwhile, here is what your reply has to answer.',
  server_error:
    'The model failed on its side, so there is no draft. Press *Draft a reply* again later; meanwhile, here is what your reply has to answer.',
  unusable:
    'The model answered with something that is not a usable draft, so none is shown. Press *Draft a reply* again; meanwhile, here is what your reply has to answer.',
};

/**
 * What the claimant gets for *Draft a reply*, in their DM: with a draft, a note on what it is, then
 * the draft alone in a message of its own, so it copies in one go (on a phone, press and hold it);
 * without one, why not and the outline of what to answer.
 */
/**
 * Where Mark replied is: on the claim DM, which may be far above (or pressed from Home), so with the
 * command that works from anywhere.
 */
function markRepliedHint(nudgeId: number): string {
  return `press *Mark replied* on your claim message with the link to your reply (or how you replied), or send \`/brief nudge replied ${nudgeId} <link to your reply | how you replied>\`.`;
}

export function draftReplyMessages(result: DraftResult): Message[] {
  const { outline } = result;
  if (result.kind === 'outline') return [outlineMessage(outline, failureLines[result.failure])];
  const removed = result.removed;
  return [
    message(`A first draft of your reply to conversation ${outline.nudgeId}`, [
      section(
        `:memo: *A first draft of your reply to conversation ${outline.nudgeId}*, on ${link(outline.url, outline.title)} (${escapeFeedText(outline.source)}). The model wrote it from the story, what else is being said${outline.angle ? ' and the suggested angle' : ''}: check every fact and fill in each [bracket] before you post it. It is in the next message, on its own, to copy (on a phone: press and hold it, then *Copy text*). Once posted, ${markRepliedHint(outline.nudgeId)}`,
      ),
      ...(removed ? removedBlocks(removed, outline) : []),
    ]),
    draftOnly(result.draft),
  ];
}

/** A model's word, shown as typed and never as a live link or mention. */
function verbatim(text: string): string {
  return `\`${escapeText(text.replace(/`/g, "'"))}\``;
}

/**
 * What Briefbot took out of the model's draft, so the expert knows; with a link dropped, the story's
 * own sources to use instead.
 */
function removedBlocks(removed: DraftRemovals, outline: ReplyOutline): KnownBlock[] {
  const what = [
    removed.hashtags.length
      ? `${removed.hashtags.length === 1 ? 'a hashtag' : 'hashtags'} (${removed.hashtags.map(verbatim).join(', ')})`
      : '',
    removed.mentions.length
      ? `${removed.mentions.length === 1 ? 'an @-mention' : '@-mentions'} (${removed.mentions.map(verbatim).join(', ')}), which would tag whoever they name`
      : '',
  ].filter(Boolean);
  const lines: string[] = [];
  if (what.length)
    lines.push(
      `:scissors: Taken out of the draft, so you need not delete them: ${what.join('; ')}. A tag inside a sentence kept its word.`,
    );
  if (removed.links.length)
    lines.push(
      `:link: ${removed.links.length === 1 ? 'A link' : `${removed.links.length} links`} the story did not give ${removed.links.length === 1 ? 'is' : 'are'} now [link] in the draft (${removed.links.map(verbatim).join(', ')}): put in one of the sources below, or a link you have checked yourself.`,
    );
  return [section(lines.join('\n')), ...(removed.links.length ? [sourcesSection(outline)] : [])];
}

/** The story, linked first, then what else is being said. */
function sourcesSection(outline: ReplyOutline): KnownBlock {
  const sources = [
    `• ${link(outline.url, outline.title)} — ${escapeFeedText(outline.source)}`,
    ...outline.related.map(
      (item) =>
        `• ${link(item.url, item.title)} — ${escapeFeedText(item.source)}${item.sameStory ? ' · _same story_' : ''}`,
    ),
  ];
  return section(`*Sources*\n${sources.join('\n')}`);
}

/** The draft alone, as plain text: Slack formats nothing in it, and copying takes exactly it. */
function draftOnly(draft: string): Message {
  const text = truncate(draft, sectionMax);
  return {
    text: escapeText(text),
    blocks: [{ type: 'section', text: { type: 'plain_text', text, emoji: false } }],
  };
}

/** The points to answer: the story's own sentences, the angle and the sources. Nothing is written for the expert. */
function outlineMessage(outline: ReplyOutline, why: string): Message {
  const blocks: KnownBlock[] = [
    section(`${why}`),
    section(
      `*Points to answer in conversation ${outline.nudgeId}*, as the story says them:\n${outline.claims
        .map((claim) => `• ${escapeFeedText(truncate(claim, 300))}`)
        .join('\n')}`,
    ),
  ];
  if (outline.angle) blocks.push(section(`*A possible angle*: ${escapeText(outline.angle)}`));
  blocks.push(sourcesSection(outline));
  blocks.push(
    section(
      `Answer those points in your own words, 80 to 150 words for a comment or forum reply, with no hashtags; where a fact is needed (a date, a fix, a link), check it first. Then ${markRepliedHint(outline.nudgeId)}`,
    ),
  );
  return message(`Points to answer in conversation ${outline.nudgeId}: ${escapeText(why)}`, blocks);
}

/** The command's reply (`/brief nudge draft 12`, the console's press): all of it in one message. */
export function draftReplyMessage(result: DraftResult): Message {
  const messages = draftReplyMessages(result);
  return message(
    messages[0]?.text ?? '',
    messages.flatMap((each) => each.blocks),
  );
}

/**
 * Draft a reply pressed on App Home, which has no response URL: said at once, in a small window over
 * Home, that what it gives comes by DM (`withModel`: a draft in a few seconds; else the points to answer).
 */
export function draftingModal(nudgeId: number, withModel: boolean): ModalView {
  const text = withModel
    ? `Writing a first draft of your reply to conversation ${nudgeId}: it comes in your DMs with Briefbot (the *Messages* tab) in a few seconds.`
    : `The points to answer in conversation ${nudgeId} are in your DMs with Briefbot (the *Messages* tab): drafting needs the language model, which is not set up here.`;
  return {
    type: 'modal',
    title: { type: 'plain_text', text: `Draft a reply ${nudgeId}` },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text)],
  };
}

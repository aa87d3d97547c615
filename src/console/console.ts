import { FeedbackKind, parseFeedbackValue, recordFeedback } from '../briefing/feedback.ts';
import { noteHomeOpened } from '../briefing/last-look.ts';
import { noSubjectText, questionOfMessage } from '../briefing/message-subject.ts';
import type { Clock } from '../clock.ts';
import { Role, roleOf } from '../commands/access.ts';
import { runCommand } from '../commands/index.ts';
import { checkCanDismiss, checkCanMarkReplied, checkCanMove, checkCanReassign } from '../commands/nudge.ts';
import type { Deps } from '../deps.ts';
import { userMessage } from '../errors.ts';
import type { Directory, Outbox } from '../outbox.ts';
import type { Message } from '../slack/blocks/common.ts';
import { buildHome, homeStoryReply } from '../slack/home.ts';
import { Action } from '../slack/ids.ts';
import { consoleChannelId } from './channel.ts';
import { buttonTag, type ConsoleButton, mrkdwnToText, renderMessage } from './render.ts';

/** The console's own user: an admin, so every command can be tried; /as shows what others see. */
export const localAdminId = 'ULOCALADMIN';

export { consoleChannelId } from './channel.ts';

/** Only the local admin is an admin by right; anyone else is judged by BRIEFBOT_ADMINS, as in Slack. */
export const localDirectory: Directory = {
  isWorkspaceAdmin: async (userId) => userId === localAdminId,
  // No profiles in the terminal: DEFAULT_TIMEZONE applies.
  timeZone: async () => null,
};

export const consoleHelp = [
  'Console commands:',
  '  feeds list, topics test pricing, ...  any /brief command, with or without "/brief"',
  `  /as U012ABCDEF    act as another Slack user, to see what they see (/as ${localAdminId} to come back)`,
  '  /press N          press the button marked [press N] in the latest message with buttons',
  '  /brief-me TEXT    "Brief me on this" on a Slack message that says TEXT (the message shortcut)',
  "  /home             Briefbot's App Home tab, as the current user sees it",
  '  /help             this help',
  '  /quit             leave (or /exit, or Ctrl+D)',
  'Type "help" (that is, /brief help) for what Briefbot can do.',
].join('\n');

/** The nudge buttons the console presses as the `/brief nudge` verb that does the same. */
const nudgeButtonVerbs: Record<string, string> = {
  [Action.NudgeClaim]: 'claim',
  [Action.NudgeRelease]: 'release',
  [Action.NudgeSnooze]: 'snooze',
  [Action.NudgeDraft]: 'draft',
};

/** The nudge buttons that open a form in Slack: who may press them, and the command to type instead. */
const nudgeForms: Record<
  string,
  {
    /** Refuses as Slack does; true when the presser holds the conversation (Not mine gives it back first). */
    check: (deps: Deps, nudgeId: number, userId: string) => Promise<unknown>;
    asks: string;
    command: (nudgeId: string, held?: boolean) => string;
  }
> = {
  [Action.NudgeMarkReplied]: {
    check: checkCanMarkReplied,
    asks: "for your reply's link, or, with no link, how you replied",
    command: (id) => `nudge replied ${id} <link to your reply> (no link? nudge replied ${id} by email)`,
  },
  [Action.NudgeNotRelevant]: {
    check: checkCanDismiss,
    asks: 'why',
    command: (id) => `nudge dismiss ${id} <why it is not relevant>`,
  },
  [Action.NudgeNotMine]: {
    check: async (deps, nudgeId, userId) => (await checkCanMove(deps, nudgeId, userId)).held,
    asks: 'whose beat it is',
    // Typed by its holder, as with the form, it is given back as it moves.
    command: (id, held) => `nudge move ${id} <topic> [why]${held ? ' (you give it back as it moves)' : ''}`,
  },
  [Action.NudgeReassign]: {
    check: checkCanReassign,
    asks: 'whom to give it to',
    command: (id) => `nudge reassign ${id} @someone (add confirm to give it to someone away)`,
  },
};

export type ConsoleLine =
  | { kind: 'blank' }
  | { kind: 'command'; text: string }
  | { kind: 'as'; userId: string | null; given: string }
  | { kind: 'press'; number: number | null; given: string }
  | { kind: 'brief-me'; text: string }
  | { kind: 'home' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'unknown'; name: string };

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

/** One typed line: a /brief command (with or without "/brief"), or one of the console's own. */
export function parseConsoleLine(line: string): ConsoleLine {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'blank' };
  if (!trimmed.startsWith('/')) return { kind: 'command', text: trimmed };
  const space = trimmed.search(/\s/);
  const name = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : trimmed.slice(space + 1).trim();
  switch (name) {
    case '/brief':
      return { kind: 'command', text: rest };
    case '/as': {
      // Accepts U123, @U123 and Slack's <@U123|name>.
      const id = rest
        .replace(/^<?@?/, '')
        .replace(/(\|[^>]*)?>?$/, '')
        .toUpperCase();
      return { kind: 'as', userId: slackUserId.test(id) ? id : null, given: rest };
    }
    case '/press': {
      const number = /^\[?(\d{1,3})\]?$/.exec(rest)?.[1];
      return { kind: 'press', number: number ? Number(number) : null, given: rest };
    }
    case '/brief-me':
      return { kind: 'brief-me', text: rest };
    case '/home':
      return { kind: 'home' };
    case '/help':
    case '/?':
      return { kind: 'help' };
    case '/quit':
    case '/exit':
      return { kind: 'quit' };
    default:
      return { kind: 'unknown', name };
  }
}

export type ConsoleSession = {
  readonly userId: string;
  /** Prints a message; its buttons become the ones /press presses. */
  show(message: Message, heading?: string): void;
  /** Runs one typed line to completion; 'quit' when the user leaves. */
  handle(deps: Deps, line: string): Promise<'continue' | 'quit'>;
};

/** The state of one console: who is typing, and the buttons on screen. */
export function createConsoleSession(
  write: (text: string) => void,
  options: { color: boolean },
): ConsoleSession {
  let userId = localAdminId;
  let buttons: ConsoleButton[] = [];

  function say(text: string): void {
    write(`${text}\n`);
  }

  function show(message: Message, heading?: string): void {
    const rendered = renderMessage(message, options);
    if (rendered.buttons.length > 0) buttons = rendered.buttons;
    say(heading ? `${heading}\n${rendered.text}` : rendered.text);
  }

  async function run(deps: Deps, text: string): Promise<void> {
    const reply = await runCommand(deps, { userId, channelId: consoleChannelId, text });
    show(
      reply,
      reply.visibility === 'in_channel'
        ? `--- posted in #${consoleChannelId}, for everyone there ---`
        : undefined,
    );
  }

  /** As the message shortcut does in Slack: a briefing on what the message is about. */
  async function briefMe(deps: Deps, text: string): Promise<void> {
    if (!text) {
      say('Usage: /brief-me <the text of a Slack message>, e.g. /brief-me Globex had another outage?');
      return;
    }
    const subject = questionOfMessage(deps.db.sqlite, text, deps.clock.now());
    if (!subject) {
      say(mrkdwnToText(noSubjectText(deps.db.sqlite)));
      return;
    }
    await run(deps, `ask --message ${subject}`);
  }

  async function press(deps: Deps, number: number | null, given: string): Promise<void> {
    const listed = buttons.map((button, index) => `${buttonTag(index + 1)} ${button.label}`).join(', ');
    if (number === null) {
      say(`Usage: /press N, with N the number of a button${listed ? ` (now: ${listed})` : ''}.`);
      return;
    }
    const button = buttons[number - 1];
    if (!button) {
      say(
        listed
          ? `There is no button ${number || given}; the buttons are ${listed}.`
          : `There is no button ${number || given}: no message with buttons yet (try: help).`,
      );
      return;
    }
    if (button.actionId === Action.DigestNotRelevant || button.actionId === Action.DigestMuteSource) {
      const kind =
        button.actionId === Action.DigestMuteSource ? FeedbackKind.MuteSource : FeedbackKind.NotRelevant;
      try {
        say(mrkdwnToText(await recordFeedback(deps, parseFeedbackValue(button.value), kind, userId)));
      } catch (error) {
        say(userMessage(error));
      }
      return;
    }
    // A nudge's buttons do what /brief nudge <verb> does; the two that open a form in Slack say what to type.
    const verb = nudgeButtonVerbs[button.actionId];
    if (verb) {
      await run(deps, `nudge ${verb} ${button.value}`);
      return;
    }
    const form = nudgeForms[button.actionId];
    if (form) {
      // As in Slack: who may not gets the refusal before the form.
      let held: unknown;
      try {
        held = await form.check(deps, Number(button.value), userId);
      } catch (error) {
        say(mrkdwnToText(userMessage(error)));
        return;
      }
      say(`In Slack a form asks ${form.asks}; here, type: ${form.command(button.value, held === true)}`);
      return;
    }
    // A top story's Open on Home: the story, as Slack's modal shows it.
    if (button.actionId === Action.HomeStory) {
      show(await homeStoryReply(deps, button.value, userId));
      return;
    }
    if (button.actionId !== Action.RunCommand) {
      say(`"${button.label}" is handled in Slack only; the console presses the buttons that run commands.`);
      return;
    }
    // As Slack's button listener does: the button's command, run as whoever pressed it.
    await run(deps, button.value);
  }

  async function become(deps: Deps, next: string | null, given: string): Promise<void> {
    if (next === null) {
      say(
        given
          ? `"${given}" is not a Slack user id; they look like U012ABCDEF.`
          : `You are ${userId}. Usage: /as U012ABCDEF`,
      );
      return;
    }
    userId = next;
    const role = await roleOf(deps, userId);
    const what =
      role === Role.Admin
        ? 'a Briefbot admin'
        : role === Role.Sme
          ? 'an expert on a beat, not an admin'
          : 'a member: you can ask and read, changes are refused';
    say(`You are now ${userId}, ${what}.`);
  }

  return {
    get userId() {
      return userId;
    },
    show,
    async handle(deps, line) {
      const parsed = parseConsoleLine(line);
      try {
        switch (parsed.kind) {
          case 'blank':
            break;
          case 'quit':
            return 'quit';
          case 'help':
            say(consoleHelp);
            break;
          case 'unknown':
            say(`The console has no ${parsed.name} command. Type /help for the console, help for Briefbot.`);
            break;
          case 'as':
            await become(deps, parsed.userId, parsed.given);
            break;
          case 'press':
            await press(deps, parsed.number, parsed.given);
            break;
          case 'command':
            await run(deps, parsed.text);
            break;
          case 'brief-me':
            await briefMe(deps, parsed.text);
            break;
          case 'home': {
            await noteHomeOpened(deps, userId);
            // Our builders make only known blocks; the view type allows any.
            const blocks = (await buildHome(deps, userId)).blocks as Message['blocks'];
            show({ text: 'App Home', blocks }, `--- App Home, as ${userId} sees it in Slack ---`);
            break;
          }
        }
      } catch (error) {
        deps.logger.error({ error, userId }, 'console line failed');
        say(userMessage(error));
      }
      return 'continue';
    },
  };
}

/** Briefbot's own posts (alerts, and later digests and nudges), shown in the terminal as they happen. */
export function createConsoleOutbox(session: ConsoleSession, clock: Clock): Outbox {
  let posted = 0;
  return {
    async post(channel, message, options = {}) {
      const where = options.threadTs ? ', in the thread' : '';
      const heading = /^[UW]/.test(channel)
        ? `--- to @${channel} (would be sent as a direct message in Slack${where}) ---`
        : `--- to #${channel} (would be posted in Slack${where}) ---`;
      session.show(message, heading);
      posted++;
      // Shaped like Slack's message timestamps, unique within the session.
      return { ts: `${Math.floor(clock.now().getTime() / 1000)}.${String(posted).padStart(6, '0')}` };
    },
    async update(channel, ts, message) {
      session.show(message, `--- message ${ts} in #${channel} updated (as Slack would show it) ---`);
    },
  };
}

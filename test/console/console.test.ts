import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import nock from 'nock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  createConsoleOutbox,
  createConsoleSession,
  localAdminId,
  parseConsoleLine,
} from '../../src/console/console.ts';
import { startConsole } from '../../src/console/index.ts';
import { openDatabase } from '../../src/db/client.ts';
import { actions, button, message, section } from '../../src/slack/blocks/common.ts';
import { Action } from '../../src/slack/ids.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { rssFeed } from '../helpers/digest.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-console-'));
let runs = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The console as a script: every line written at once, the input ended, the output collected. */
async function runConsole(
  lines: string[],
  options: { env?: Record<string, string>; demo?: boolean; databaseFile?: string } = {},
) {
  const databaseFile = options.databaseFile ?? join(dir, `console-${++runs}.db`);
  const config = loadConfig({ DATABASE_URL: `file:${databaseFile}`, LOG_LEVEL: 'silent', ...options.env });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  input.end(lines.map((line) => `${line}\n`).join(''));
  const code = await startConsole(config, { input, output, interactive: false, demo: options.demo ?? false });
  return { code, output: text, databaseFile };
}

/** Asserts the texts appear in the output in this order. */
function expectInOrder(output: string, texts: string[]): void {
  let from = 0;
  for (const text of texts) {
    const at = output.indexOf(text, from);
    expect(at, `"${text}" after position ${from} in:\n${output}`).toBeGreaterThanOrEqual(0);
    from = at + text.length;
  }
}

describe('parseConsoleLine', () => {
  it('takes a /brief command with or without "/brief"', () => {
    expect(parseConsoleLine('  feeds list ')).toEqual({ kind: 'command', text: 'feeds list' });
    expect(parseConsoleLine('/brief topics test pricing')).toEqual({
      kind: 'command',
      text: 'topics test pricing',
    });
    expect(parseConsoleLine('/BRIEF')).toEqual({ kind: 'command', text: '' });
  });

  it("reads the console's own commands", () => {
    expect(parseConsoleLine('/as <@u123abc|maria>')).toEqual({
      kind: 'as',
      userId: 'U123ABC',
      given: '<@u123abc|maria>',
    });
    expect(parseConsoleLine('/as @W12345')).toMatchObject({ userId: 'W12345' });
    expect(parseConsoleLine('/as maria')).toMatchObject({ kind: 'as', userId: null });
    expect(parseConsoleLine('/press [2]')).toEqual({ kind: 'press', number: 2, given: '[2]' });
    expect(parseConsoleLine('/press two')).toMatchObject({ kind: 'press', number: null });
    expect(parseConsoleLine('/brief-me Globex had an outage?')).toEqual({
      kind: 'brief-me',
      text: 'Globex had an outage?',
    });
    expect(parseConsoleLine('/exit')).toEqual({ kind: 'quit' });
    expect(parseConsoleLine('/help')).toEqual({ kind: 'help' });
    expect(parseConsoleLine('/feeds list')).toEqual({ kind: 'unknown', name: '/feeds' });
    expect(parseConsoleLine('   ')).toEqual({ kind: 'blank' });
  });
});

describe('startConsole, scripted', () => {
  it('prints the console help and Briefbot help, and nothing else, when piped', async () => {
    const { code, output } = await runConsole(['/help', '', 'help']);
    expect(code).toBe(0);
    expect(output.startsWith('Console commands:\n')).toBe(true);
    expectInOrder(output, [
      '/as U012ABCDEF',
      '/press N',
      '/quit',
      'Briefbot\n========',
      '[press 1] Feeds  [press 2] Topics  [press 3] Experts\n',
    ]);
    expect(output).not.toContain('briefbot (');
    expect(output.endsWith('[press 3] Experts\n')).toBe(true);
  });

  it('greets an interactive session on a new database with how to begin, and not once feeds exist', async () => {
    const start = async (databaseFile: string) => {
      const config = loadConfig({ DATABASE_URL: `file:${databaseFile}`, LOG_LEVEL: 'silent' });
      const input = new PassThrough();
      const output = new PassThrough();
      let text = '';
      output.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      input.end('/quit\n');
      expect(await startConsole(config, { input, output, interactive: true, demo: false })).toBe(0);
      return text;
    };
    const databaseFile = join(dir, `console-${++runs}.db`);
    expect(await start(databaseFile)).toContain(
      'No feeds yet. Add one (feeds add https://example.com/feed.xml), or /quit and run `npx briefbot console --demo`',
    );
    const db = await openDatabase(`file:${databaseFile}`);
    await db.prisma.feed.create({
      data: { url: 'https://example.com/feed.xml', nextPollAt: new Date('2030-01-01T00:00:00Z') },
    });
    await db.close();
    const again = await start(databaseFile);
    expect(again).toContain('Briefbot console, as ULOCALADMIN');
    expect(again).not.toContain('No feeds yet');
  });

  it('a new admin who types each Get started command in order is refused none of them', async () => {
    const feeds = await startFeedServer({
      '/feed.xml': {
        body: rssFeed('https://news.example', [{ guid: 'a', title: 'Acme raises pricing' }], new Date()),
      },
    });
    try {
      const databaseFile = join(dir, `console-${++runs}.db`);
      const { output: help } = await runConsole(['help'], { databaseFile });
      const steps = help
        .slice(help.indexOf('Get started\n'), help.indexOf('\n  You are'))
        .split('\n')
        .slice(1);
      expect(steps).toHaveLength(4);
      // Each step's commands as typed in the console (channel and person as ids; the import is an alternative).
      const typed = steps.flatMap((step) =>
        [...step.matchAll(/`(\/brief [^`]+)`/g)]
          .map(([, command = '']) => command)
          .filter((command) => !command.startsWith('/brief feeds import'))
          .map((command) =>
            command
              .replace('https://example.com/feed.xml', feeds.url('/feed.xml'))
              .replace('#market-news', '#C0MARKET1')
              .replace('@maria', '@U0MARIA01'),
          ),
      );
      const { output } = await runConsole([...typed, 'help'], {
        databaseFile,
        env: { FEED_ALLOW_PRIVATE_ADDRESSES: 'true' },
      });
      expect(output).not.toMatch(/\(!\)|No topic/);
      expectInOrder(output, ['Added feed 1', 'Added topic acme', 'Added topic pricing', 'Digest 1']);
      expect(output).not.toContain('Get started');
    } finally {
      await feeds.close();
    }
  });

  it('lists no feeds in a new database', async () => {
    const { output } = await runConsole(['/brief feeds list']);
    expect(output).toBe(
      'Briefbot reads no feeds yet. Add one: `/brief feeds add https://example.com/feed.xml`\n',
    );
  });

  it('adds, lists and tests a topic, one line after another', async () => {
    const { output } = await runConsole([
      'topics add pricing pricing OR price* kind=theme',
      '/brief topics list',
      'topics test pricing',
    ]);
    expectInOrder(output, [
      'Added topic pricing (theme): `pricing OR price*`',
      '1 topic\npricing theme · 0 items in 7 days · no nudges (no channel) · `pricing OR price*`',
      'topic pricing (`pricing OR price*`) matched 0 items in the last 7 days',
    ]);
  });

  it('/brief status says this is the local console and how to connect Slack, not that Slack is broken', async () => {
    const { output } = await runConsole(['/brief status']);
    expect(output).toContain(
      'Slack: not connected, as expected: this is the local console, where commands run in the terminal without Slack. To use Briefbot in Slack, put SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (README: "Connect Slack") and run: npx briefbot start',
    );
    expect(output).not.toContain('No Briefbot has connected');
  });

  it('feeds add of a host that does not exist, private addresses allowed as in the demo: typos named once', async () => {
    // The name server's answer for a host that does not exist, faked at the HTTP boundary: the test
    // needs no name server (a machine without one answers EAI_AGAIN, another message).
    nock('http://nosuchhost.invalid')
      .get('/feed')
      .replyWithError(
        Object.assign(new Error('getaddrinfo ENOTFOUND nosuchhost.invalid'), {
          code: 'ENOTFOUND',
          syscall: 'getaddrinfo',
          hostname: 'nosuchhost.invalid',
        }),
      );
    const { output } = await runConsole(['feeds add http://nosuchhost.invalid/feed', 'feeds list'], {
      env: { FEED_ALLOW_PRIVATE_ADDRESSES: 'true' },
    });
    expect(output).toContain(
      'Could not connect to nosuchhost.invalid: no such host name (check the address for typos). Nothing was added. Once the address is right, try again: `/brief feeds add http://nosuchhost.invalid/feed`.',
    );
    expect(output.match(/typo/g)).toHaveLength(1);
    expect(output).toContain('Briefbot reads no feeds yet.');
  });

  it('suggests the command meant by a typo', async () => {
    const { output } = await runConsole(['feds list', 'feeds lsit', 'topics lsit']);
    expect(output).toContain('(!) I don\'t know "/brief feds". Did you mean `/brief feeds list`?');
    expect(output).toContain('(!) I don\'t know "/brief feeds lsit". Did you mean `/brief feeds list`?');
    expect(output).toContain('(!) I don\'t know "/brief topics lsit". Did you mean `/brief topics list`?');
  });

  it('acts as another user with /as: a member is refused changes, a configured admin is not', async () => {
    const { output } = await runConsole(
      [
        '/as U999',
        'topics add pricing pricing',
        '/as U777',
        'topics add pricing pricing',
        `/as ${localAdminId}`,
      ],
      { env: { BRIEFBOT_ADMINS: 'U777' } },
    );
    expectInOrder(output, [
      'You are now U999, a member',
      'Sorry, only Briefbot admins can add topics. Ask @U777 or a workspace admin',
      'You are now U777, a Briefbot admin.',
      'Added topic pricing',
      `You are now ${localAdminId}, a Briefbot admin.`,
    ]);
  });

  it('presses a button of the latest reply as the current user, and says when there is no such button', async () => {
    const { output } = await runConsole(['/press 1', 'help', '/press 2', '/press 9', '/press 3']);
    expectInOrder(output, [
      'There is no button 1: no message with buttons yet (try: help).',
      '[press 1] Feeds  [press 2] Topics  [press 3] Experts',
      'No topics yet.',
      'There is no button 9; the buttons are [press 1] Feeds, [press 2] Topics, [press 3] Experts.',
      'No experts yet.',
    ]);
  });

  it('stops at /quit and leaves the rest of the input unread', async () => {
    const { code, output } = await runConsole(['/quit', 'help']);
    expect(code).toBe(0);
    expect(output).toBe('');
  });
});

describe('messages Briefbot posts', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  it('appear with where they would go, and their buttons can be pressed', async () => {
    let output = '';
    const session = createConsoleSession(
      (text) => {
        output += text;
      },
      { color: false },
    );
    const outbox = createConsoleOutbox(session, deps.clock);
    const alert = message('Topics changed', [
      section('*Topics* changed'),
      actions('a', [
        button('Topics', Action.RunCommand, 'topics list'),
        button('Claim', 'claim_nudge', 'nudge:1'),
      ]),
    ]);
    const first = await outbox.post('C123', alert);
    const second = await outbox.post('U456', alert);
    expect(first.ts).not.toBe(second.ts);
    await session.handle(deps, '/press 1');
    await session.handle(deps, '/press 2');
    expectInOrder(output, [
      '--- to #C123 (would be posted in Slack) ---\nTopics changed\n[press 1] Topics  [press 2] Claim\n',
      '--- to @U456 (would be sent as a direct message in Slack) ---\n',
      'No topics yet.',
      '"Claim" is handled in Slack only',
    ]);
  });
});

describe('the background jobs', () => {
  it('run while the console is open: a failing feed is announced in the terminal', async () => {
    const databaseFile = join(dir, 'failing.db');
    const db = await openDatabase(`file:${databaseFile}`);
    await db.prisma.feed.create({
      data: {
        url: 'https://down.example.com/feed.xml',
        title: 'Down News',
        status: 'failing',
        consecutiveFailures: 5,
        lastError: 'The server answered 503.',
        failingSince: new Date(),
        nextPollAt: new Date(Date.now() + 3600_000),
      },
    });
    await db.close();
    const { code, output } = await runConsole([], { databaseFile });
    expect(code).toBe(0);
    expectInOrder(output, [
      '--- to #CLOCALCONSOLE (would be posted in Slack) ---\n(red) Feed 1 is failing: Down News (https://down.example.com/feed.xml)',
      '[press 1] Retry now  [press 2] Pause feed',
    ]);
  });
});

describe('startConsole --demo', () => {
  it('counts a competitor on App Home as `acme vs globex` does: what others said, its own posts apart', async () => {
    const { output } = await runConsole(['/home', 'acme vs globex this week vs last week'], { demo: true });
    const home =
      /globex competitor · (\d+) items by others in 7 days \(none the week before\) · its own posts: (\d+)/.exec(
        output,
      );
    const compared = /Globex rose from none \((\d+) vs 0\)/.exec(output);
    expect(home?.[1]).toBe(compared?.[1]);
    expect(output).toContain(
      'globex competitor · 9 items by others in 7 days (none the week before) · its own posts: 8',
    );
    expect(output).toContain("8 of them Globex's own posts");
  });

  it('serves and loads the sample feeds and topics, in a database of its own', async () => {
    const { code, output, databaseFile } = await runConsole(
      ['topics test pricing', 'feeds list', 'topics list', 'how are we doing'],
      {
        demo: true,
      },
    );
    expect(code).toBe(0);
    expect(output).toMatch(
      /^Demo: 4 sample feeds \(38 items\), 4 topics \(acme is the company\), an expert \(@UEXPERT01, on pricing and outages\) and a digest for #CDEMONEWS are loaded/,
    );
    const matched = /topic pricing \(`[^`]+`\) matched (\d+) items in the last 7 days/.exec(output);
    expect(Number(matched?.[1])).toBeGreaterThanOrEqual(5);
    expect(output).toContain('4 feeds: 4 ok, 0 failing, 0 paused');
    expectInOrder(output, [
      '4 topics',
      'acme company',
      'globex competitor',
      'outages theme',
      'pricing theme',
    ]);
    // The demo's company answers "how are we doing".
    expect(output).toContain('What people are saying about Acme');
    expect(output).toMatch(
      /\(green\) 2 The Globex Blog \(http:\/\/127\.0\.0\.1:\d+\/feeds\/globex-blog\.xml\) competitor/,
    );
    expect(existsSync(databaseFile)).toBe(false);
  });

  it("numbers an answer's buttons apart from its sources: [6] is source 6, [press 6] a button", async () => {
    const { output } = await runConsole(['/as UEXEC01', 'what are customers saying about pricing', 'more'], {
      demo: true,
    });
    // The second page lists sources 6 and on; its buttons start again at 1.
    expect(output).toMatch(/^\[6\] .+\(https:\/\/.+\)$/m);
    // One Request a response… menu, its options pressed by number, each named by its source's.
    expect(output).toMatch(/^Request a response…: \[press 1\] \[6\] {2}\[press 2\] \[7\] /m);
    expect(output).toMatch(/ \[press \d+\] Share to channel {2}\[press \d+\] More$/m);
    // No button reads as a source's number.
    expect(output).not.toMatch(/^\[\d+\] (?:Request a response|Share to channel)/m);
  });

  it('briefs on a message as the "Brief me on this" shortcut does, and says when it cannot', async () => {
    const { output } = await runConsole(
      [
        '/brief-me Heads up: a prospect says Globex had another outage?',
        '/brief-me lunch at noon?',
        '/brief-me',
      ],
      { demo: true },
    );
    expectInOrder(output, [
      'What people are saying about Globex',
      'This message doesn’t mention acme, globex, outages or pricing',
      'Usage: /brief-me <the text of a Slack message>',
    ]);
  });

  it('posts the demo digest to the terminal: parent, then the list in its thread, with feedback buttons', async () => {
    const { code, output } = await runConsole(['digest now #CDEMONEWS', '/press 2'], { demo: true });
    expect(code).toBe(0);
    expectInOrder(output, [
      '--- to #CDEMONEWS (would be posted in Slack) ---',
      // The sample items reached Briefbot as they were published: a week of news, none of it late.
      'Digest: pricing, globex — 12 new since',
      '--- to #CDEMONEWS (would be posted in Slack, in the thread) ---',
      '[press 1] Not relevant  [press 2] Mute source',
      'Posted 8 items to <#CDEMONEWS>.'.replace('<#CDEMONEWS>', '#CDEMONEWS'),
      'muted',
    ]);
    expect(output).not.toMatch(/arrived late/);
  });

  it('runs a nudge end to end: request, claim with the button, reply by command, and the team list', async () => {
    const { code, output } = await runConsole(
      [
        'sme add @UMARIA01 pricing',
        'nudge item #1',
        '/as UMARIA01',
        '/press 1',
        '/press 1',
        'nudge replied 1 https://social.example/maria/1',
        'nudge list',
      ],
      { demo: true },
    );
    expect(code).toBe(0);
    expectInOrder(output, [
      'Experts on this beat: @UEXPERT01 @UMARIA01 — can one of you take it?',
      '[press 1] Claim  [press 2] Not relevant  [press 3] Snooze a day',
      'You are now UMARIA01',
      'Claimed by @UMARIA01',
      '--- to @UMARIA01',
      '[press 1] Mark replied  [press 2] Draft a reply  [press 3] Not mine  [press 4] Release',
      'You claimed conversation 1: your DM with Briefbot has what you need.',
      'here, type: nudge replied 1',
      '@UMARIA01 replied: their reply on social.example (https://social.example/maria/1)',
      'Thank you: your reply to conversation 1 is recorded (https://social.example/maria/1).',
      'No conversations are waiting',
    ]);
  });

  it("the demo's first line walks a request and a claim in the steps it names, with no item number to know", async () => {
    const { output } = await runConsole(
      ['what are customers saying about pricing', '/press 1', '/as UEXPERT01', '/press 1'],
      { demo: true },
    );
    expect(output.split('\n')[0]).toContain(
      "try: what are customers saying about pricing (then /press 1, its first source's Request a response, and /as UEXPERT01 then /press 1 to claim it as the expert)",
    );
    expect(output).not.toContain('nudge item');
    expectInOrder(output, [
      '[1] Acme price increase: are you renegotiating or switching?',
      'Request a response…: [press 1] [1]',
      ':speech_balloon: A conversation to join on pricing. @ULOCALADMIN asked for a response.',
      'You are now UEXPERT01',
      ':raising_hand: Claimed by @UEXPERT01, who will reply.',
      'You claimed conversation 1',
    ]);
  });

  it('Draft a reply on the claim DM, without the model: what drafting needs, and the points to answer', async () => {
    const { code, output } = await runConsole(['nudge item #1', '/as UEXPERT01', '/press 1', '/press 2'], {
      demo: true,
    });
    expect(code).toBe(0);
    expectInOrder(output, [
      '[press 1] Mark replied  [press 2] Draft a reply  [press 3] Not mine  [press 4] Release',
      'You claimed conversation 1: your DM with Briefbot has what you need.',
      'Drafting a reply needs the language model, which is not set up here: an admin sets `OPENAI_API_KEY` where Briefbot runs',
      'Points to answer in conversation 1, as the story says them:',
      'Sources',
    ]);
  });

  it('Not mine on the claim DM: its holder is told the command, which gives it back as it moves, as the form does', async () => {
    const { output } = await runConsole(['nudge item #1', '/as UEXPERT01', '/press 1', '/press 3'], {
      demo: true,
    });
    expect(output).toContain(
      'In Slack a form asks whose beat it is; here, type: nudge move 1 <topic> [why] (you give it back as it moves)',
    );
  });

  it('Mark replied on the claim DM: the command takes the link, or how they replied with no link', async () => {
    const { output } = await runConsole(['nudge item #1', '/as UEXPERT01', '/press 1', '/press 1'], {
      demo: true,
    });
    expect(output).toContain(
      "In Slack a form asks for your reply's link, or, with no link, how you replied; here, type: nudge replied 1 <link to your reply> (no link? nudge replied 1 by email)",
    );
  });

  it('a form button pressed by someone who may not use it is refused before the form, as in Slack', async () => {
    const { output } = await runConsole(['nudge item #1', '/as URANDOM99', '/press 2'], { demo: true });
    expectInOrder(output, [
      '[press 1] Claim  [press 2] Not relevant',
      'You are now URANDOM99',
      'Sorry, only the experts on',
    ]);
    expect(output).not.toContain('In Slack a form asks why');
  });

  it("an admin's Home offers Reassign on each conversation: here, the command to type; an expert is refused", async () => {
    // Buttons are numbered down Home: the three top stories' Open and the four topics' Follow come first.
    const { output } = await runConsole(['nudge item #1', '/home', '/press 8', '/as UEXPERT01', '/press 8'], {
      demo: true,
    });
    expectInOrder(output, [
      '--- App Home, as ULOCALADMIN sees it in Slack ---',
      '[press 7] Follow',
      'waiting for a claim · `/brief nudge reassign 1 @someone`',
      '[press 8] Reassign 1',
      'In Slack a form asks whom to give it to; here, type: nudge reassign 1 @someone (add confirm to give it to someone away)',
      'You are now UEXPERT01',
      'Sorry, only Briefbot admins can reassign conversations.',
    ]);
  });

  it('shows App Home as each user sees it, and its buttons can be pressed', async () => {
    const { output } = await runConsole(['/home', '/as UMEMBER01', '/home', '/press 9', '/press 1'], {
      demo: true,
    });
    expectInOrder(output, [
      '--- App Home, as ULOCALADMIN sees it in Slack ---',
      'You are a Briefbot admin',
      '[Ask Briefbot: type the question as a command]',
      'Feeds: 4 (4 ok, 0 failing, 0 paused)',
      'Digests',
      '/brief nudge list',
      '--- App Home, as UMEMBER01 sees it in Slack ---',
      'You can ask and read',
      '/brief what’s new',
      '[press 8] Feeds  [press 9] Topics  [press 10] Help',
      '4 topics',
      // A top story's Open shows the story, as Slack's modal does.
      'Source 1 in App Home (“Last 7 days’ top stories”).',
    ]);
    // A member's Home has no digests section.
    const memberHome = output.slice(output.indexOf('as UMEMBER01 sees it'));
    expect(memberHome).not.toContain('Digests\n=');
  });
});

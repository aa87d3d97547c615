import { beforeEach, describe, expect, it } from 'vitest';
import { helpMessage } from '../../src/slack/blocks/replies.ts';
import { read, useCommandTests } from '../helpers/commands.ts';
import { createFeed, createTopic } from '../helpers/digest.ts';
import { phoneLines } from '../helpers/phone.ts';

const admin = 'UADMIN01';
const expert = 'USME0001';
const member = 'UMEMBER1';
const roles = [
  ['member', member],
  ['sme', expert],
  ['admin', admin],
] as const;

/** About one phone screen: the main help of every role fits in it. */
const screen = 20;

const { current, brief } = useCommandTests(admin);

beforeEach(async () => {
  await current().deps.db.prisma.sme.create({ data: { userId: expert } });
});

async function setUp(): Promise<void> {
  const { deps } = current();
  await createFeed(deps, { host: 'https://news.example.com' });
  await createTopic(deps, 'pricing', 'pricing');
}

/** The commands a help names, as typed in its code spans ("`/brief feeds list`"). */
function commandsIn(text: string): string[] {
  const shown = text.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  return [...new Set([...shown.matchAll(/`(\/brief [^`]+)`/g)].map((match) => match[1] ?? ''))];
}

describe('/brief help on a phone', () => {
  it.each(roles)(
    'fits one phone screen for a %s, set up or fresh, and for a part with no help',
    async (_, user) => {
      await setUp();
      const help = await brief('help', user);
      expect(phoneLines(help), read(help)).toBeLessThanOrEqual(screen);
      expect(phoneLines(await brief('help xyz', user))).toBeLessThanOrEqual(screen + 3);
    },
  );

  it.each(roles)('fits a phone screen and a half on a fresh install for a %s', async (_, user) => {
    const help = await brief('help', user);
    expect(read(help)).toMatch(/Get started|isn't set up yet/);
    expect(phoneLines(help), read(help)).toBeLessThanOrEqual(screen + 10);
  });

  it('leads with what each role does most: asking, their conversations, set-up', async () => {
    await setUp();
    expect(read(await brief('help', member))).toMatch(
      /^[^`]*Ask in plain words[^`]*`\/brief what are customers saying about pricing`/,
    );
    expect(read(await brief('help', expert))).toMatch(
      /^[^`]*Your conversations.*\*Claim\*.*`\/brief what’s waiting for me` — your claims, then your beats’ open ones/,
    );
    expect(read(await brief('help', admin))).toMatch(/^[^`]*Set up[^`]*`\/brief feeds add https:/);
    for (const [, user] of roles)
      expect(read(await brief('help', user))).toContain(
        '`/brief help asking` · `help digests` · `help feeds` · `help topics` · `help experts` · `help nudges` · `help languages` · all of it: `help all`',
      );
  });

  it.each(roles)('leaves no command a %s could read in the whole guide unreachable', async (role, user) => {
    await setUp();
    // The guide as the main help showed it before it fit a phone: everyone's part, an expert's for
    // experts, all three for admins (`help all` shows them still).
    const parts = { member: 1, sme: 2, admin: 3 }[role];
    const whole = read({ ...helpMessage('admin', undefined, true), visibility: 'ephemeral' });
    const guideParts = whole.split(/\*(?:Subject-matter experts|Marketers \(Briefbot admins\))\*/);
    expect(guideParts).toHaveLength(3);
    // Its pointers to a group's help (`/brief digest help`) are the pages visited below.
    const named = commandsIn(guideParts.slice(0, parts).join('')).filter(
      (command) => !/ help$/.test(command),
    );
    expect(named.length).toBeGreaterThan(10 * parts);
    const pages = ['', 'asking', 'digests', 'feeds', 'topics', 'experts', 'nudges', 'languages'];
    const reachable = new Set<string>();
    for (const page of pages) {
      const reply = await brief(`help ${page}`, user);
      expect(read(reply), page).not.toMatch(/No help for|:warning:/);
      for (const command of commandsIn(read(reply))) reachable.add(command);
    }
    expect(named.filter((command) => !reachable.has(command))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildHome } from '../../src/slack/home.ts';
import { useCommandTests } from '../helpers/commands.ts';
import { createFeed, createTopic } from '../helpers/digest.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
const { current, brief } = useCommandTests(admin);

const home = async (userId: string) => JSON.stringify(await buildHome(current().deps, userId));
const help = async (userId: string) => JSON.stringify((await brief('help', userId)).blocks);

describe('a fresh install', () => {
  it('gives an admin the set-up order on Home and atop help, ticking each step as it is done', async () => {
    for (const text of [await home(admin), await help(admin)]) {
      expect(text).toContain('*Get started*\\n1. Add the feeds to read: `/brief feeds add');
      expect(text).toContain('\\n2. Add your company and topics: `/brief topics add acme');
      expect(text).toContain('\\n3. Schedule a digest: `/brief digest add');
      expect(text).toContain('\\n4. Name experts to nudge: `/brief sme add');
    }
    // Nothing to search yet: the question box is not where to start.
    expect(await home(admin)).not.toContain('ask in the box above');
    await createFeed(current().deps, { host: 'https://news.example.com' });
    const fed = await home(admin);
    expect(fed).toContain('*Get started*\\n:white_check_mark: ~Add the feeds to read');
    expect(fed).toContain('\\n2. Add your company and topics');
    // Feeds and topics there: set up, no list any more.
    await createTopic(current().deps, 'acme', 'acme');
    expect(await home(admin)).not.toContain('Get started');
    expect(await help(admin)).not.toContain('Get started');
  });

  it('tells a member what to expect and whom to ask, with no admin commands', async () => {
    for (const text of [await home(member), await help(member)]) {
      expect(text).toContain(
        "*Briefbot isn't set up yet.* Once an admin adds feeds and topics, you can ask about your market here and follow topics in your DMs. Ask <@UADMIN01> or a workspace admin to set it up.",
      );
      expect(text).not.toContain('Get started');
    }
  });
});

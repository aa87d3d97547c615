import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';
import { createFeed } from '../helpers/digest.ts';

const { current, brief } = useCommandTests('UADMIN01');

/** The reply's plain text, as a phone's notification and the console show it. */
async function said(text: string): Promise<string> {
  return (await brief(text)).text;
}

describe('a command a marketer guesses that Briefbot does another way', () => {
  it('"feeds mute <name>" gives the digest mute that does it, the feed and digest filled in, ready to copy', async () => {
    const { deps } = current();
    await createFeed(deps, { host: 'https://news.example.com', title: 'SaaS Ledger' });
    await createFeed(deps, {
      host: 'https://blog.globex.example',
      title: 'The Globex <Blog>',
      kind: 'competitor',
    });
    await brief('topics add pricing pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    const hint = await said('feeds mute The Globex <Blog>');
    expect(hint).toContain(
      "I don't know \"/brief feeds mute\": a source is muted in a channel's digests. `/brief digest mute 1 2` keeps feed 2 (The Globex &lt;Blog&gt;) out of <#C0EXEC>'s digests, and `/brief digest unmute 1 2` lets it back; to stop reading it everywhere: `/brief feeds pause 2`.",
    );
    // The command offered does it.
    expect(await said('digest mute 1 2')).toContain('muted');
    expect(await said('feeds unmute 2')).toContain(
      "a source muted in a channel's digests is let back there, `/brief digest unmute 1 2`; a paused feed is read again with `/brief feeds resume 2`.",
    );
    // A second channel digest, and a name no feed has: the numbers to fill in, and where to find them.
    await brief('digest add <#C0NEWS|news> daily 09:00 topics: pricing');
    expect(read(await brief('feeds mute zzz'))).toContain(
      "`/brief digest mute &lt;number&gt; &lt;feed number&gt;` keeps a feed out of a channel's digests",
    );
    expect(await said('feeds mute zzz')).toContain(
      '(`/brief digest list` and `/brief feeds list` give the numbers).',
    );
  });

  it('"digest skip tomorrow" gives the pause and resume that skip a run, and what the next digest brings', async () => {
    await brief('topics add pricing pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    expect(await said('digest skip tomorrow')).toContain(
      'A digest has no skip of one run: pause it, and resume it once that day is past: `/brief digest pause 1`, then `/brief digest resume 1`. It keeps its schedule, topics and size, and the first digest after the pause brings what came in meanwhile.',
    );
    expect(await said('digest pause 1')).toMatch(/paused/i);
    await brief('digest add <#C0NEWS|news> daily 09:00 topics: pricing');
    expect(await said('digest skip 2')).toContain('`/brief digest pause 2`, then `/brief digest resume 2`');
    expect(await said('digest skip tomorrow')).toContain(
      '`/brief digest pause &lt;number&gt;`, then `/brief digest resume &lt;number&gt;`. It keeps its schedule, topics and size, and the first digest after the pause brings what came in meanwhile (`/brief digest list` gives the numbers).',
    );
  });

  it('"feeds import" with no address, a file name or an address without https:// says what to type for each', async () => {
    const server = '(what feed readers export), e.g. `/brief feeds import https://example.com/feeds.opml`.';
    expect(await said('feeds import')).toBe(
      'Give the address of an OPML file (what feed readers export), e.g. `/brief feeds import https://example.com/feeds.opml`. A file on your computer: put it where a link opens the file itself and give that link, or import it on the server: `npx briefbot feeds import feeds.opml`. One feed: `/brief feeds add &lt;url&gt;`.',
    );
    const file = await said('feeds import ~/Downloads/feeds.opml');
    expect(file).toContain(server);
    expect(file).toContain('import it on the server: `npx briefbot feeds import ~/Downloads/feeds.opml`.');
    expect(await said('feeds import lists.example.com/feeds.opml')).toContain(
      'e.g. `/brief feeds import https://lists.example.com/feeds.opml`. A file on your computer',
    );
  });
});

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { displayFeedUrl, typedFeedUrl } from '../../src/monitor/canonical-url.ts';
import { read, useCommandTests } from '../helpers/commands.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
const { current, brief } = useCommandTests(admin);

describe('a feed address with a login', () => {
  it('never shows the password: replies, the feeds list, the change log', async () => {
    nock('https://paid.example.com')
      .get('/feed.xml')
      .basicAuth({ user: 'reader', pass: 's3cretpw' })
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    const added = read(await brief('feeds add https://reader:s3cretpw@paid.example.com/feed.xml kind=news'));
    expect(added).toMatch(/Added feed/);
    const listed = read(await brief('feeds list', member));
    const changes = read(await brief('changes feeds'));
    for (const shown of [added, listed, changes]) {
      expect(shown).not.toContain('s3cretpw');
    }
    expect(listed).toContain('https://paid.example.com/feed.xml|');
    expect(changes).toContain('https://reader:•••@paid.example.com/feed.xml');
    // The row keeps the login it fetches with; the change log keeps only the masked form.
    const feed = await current().deps.db.prisma.feed.findFirstOrThrow();
    expect(feed.url).toBe('https://reader:s3cretpw@paid.example.com/feed.xml');
    const log = await current().deps.db.prisma.auditEvent.findMany();
    expect(JSON.stringify(log)).not.toContain('s3cretpw');
  });

  it('prints the commands that add the feed again with <password> to type, never the masked •••', async () => {
    nock('https://paid.example.com')
      .get('/feed.xml')
      .basicAuth({ user: 'reader', pass: 's3cretpw' })
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await brief('feeds add https://reader:s3cretpw@paid.example.com/feed.xml kind=review');
    const again = '/brief feeds add https://reader:&lt;password&gt;@paid.example.com/feed.xml kind=review';
    const removed = read(await brief('feeds remove 1 confirm'));
    expect(removed).toContain(`to watch it again: \`${again}\``);
    // `undo`'s way back, and the removed feed's number asked about later.
    const changes = read(await brief('undo'));
    expect(changes).toContain(again);
    const asked = read(await brief('feeds pause 1'));
    expect(asked).toContain(`To watch it again: \`${again}\``);
    for (const shown of [removed, changes, asked]) {
      expect(shown).not.toContain('s3cretpw');
      expect(shown).not.toMatch(/feeds add https:\/\/reader:•••@/);
    }
    expect(typedFeedUrl('https://reader:•••@paid.example.com/feed.xml')).toBe(
      'https://reader:<password>@paid.example.com/feed.xml',
    );
    expect(typedFeedUrl('https://paid.example.com/feed.xml')).toBe('https://paid.example.com/feed.xml');
  });

  it('masks the password in text and log lines, and leaves other addresses alone', () => {
    expect(displayFeedUrl('could not reach http://user:pa55@host.example/f?x=1 now')).toBe(
      'could not reach http://user:•••@host.example/f?x=1 now',
    );
    // A password masked already stays as it was.
    expect(displayFeedUrl('postgresql://briefbot:***@db.example.com/b')).toBe(
      'postgresql://briefbot:***@db.example.com/b',
    );
    expect(displayFeedUrl('see https://host.example/a:b@c and mailto:x@y.example')).toBe(
      'see https://host.example/a:b@c and mailto:x@y.example',
    );
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line)).warn(
      { url: 'https://u:hunter2@h.example/feed' },
      'feed fetch failed',
    );
    expect(lines.join('')).not.toContain('hunter2');
  });
});

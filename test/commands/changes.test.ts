import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/index.ts';
import { recordAudit } from '../../src/db/audit.ts';
import { useCommandTests } from '../helpers/commands.ts';

const { current, brief } = useCommandTests('UADMIN01');
const member = 'UMEMBER1';

function lines(reply: Reply): string[] {
  return reply.blocks
    .flatMap((block) => (block.type === 'section' ? [block.text?.text ?? ''] : []))
    .slice(1)
    .join('\n')
    .split('\n');
}

describe('/brief changes', () => {
  it('shows admins who changed what and when, newest first, in words; members are refused', async () => {
    await brief('topics add acme acme kind=company');
    await brief('topics set acme threshold=0.7');
    await brief('digest add <#C0EXEC|exec> weekdays 07:30 topics: acme');
    await brief('digest pause 1');
    const { deps } = current();
    await recordAudit(deps.db, deps.clock.now(), {
      actorId: 'cli',
      action: 'feed.add',
      subjectType: 'feed',
      subjectId: 3,
      detail: { url: 'https://x.example/rss?a=1&b=2', kind: 'review' },
    });
    const reply = await brief('changes');
    expect(reply.text).toBe('The last 5 changes, newest first');
    const shown = lines(reply).map((line) => line.replace(/^• \d+ \w+ \d{4} \d\d:\d\d UTC · /, ''));
    expect(shown).toEqual([
      'the command line added feed 3 (https://x.example/rss?a=1&amp;b=2) as review',
      '<@UADMIN01> paused digest 1 (<#C0EXEC>)',
      '<@UADMIN01> added digest 1 (<#C0EXEC>)',
      "<@UADMIN01> set topic acme's nudges: threshold 0.7",
      '<@UADMIN01> added topic acme (`acme`)',
    ]);
    expect((await brief('audit')).text).toBe(reply.text);
    expect((await brief('changes', member)).text).toMatch(
      /^Sorry, only Briefbot admins can see who changed what/,
    );
  });

  it('shows the last 20 changes, and says when there are none', async () => {
    expect((await brief('changes')).text).toBe('No changes yet.');
    for (let index = 1; index <= 25; index++) await brief(`topics add topic${index} word${index}`);
    const shown = lines(await brief('changes'));
    expect(shown).toHaveLength(20);
    expect(shown[0]).toMatch(/added topic topic25 /);
    expect(shown[19]).toMatch(/added topic topic6 /);
  });

  it('keeps "audit" with other words a question, and refuses "changes" as a topic name', async () => {
    expect((await brief('audit trail complaints')).text).not.toMatch(/changes/);
    expect((await brief('topics add changes pricing')).text).toMatch(/"changes" is a \/brief command word/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/index.ts';
import { useCommandTests } from '../helpers/commands.ts';

const { brief } = useCommandTests('UADMIN01');

/** All the text a person would read in the reply. */
function read(reply: Reply): string {
  return JSON.stringify(reply.blocks) + reply.text;
}

describe('topics edit', () => {
  it('warns, as topics add does, when the new query matches nothing', async () => {
    await brief('topics add outages outage OR downtime');
    expect((await brief('topics edit outages zzzqqq')).text).toMatch(
      /It matches 0 items from the last 30 days\. Nothing matches yet: check the query with `\/brief topics test zzzqqq`, and change it with `\/brief topics edit outages &lt;query&gt;`\./,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../helpers/commands.ts';

const { brief } = useCommandTests('UADMIN01');

describe('an admin with no follow says "change the exec digest to 10"', () => {
  it('gets the digest command for the channel digests, with their numbers, not "an admin changes them"', async () => {
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> weekdays 09:00 topics: acme');
    expect((await brief('change the exec digest to 10')).text).toBe(
      'You follow nothing, so this is about a channel digest: `/brief digest edit 1 10:00`. The channel digests: 1 (<#C0EXEC>, weekdays at 09:00 UTC).',
    );
    expect((await brief('pause the exec digest')).text).toMatch(
      /^You follow nothing, so this is about a channel digest: `\/brief digest pause 1`\./,
    );
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: acme');
    expect((await brief('make the exec digest less often')).text).toBe(
      'You follow nothing, so this is about a channel digest: `/brief digest edit &lt;number&gt; &lt;new schedule&gt;`. The channel digests: 1 (<#C0EXEC>, weekdays at 09:00 UTC) · 2 (<#C0NEWS>, daily at 08:00 UTC).',
    );
    // A member still hears that channel digests are an admin's.
    expect((await brief('change the exec digest to 10', 'UMEMBER1')).text).toMatch(/an admin changes them/);
  });
});

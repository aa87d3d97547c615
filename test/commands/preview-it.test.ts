import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';

const { brief } = useCommandTests('UADMIN01');

describe('"preview it now" after talking about a digest', () => {
  it('previews the only digest there is, never a search of the news', async () => {
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: acme');
    const reply = read(await brief('preview it now'));
    expect(reply).toMatch(/Preview of digest 1/);
    expect(reply).not.toMatch(/customers saying|No items|nothing matches/i);
  });

  it('previews the digest last talked about; with none, asks which with the digest preview commands', async () => {
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: acme');
    await brief('digest add <#C0NEWS|news> daily 10:00 topics: acme');
    // Someone who talked about none is asked which, with the commands.
    const which = read(await brief('preview it now', 'UEXEC001'));
    expect(which).toMatch(/Which digest\? There are 2 .*\/brief digest preview 1/);
    expect(which).not.toMatch(/Preview of digest/);
    // The admin just added digest 2: that is the one.
    expect(read(await brief('preview it now'))).toMatch(/Preview of digest 2/);

    await brief('digest pause 2 until 2026-12-01');
    const paused = read(await brief('preview it'));
    expect(paused).toMatch(/Preview of digest 2 .*paused until Tue 1 Dec, back by itself then/);
    await brief('digest list 1');
    expect(read(await brief('show me a preview of it'))).toMatch(/Preview of digest 1/);
    // A reply naming one digest counts too: "Digest 1 for #exec is paused".
    await brief('digest resume 2');
    expect(read(await brief('preview that now please'))).toMatch(/Preview of digest 2/);
  });
});

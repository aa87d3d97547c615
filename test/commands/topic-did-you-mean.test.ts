import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';

const { brief } = useCommandTests('UADMIN01');

describe('a mistyped topic ("pricng") names the one meant', () => {
  it('in sme add, which adds nothing', async () => {
    await brief('topics add pricing pricing OR price*');
    await brief('topics add acme acme kind=company');
    const reply = read(await brief('sme add <@UBOB0001|bob> pricng, acme'));
    expect(reply).toMatch(
      /No topic "pricng"\. Did you mean `\/brief sme add @UBOB0001 pricing, acme`\? Nothing was added\./,
    );
    // One not close to any topic: the list of topics, with the one that is close named.
    expect(read(await brief('sme add <@UBOB0001|bob> pricng, weather'))).toMatch(
      /No topic "pricng"\. Did you mean “pricing”\? The topics are: acme, pricing/,
    );
    expect(read(await brief('sme list'))).not.toMatch(/UBOB0001/);
  });

  it("in a digest's topics, and says nothing when no topic is close", async () => {
    await brief('topics add pricing pricing OR price*');
    const reply = read(await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricng'));
    expect(reply).toMatch(/No topic "pricng"\. Did you mean “pricing”\?/);
    const far = read(await brief('digest add <#C0EXEC|exec> daily 08:00 topics: weather'));
    expect(far).toMatch(/No topic "weather"\. The topics are: pricing/);
    expect(far).not.toMatch(/Did you mean/);
  });
});

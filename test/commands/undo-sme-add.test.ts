import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';

const { brief } = useCommandTests('UADMIN01');

describe('undo after sme add', () => {
  it('gives the sme remove of the beats it added, never one they had, and that command puts things back', async () => {
    await brief('topics add pricing pricing OR price*');
    await brief('topics add outages outage*');
    await brief('topics add acme acme kind=company');
    await brief('sme add <@UEXPERT01|ana> outages');
    await brief('sme add <@UEXPERT01|ana> pricing, outages, acme');
    const undo = read(await brief('undo'));
    expect(undo).toMatch(/To undo it: `\/brief sme remove @UEXPERT01 pricing, acme`\./);
    expect(undo).not.toMatch(/No single command reverses it/);

    const command = /To undo it: `\/brief ([^`]+)`/.exec((await brief('undo')).text)?.[1] as string;
    await brief(command);
    const list = read(await brief('sme list'));
    expect(list).toMatch(/UEXPERT01/);
    expect(list).toMatch(/outages/);
    expect(list).not.toMatch(/pricing|acme/);
  });

  it('a new expert is taken off the beat it was put on', async () => {
    await brief('topics add pricing pricing OR price*');
    await brief('sme add <@UBOB0001|bob> pricing');
    expect(read(await brief('undo'))).toMatch(
      /you put <@UBOB0001> on pricing\. To undo it: `\/brief sme remove @UBOB0001 pricing`/,
    );
  });

  it('changes shows the day a pause ends', async () => {
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: acme');
    await brief('digest pause 1 until 2026-11-20');
    expect(read(await brief('changes'))).toMatch(/paused digest 1 until Fri 20 Nov/);
  });
});

import { describe, expect, it } from 'vitest';
import { sourceAsked } from '../../src/briefing/drill.ts';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { removeFeed } from '../../src/monitor/feeds.ts';
import { buildHome } from '../../src/slack/home.ts';
import { createRunCommandActionHandler } from '../../src/slack/listeners/run-command-action.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { buttonArgs, createRecorder } from '../helpers/slack.ts';

const now = '2026-11-02T09:00:00Z';
const demo = useDemoCorpus({ now });
const { brief } = demo;

/** Every text of a reply's blocks, in order. */
function shown(reply: Reply): string {
  return JSON.stringify(reply.blocks);
}

/** The numbered sources of an answer, as listed: "[2] <url|title>" → [2, url]. */
function listed(reply: Reply): Map<number, string> {
  return new Map(
    [...shown(reply).matchAll(/\*\[(\d+)\]\* <([^|>]+)\|/g)].map((match) => [
      Number(match[1]),
      match[2] as string,
    ]),
  );
}

describe('sourceAsked', () => {
  it.each([
    ['tell me more about 2', 2],
    ['Tell me more about #2?', 2],
    ['more on [2]', 2],
    ['details on 1', 1],
    ['expand on source 3', 3],
    ['and what about 4', 4],
    ['open 5', 5],
    ['7', 7],
    ['#12', 12],
    ['tell me more about number two', 2],
    ['tell me more about the second one', 2],
    ['the second one', 2],
    ['expand on the first story', 1],
    ['show me number 3', 3],
    ['show me the third one', 3],
    // No source 0: the reply lists the numbers there are, as for 99.
    ['tell me more about 0', 0],
  ])('"%s" opens source %i', (text, number) => {
    expect(sourceAsked(text)).toEqual({ number });
  });

  it.each([
    ['tell me more about globex 2', 'globex', 2],
    ["globex's [3]", 'globex', 3],
    ['more on 2 from acme', 'acme', 2],
    ['the second globex one', 'globex', 2],
    ['soc 2', 'soc', 2],
  ])('"%s" opens a column\'s source (when the answer has that column)', (text, side, number) => {
    expect(sourceAsked(text)).toEqual({ number, side });
  });

  it.each([
    'tell me more about pricing',
    'more',
    'pricing last 30 days',
    'the second',
    'show me pricing',
    'tell me more about the price war',
    'what are customers saying about pricing in the first week of november',
  ])('"%s" is no source', (text) => {
    expect(sourceAsked(text)).toBeNull();
  });
});

describe('/brief tell me more about <n>', () => {
  it("opens that source of the asker's last answer: its words, tone, source, date, topics and the button", async () => {
    const answer = await brief('what are customers saying about pricing', 'UDRILL01');
    const sources = listed(answer);
    expect(sources.size).toBe(5);
    const opened = await brief('tell me more about 2', 'UDRILL01');
    const text = shown(opened);
    const row = demo.deps.db.sqlite
      .prepare(
        `SELECT i.id, i.title, i.text, i.author, f.title AS feed FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.url = ?`,
      )
      .safeIntegers(false)
      .get(sources.get(2)) as {
      id: number;
      title: string;
      text: string;
      author: string | null;
      feed: string;
    };
    expect(opened.text).toBe(`[2] ${row.title} — ${row.feed}`);
    expect(text).toContain(`*[2]* <${sources.get(2)}|`);
    // Its own words, as a quote.
    expect(text).toContain(`>${row.text.slice(0, 40).replace(/"/g, '\\"')}`);
    if (row.author) expect(text).toContain(`by ${row.author}`);
    expect(text).toContain('Counts for: ');
    expect(text).toContain('pricing');
    expect(text).toContain(`"value":"nudge item #${row.id}"`);
    expect(text).toContain(
      'Source 2 in your answer to “what are customers saying about pricing”. `/brief tell me more about 3` opens the next source. `/brief more` continues that answer.',
    );
    // Opening a source is no new question: "more" still continues the answer.
    expect(shown(await brief('more', 'UDRILL01'))).toContain('sources 6–10');
    // Sources of the second page open too, and so do those of the first.
    const page2 = listed(await brief('tell me more about 7', 'UDRILL01'));
    expect(page2.get(7)).toBeDefined();
    expect(shown(await brief('tell me more about 1', 'UDRILL01'))).toContain(`*[1]* <${sources.get(1)}|`);
  });

  it('shows the points and comments a forum counted for a source ("312 points · 148 comments"), as it counted them', async () => {
    const sources = listed(await brief('what are customers saying about pricing', 'UDRILL02'));
    const facts = (opened: Reply) =>
      opened.blocks.flatMap((block) =>
        block.type === 'context'
          ? block.elements.map((element) => ('text' in element ? element.text : ''))
          : [],
      )[0];
    const counted = demo.deps.db.sqlite.prepare(
      'UPDATE items SET points = ?, comment_count = ? WHERE url = ?',
    );
    counted.run(312, 148, sources.get(2));
    expect(facts(await brief('tell me more about 2', 'UDRILL02'))).toMatch(/ · 312 points · 148 comments$/);
    // A feed that states no votes: its comments alone; one that states neither: no count at all.
    counted.run(null, 1, sources.get(2));
    const commentsAlone = facts(await brief('tell me more about 2', 'UDRILL02'));
    expect(commentsAlone).toMatch(/ · 1 comment$/);
    expect(commentsAlone).not.toContain('point');
    counted.run(null, null, sources.get(2));
    expect(facts(await brief('tell me more about 2', 'UDRILL02'))).not.toMatch(/points?|comments?/);
  });

  it('groups the other coverage of a story told in other words (the price war: the fine print, the competitor post)', async () => {
    await brief('price war', 'UDRILL02');
    const text = shown(await brief('tell me more about 1', 'UDRILL02'));
    expect(text).toContain('Price war? Globex offers 40% discount');
    expect(text).toContain('*Related coverage* (other stories sharing its key words)');
    expect(text).toContain('Globex migration offer: read the fine print');
    expect(text).toContain('Switching from Acme? Our migration program');
    // One source only, and no next page: neither hint.
    expect(text).not.toContain('opens the next source');
    expect(text).not.toContain('`/brief more`');
  });

  it('side by side: "globex 2" opens that column\'s source; a bare number both columns list asks which', async () => {
    const answer = await brief('acme vs globex', 'UDRILL04');
    // The Globex column's [2], as listed (the second "[2]" of the reply).
    const globex2 = [...shown(answer).matchAll(/\*\[2\]\* <([^|>]+)\|/g)][1]?.[1];
    expect(globex2).toBeDefined();
    // The answer says how to open one column's source.
    expect(shown(answer)).toMatch(/`\/brief tell me more about acme 2` opens one of acme's sources\./);
    const opened = await brief('tell me more about globex 2', 'UDRILL04');
    expect(shown(opened)).toContain(`*[2]* <${globex2}|`);
    expect(shown(opened)).toContain('Source 2 of globex in your answer to “acme vs globex”.');
    expect(shown(opened)).toContain('`/brief tell me more about globex 3` opens the next source.');
    expect((await brief('tell me more about 2', 'UDRILL04')).text).toBe(
      'Both sides of your last answer (“acme vs globex”) list a [2]: `/brief tell me more about acme 2` or `/brief tell me more about globex 2`.',
    );
    expect((await brief('tell me more about 7', 'UDRILL04')).text).toBe(
      'Your last answer (“acme vs globex”) lists sources 1–3 on each side: there is no [7]. `/brief more` shows the next ones. Open one with `/brief tell me more about acme 1` or `/brief tell me more about globex 1`.',
    );
    expect((await brief('globex 7', 'UDRILL04')).text).toBe(
      'Your last answer (“acme vs globex”) lists sources 1–3 for globex: there is no [7]. `/brief more` shows the next ones. Open one with `/brief tell me more about globex 1`.',
    );
    // A topic no column has is no search for "pricing 2": it says which columns there are.
    expect((await brief('pricing 2', 'UDRILL04')).text).toBe(
      'Your last answer (“acme vs globex”) is a side by side of acme and globex, with no column for pricing: `/brief tell me more about acme 2` or `/brief tell me more about globex 2` opens one of theirs, and `/brief pricing` answers about pricing.',
    );
    // A side no column has and no topic names is a question: "soc 2" searches, it opens nothing.
    expect((await brief('soc 2', 'UDRILL04')).text).toMatch(/^What people are saying about soc 2/);
  });

  it('after a question that found nothing, opens the answer before it (still on screen), and says so', async () => {
    const answer = await brief('what are customers saying about pricing', 'UDRILL05');
    expect((await brief('zzqxw', 'UDRILL05')).text).toMatch(/^Nothing about zzqxw/);
    const opened = await brief('the second one', 'UDRILL05');
    expect(shown(opened)).toContain(`*[2]* <${listed(answer).get(2)}|`);
    expect(shown(opened)).toContain(
      'Your last question found nothing about zzqxw in the last 7 days; this is source 2 in your answer to “what are customers saying about pricing”.',
    );
    expect((await brief('9', 'UDRILL05')).text).toMatch(
      /^Your last question found nothing about zzqxw in the last 7 days\. Your last answer with sources \(“what are customers saying about pricing”\) lists sources 1–5: there is no \[9\]\./,
    );
  });

  it('"globex 2" after an answer of one list opens its [2] when that is a globex story, and says why not otherwise', async () => {
    const answer = listed(await brief('what are customers saying about pricing', 'UDRILL06'));
    const aboutGlobex = (url: string) =>
      demo.deps.db.sqlite
        .prepare(
          `SELECT 1 FROM items i JOIN item_topics it ON it.item_id = i.id JOIN topics t ON t.id = it.topic_id
           WHERE i.url = ? AND t.name = 'globex'`,
        )
        .get(url) !== undefined;
    const globex = [...answer].find(([, url]) => aboutGlobex(url));
    const other = [...answer].find(([, url]) => !aboutGlobex(url));
    if (!globex || !other) throw new Error('the pricing answer lists both globex stories and others');
    const opened = shown(await brief(`globex ${globex[0]}`, 'UDRILL06'));
    expect(opened).toContain(`*[${globex[0]}]* <${globex[1]}|`);
    // Said, not silently dropped: the answer is pricing's, and globex has an answer of its own.
    expect(opened).toContain(
      `Source ${globex[0]} in your answer to “what are customers saying about pricing”, a story about globex too: \`/brief globex\` answers about globex alone.`,
    );
    // The answer's own subject named with the number is just its source.
    expect(shown(await brief(`pricing ${globex[0]}`, 'UDRILL06'))).toContain(
      `Source ${globex[0]} in your answer to “what are customers saying about pricing”. `,
    );
    // Not a globex story: the ones in that answer that are, named, and how to open the first.
    const ones = [...answer].filter(([, url]) => aboutGlobex(url)).sort(([a], [b]) => a - b);
    const title = demo.deps.db.sqlite
      .prepare('SELECT title FROM items WHERE url = ?')
      .pluck()
      .get(ones[0]?.[1]);
    const which =
      ones.length === 1
        ? `[${ones[0]?.[0]}] is`
        : `${ones
            .slice(0, -1)
            .map(([number]) => `[${number}]`)
            .join(', ')} and [${ones.at(-1)?.[0]}] are`;
    const notAbout = (await brief(`globex ${other[0]}`, 'UDRILL06')).text;
    expect(notAbout).toBe(
      `Your last answer (“what are customers saying about pricing”) has [${other[0]}], but it is not about globex. ${which} about globex: \`/brief tell me more about ${ones[0]?.[0]}\` opens “${title}”, and \`/brief globex\` answers about globex.`,
    );
    expect(notAbout).not.toContain('side by side');
  });

  it('an answer shared in a channel opens for anyone there, and is no new question', async () => {
    const questions = async () =>
      JSON.stringify((await buildHome(demo.deps, 'UDRILL07')).blocks).match(
        /Questions this week\*\\n[^"]*/,
      )?.[0];
    const there = (text: string, userId: string) =>
      runCommand(demo.deps, { userId, channelId: 'C0SHARED', text });
    const answer = await there('what are customers saying about pricing', 'UDRILL07');
    const before = await questions();
    expect(before).toMatch(/^Questions this week\*\\n\d+ from \d+ people$/);
    const posted = await there('share --post what are customers saying about pricing', 'UDRILL07');
    expect(posted.visibility).toBe('in_channel');
    expect(await questions()).toBe(before);
    // A colleague with no answer of their own opens the shared one's sources, as numbered there.
    const opened = await there('tell me more about 2', 'UDRILL08');
    expect(shown(opened)).toContain(`*[2]* <${listed(posted).get(2)}|`);
    expect(shown(opened)).toContain(
      'Source 2 in the answer <@UDRILL07> shared here (“what are customers saying about pricing”).',
    );
    expect(shown(opened)).toContain('`/brief more` continues that answer.');
    // The sharer's own answer stays theirs; elsewhere, nothing was shared.
    expect(shown(await there('2', 'UDRILL07'))).toContain(`*[2]* <${listed(answer).get(2)}|`);
    expect(
      (await runCommand(demo.deps, { userId: 'UDRILL08', channelId: 'C0OTHER', text: '2' })).text,
    ).toMatch(/^There is no recent answer of yours/);
    // "more" continues the shared answer for the colleague, and its next numbers open, as do the first.
    expect((await there('6', 'UDRILL08')).text).toMatch(
      /lists sources 1–5: there is no \[6\]\. `\/brief more` shows the next ones\./,
    );
    const next = await there('more', 'UDRILL08');
    expect([...listed(next).keys()]).toEqual([6, 7, 8, 9, 10]);
    const sixth = await there('6', 'UDRILL08');
    expect(shown(sixth)).toContain(`*[6]* <${listed(next).get(6)}|`);
    // The page "more" added is still the colleague's answer, in the footer and when shared on.
    expect(shown(sixth)).toContain(
      'Source 6 in the answer <@UDRILL07> shared here (“what are customers saying about pricing”).',
    );
    const share = /"text":"Share to channel"[^}]*\},"action_id":"[^"]+","value":"([^"]+)"/.exec(
      shown(sixth),
    )?.[1];
    expect(shown(await there(share ?? 'no Share to channel button', 'UDRILL08'))).toContain(
      "<@UDRILL08> shared source 6 in <@UDRILL07>'s answer to “what are customers saying about pricing”.",
    );
    expect(shown(await there('2', 'UDRILL08'))).toContain(`*[2]* <${listed(posted).get(2)}|`);
  });

  it('Share on a later page posts that page, whose sources still open; re-shared, the asker keeps the credit', async () => {
    const there = (text: string, userId: string) =>
      runCommand(demo.deps, { userId, channelId: 'C0PAGED', text });
    const shareOf = (reply: Reply) =>
      /"text":"Share to channel"[^}]*\},"action_id":"[^"]+","value":"([^"]+)"/.exec(shown(reply))?.[1] ??
      'no Share to channel button';
    await there('pricing', 'UDRILL30');
    const second = await there('more', 'UDRILL30');
    const posted = await there(shareOf(second), 'UDRILL30');
    expect(posted.visibility).toBe('in_channel');
    expect([...listed(posted).keys()]).toEqual([6, 7, 8, 9, 10]);
    expect([...listed(posted)]).toEqual([...listed(second)]);
    expect(shown(posted)).toContain('Asked by <@UDRILL30>: “pricing”');
    // Still on screen after sharing: its 7 opens.
    expect(shown(await there('tell me more about 7', 'UDRILL30'))).toContain(
      `*[7]* <${listed(second).get(7)}|`,
    );
    // A colleague continues the shared answer and shares that page: UDRILL30 asked, UDRILL31 shared.
    const third = await there('more', 'UDRILL31');
    expect([...listed(third).keys()]).toEqual([11, 12, 13, 14, 15]);
    const reshared = await there(shareOf(third), 'UDRILL31');
    expect(shown(reshared)).toContain("Shared by <@UDRILL31> from <@UDRILL30>'s answer to “pricing”");
    expect(shown(reshared)).not.toContain('Asked by <@UDRILL31>');
  });

  it('a shared source says whose answer and which column it came from', async () => {
    const there = (text: string, userId: string) =>
      runCommand(demo.deps, { userId, channelId: 'C0SIDES', text });
    const press = async (reply: Reply, userId: string) => {
      const value = /"text":"Share to channel"[^}]*\},"action_id":"[^"]+","value":"([^"]+)"/.exec(
        shown(reply),
      )?.[1];
      expect(value).toBeDefined();
      return there(value as string, userId);
    };
    await there('acme vs globex', 'UDRILL20');
    // The asker's own column: theirs, and which side.
    expect(shown(await press(await there('tell me more about globex 2', 'UDRILL20'), 'UDRILL20'))).toContain(
      '<@UDRILL20> shared source 2 of globex in their answer to “acme vs globex”.',
    );
    // A colleague re-sharing a source of the answer shared here: the asker is named, not the colleague.
    await there('share --post acme vs globex', 'UDRILL20');
    expect(shown(await press(await there('tell me more about acme 2', 'UDRILL21'), 'UDRILL21'))).toContain(
      "<@UDRILL21> shared source 2 of acme in <@UDRILL20>'s answer to “acme vs globex”.",
    );
  });

  it('"nudge item 2" typed after an answer asks about its [2], the story its menu lists as [2]', async () => {
    const answer = shown(await brief('what are customers saying about pricing', 'UDRILL12'));
    // The menu's option "[2] …" carries the item's own id, which is not 2.
    const second = /"text":"\[2\] [^"]*","emoji":false\},"value":"nudge item #(\d+)"/.exec(answer)?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe('2');
    expect((await brief('nudge item 2', 'UDRILL12')).text).toMatch(/conversation \d+/);
    expect(await demo.deps.db.prisma.nudge.findMany({ where: { itemId: Number(second) } })).toHaveLength(1);
    expect(await demo.deps.db.prisma.nudge.findMany({ where: { itemId: 2 } })).toHaveLength(0);
  });

  it('"nudge item 9" typed after an answer listing 1–5 is refused with its numbers; an old button\'s "nudge item <id>" asks about its item', async () => {
    await brief('what are customers saying about pricing', 'UDRILL30');
    const before = await demo.deps.db.prisma.nudge.count();
    // Item 9 exists: read as an item's own id, it would ask the experts about another story.
    expect(await demo.deps.db.prisma.item.count({ where: { id: 9 } })).toBe(1);
    expect((await brief('nudge item 9', 'UDRILL30')).text).toBe(
      "Your last answer (“what are customers saying about pricing”) lists sources 1–5: there is no [9]. `/brief more` shows the next ones. Ask about one with `/brief nudge item 1`. Or give the story's link: `/brief nudge &lt;item link&gt;`. Nothing was asked.",
    );
    expect(await demo.deps.db.prisma.nudge.count()).toBe(before);
    // A Request a response button posted before buttons sent "#<id>" carries the item's own id, never a [n]
    // (on an outage story: the pricing answers of the other tests stay unasked about).
    const outages = shown(await brief('what are people saying about outages', 'UDRILL30'));
    const offered = /"value":"nudge item #(\d+)"/.exec(outages)?.[1];
    expect(offered).toBeDefined();
    const itemId = Number(offered);
    const recorder = createRecorder();
    await createRunCommandActionHandler(demo.deps)(
      buttonArgs(recorder, { value: `nudge item ${itemId}`, userId: 'UDRILL30' }),
    );
    expect(String(recorder.first('respond')?.text)).toMatch(/conversation \d+/);
    expect(await demo.deps.db.prisma.nudge.count({ where: { itemId } })).toBe(1);
  });

  it('"nudge item 9" typed with no recent answer is refused, never read as item 9: "#9" and a link ask', async () => {
    // A channel where no answer was shared: nothing on screen lists a [9].
    const brief = (text: string, userId: string) =>
      runCommand(demo.deps, { userId, channelId: 'C0NOANSWER', text });
    const before = await demo.deps.db.prisma.nudge.count();
    // Item 9 exists: read as an item's own id, it would ask the experts about a story nobody showed.
    expect(await demo.deps.db.prisma.item.count({ where: { id: 9 } })).toBe(1);
    expect((await brief('nudge item 9 the CEO wants our take', 'UDRILL41')).text).toBe(
      "No recent answer or digest of yours lists a [9], so nothing was asked. Ask first (`/brief pricing`) and use its *Request a response…* menu, or give the story's link: `/brief nudge item &lt;link&gt; the CEO wants our take`, or, if 9 is the story's own id: `/brief nudge item #9 the CEO wants our take`.",
    );
    expect(await demo.deps.db.prisma.nudge.count()).toBe(before);
    // The forms it offers work: "#9" is item 9's own id, and "item <link>" the story's link.
    expect((await brief('nudge item #9 the CEO wants our take', 'UDRILL41')).text).toMatch(
      /conversation \d+/,
    );
    expect(await demo.deps.db.prisma.nudge.count({ where: { itemId: 9 } })).toBe(1);
    const other = demo.deps.db.sqlite
      .prepare(
        'SELECT id, url FROM items WHERE id <> 9 AND id NOT IN (SELECT item_id FROM nudges) ORDER BY id LIMIT 1',
      )
      .safeIntegers(false)
      .get() as { id: number; url: string };
    expect((await brief(`nudge item <${other.url}>`, 'UDRILL41')).text).toMatch(/conversation \d+/);
    expect(await demo.deps.db.prisma.nudge.count({ where: { itemId: other.id } })).toBe(1);
  });

  it('"nudge item 2" after a side by side names the columns and says the source it opens has Request a response', async () => {
    await brief('acme vs globex', 'UDRILL42');
    const before = await demo.deps.db.prisma.nudge.count();
    expect((await brief('nudge item 2', 'UDRILL42')).text).toBe(
      "Both sides of your last answer (“acme vs globex”) list a [2]: `/brief tell me more about acme 2` or `/brief tell me more about globex 2`. The source it opens has a *Request a response* button. Or give the story's link: `/brief nudge &lt;item link&gt;`. Nothing was asked.",
    );
    expect((await brief('nudge item 7', 'UDRILL42')).text).toBe(
      "Your last answer (“acme vs globex”) lists sources 1–3 on each side: there is no [7]. `/brief more` shows the next ones. Open one with `/brief tell me more about acme 1` or `/brief tell me more about globex 1`. The source it opens has a *Request a response* button. Or give the story's link: `/brief nudge &lt;item link&gt;`. Nothing was asked.",
    );
    expect(await demo.deps.db.prisma.nudge.count()).toBe(before);
    // It does: the opened source's button asks about that column's story.
    expect(shown(await brief('tell me more about acme 2', 'UDRILL42'))).toMatch(/"value":"nudge item #\d+"/);
  });

  it('a Request a response does not reorder the answers its story is in', async () => {
    const question = 'what are customers saying about pricing';
    const first = await brief(question, 'UDRILL10');
    const item = /"value":"nudge item #(\d+)"/.exec(
      shown(await brief('tell me more about 4', 'UDRILL10')),
    )?.[1];
    expect(item).toBeDefined();
    const asked = (await brief(`nudge item #${item}`, 'UDRILL10')).text;
    const conversation = /conversation (\d+)/.exec(asked)?.[1];
    expect(conversation).toBeDefined();
    expect([...listed(await brief(question, 'UDRILL10'))]).toEqual([...listed(first)]);
    // Opened again, the source says a response was requested, and where it stands.
    expect(shown(await brief('tell me more about 4', 'UDRILL10'))).toContain(
      `:speech_balloon: A response was requested (conversation ${conversation} in <#C0CHANNEL>): waiting for an expert to claim it. \`/brief nudge ${conversation}\` shows where it stands.`,
    );
    expect(shown(await brief('tell me more about 1', 'UDRILL10'))).not.toContain('A response was requested');
    // Its button shows that conversation, never a second request that seems to do nothing.
    const again = shown(await brief('tell me more about 4', 'UDRILL10'));
    expect(again).toContain(`"text":"See conversation ${conversation}"`);
    expect(again).toContain(`"value":"nudge #${conversation}"`);
    expect(again).not.toContain('Request a response');
    // So does the answer's list, asked again, on that story only.
    const listedAgain = shown(await brief(question, 'UDRILL10'));
    expect(listedAgain).toContain(`"value":"nudge #${conversation}"`);
    expect(listedAgain).not.toContain(`"value":"nudge item #${item}"`);
    expect(listedAgain).toContain('Request a response');
  });

  it('an opened source has Share to channel, which posts that story saying who shared it', async () => {
    const answer = await brief('what are customers saying about pricing', 'UDRILL11');
    const opened = shown(await brief('tell me more about 2', 'UDRILL11'));
    const value = /"text":"Share to channel"[^}]*\},"action_id":"[^"]+","value":"([^"]+)"/.exec(opened)?.[1];
    expect(value).toMatch(/^share --post --source \d+ 2 what are customers saying about pricing$/);
    const posted = await brief(value as string, 'UDRILL11');
    expect(posted.visibility).toBe('in_channel');
    expect(shown(posted)).toContain(`*[2]* <${listed(answer).get(2)}|`);
    expect(shown(posted)).toContain(
      '<@UDRILL11> shared source 2 of their answer to “what are customers saying about pricing”.',
    );
    expect(shown(posted)).not.toContain('"type":"actions"');
    // Opened on App Home (no channel): nowhere to share it to.
    const home = await runCommand(demo.deps, { userId: 'UDRILL11', channelId: null, text: '2' });
    expect(shown(home)).toContain(`*[2]* <${listed(answer).get(2)}|`);
    expect(shown(home)).not.toContain('Share to channel');
  });

  it('says what to type when there is no answer, no such number, or the source is gone', async () => {
    expect((await brief('tell me more about 2', 'UDRILL03')).text).toBe(
      'There is no recent answer of yours to open source 2 of. Ask a question first, e.g. `/brief what are customers saying about pricing`, then `/brief tell me more about 2` for its second source.',
    );
    // A topic and a number, with no answer to open it from: never a briefing on "globex 3", but that topic's answer first.
    for (const [line, topic] of [
      ['tell me more about globex 3', 'globex'],
      ['pricing 3', 'pricing'],
    ] as const)
      expect((await brief(line, 'UDRILL03')).text).toBe(
        `There is no recent answer of yours to open source 3 of. Ask about ${topic} first: \`/brief ${topic}\`, then \`/brief tell me more about 3\` opens its source 3.`,
      );
    expect(await demo.deps.db.prisma.askLog.count({ where: { userId: 'UDRILL03' } })).toBe(0);
    await brief('what are customers saying about pricing', 'UDRILL03');
    expect((await brief('tell me more about 9', 'UDRILL03')).text).toBe(
      'Your last answer (“what are customers saying about pricing”) lists sources 1–5: there is no [9]. `/brief more` shows the next ones. Open one with `/brief tell me more about 1`.',
    );
    expect((await brief('tell me more about 0', 'UDRILL03')).text).toBe(
      'Your last answer (“what are customers saying about pricing”) lists sources 1–5: there is no [0]. `/brief more` shows the next ones. Open one with `/brief tell me more about 1`.',
    );
    await brief('price war', 'UDRILL03');
    expect((await brief('3', 'UDRILL03')).text).toBe(
      'Your last answer (“price war”) lists source 1: there is no [3]. Open one with `/brief tell me more about 1`.',
    );
    // Its feed removed since: said so, with the question to ask again.
    const feed = demo.deps.db.sqlite
      .prepare("SELECT f.id FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.title LIKE 'Price war?%'")
      .pluck()
      .safeIntegers(false)
      .get() as number;
    await removeFeed(demo.deps, String(feed), 'UADMIN01');
    expect((await brief('tell me more about 1', 'UDRILL03')).text).toBe(
      "Source [1] of your last answer is no longer stored (its feed was removed). Ask again for today's sources: `/brief price war`.",
    );
  });
});

import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { mrkdwnToText, renderMessage } from '../../src/console/render.ts';
import {
  actions,
  button,
  context,
  divider,
  fields,
  header,
  link,
  section,
} from '../../src/slack/blocks/common.ts';
import { escalationMessage, nudgeMessage } from '../../src/slack/blocks/nudge.ts';
import { helpMessage } from '../../src/slack/blocks/replies.ts';
import { Action } from '../../src/slack/ids.ts';
import { sampleNudgeView } from '../helpers/nudges.ts';

function render(blocks: KnownBlock[], text = 'fallback') {
  return renderMessage({ text, blocks });
}

describe('mrkdwnToText', () => {
  it('shows links as "label (url)", and a bare link as its URL', () => {
    expect(mrkdwnToText('See <https://news.example/a?x=1&amp;y=2|the story> now')).toBe(
      'See the story (https://news.example/a?x=1&y=2) now',
    );
    expect(mrkdwnToText('<https://news.example/feed.xml>')).toBe('https://news.example/feed.xml');
    expect(mrkdwnToText('<mailto:pr@acme.example|pr@acme.example>')).toBe('pr@acme.example');
  });

  it('leaves underscores and asterisks inside URLs alone', () => {
    expect(mrkdwnToText('<https://x.example/a_b_c/*star*|a _b_ c>')).toBe(
      'a b c (https://x.example/a_b_c/*star*)',
    );
  });

  it('turns mentions into @name and #name', () => {
    expect(mrkdwnToText('<@U123> and <@U456|maria> in <#C789|general> or <#C111>')).toBe(
      '@U123 and @maria in #general or #C111',
    );
    expect(mrkdwnToText('<!here> <!subteam^S1|@marketing>')).toBe('@here @marketing');
  });

  it('removes bold, italic and strike markers but not snake_case or lone stars', () => {
    expect(mrkdwnToText('*Feed 3 is failing*: _news_ ~old~ feed_kind_name 5 * 3')).toBe(
      'Feed 3 is failing: news old feed_kind_name 5 * 3',
    );
    expect(mrkdwnToText('*_both_*')).toBe('both');
  });

  it('takes off markers around a span that holds code or a link, as Slack styles it whole (a done Get started step)', () => {
    expect(
      mrkdwnToText(
        '1. :white_check_mark: ~Add your company and topics: `/brief topics add acme acme kind=company`~',
      ),
    ).toBe('1. (ok) Add your company and topics: `/brief topics add acme acme kind=company`');
    expect(mrkdwnToText('*Run `feeds list`* or _see <https://x.example/a_b|the guide>_')).toBe(
      'Run `feeds list` or see the guide (https://x.example/a_b)',
    );
    // A marker inside code is code.
    expect(mrkdwnToText('`a ~b` c~ and `~d~`')).toBe('`a ~b` c~ and `~d~`');
  });

  it('keeps code as typed, markers and all', () => {
    expect(mrkdwnToText('query `pricing OR price*` and `_x_`')).toBe('query `pricing OR price*` and `_x_`');
  });

  it('decodes escaped text once, so escaped markup stays text', () => {
    expect(mrkdwnToText('&lt;script&gt; &amp;amp; a &lt;@U1&gt;')).toBe('<script> &amp; a <@U1>');
    expect(mrkdwnToText(link('https://x.example', 'A <b> & "C"'))).toBe('A <b> & "C" (https://x.example)');
  });

  it('maps the emoji Briefbot uses and leaves others as they are', () => {
    expect(
      mrkdwnToText(
        ':red_circle: :large_green_circle: :large_yellow_circle: :double_vertical_bar: :warning: :white_check_mark: :tada:',
      ),
    ).toBe('(red) (green) (yellow) || (!) (ok) :tada:');
  });
});

describe('renderMessage', () => {
  it('underlines headers, indents context, draws dividers and writes fields as "label: value"', () => {
    const { text } = render([
      header('Weekly brief :warning:'),
      section('*Acme* is up'),
      fields(['*Status*\nfailing', '*Items*\n12', 'plain field']),
      divider(),
      context('checked 5 min ago', 'by <@U1|bot>'),
    ]);
    expect(text.split('\n')).toEqual([
      'Weekly brief (!)',
      '================',
      'Acme is up',
      'Status: failing',
      'Items: 12',
      'plain field',
      '----------------------------------------',
      '  checked 5 min ago  by @bot',
    ]);
  });

  it('numbers buttons in order across the whole message and returns what they do', () => {
    const rendered = render([
      section('First', button('Claim', 'claim_nudge', 'nudge:7')),
      actions('a', [
        button('Feeds', Action.RunCommand, 'feeds list'),
        button('Topics', Action.RunCommand, 'topics list'),
      ]),
    ]);
    expect(rendered.text).toBe('First\n[press 1] Claim\n[press 2] Feeds  [press 3] Topics');
    expect(rendered.buttons).toEqual([
      { label: 'Claim', actionId: 'claim_nudge', value: 'nudge:7' },
      { label: 'Feeds', actionId: Action.RunCommand, value: 'feeds list' },
      { label: 'Topics', actionId: Action.RunCommand, value: 'topics list' },
    ]);
  });

  it('renders the real help message with its three command buttons', () => {
    const rendered = renderMessage(helpMessage('member'));
    expect(rendered.text).toContain('Briefbot\n========');
    expect(rendered.text).toContain('`/brief what’s new` — the week across every topic');
    expect(rendered.text).toContain('[press 1] Feeds  [press 2] Topics  [press 3] Experts');
    expect(rendered.buttons.map((entry) => entry.value)).toEqual(['feeds list', 'topics list', 'sme list']);
  });

  it('writes no terminal colours unless asked, and some when asked', () => {
    const blocks = [
      header('Briefbot'),
      context('small print'),
      actions('a', [button('Go', Action.RunCommand, 'help')]),
    ];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the escape character itself
    const ansiEscape = /\u001b\[/;
    expect(render(blocks).text).not.toMatch(ansiEscape);
    expect(renderMessage({ text: '', blocks }, { color: true }).text).toMatch(ansiEscape);
  });

  it('shows a real nudge’s expert picker as the commands that do what picking does', () => {
    const nudge = nudgeMessage(
      { ...sampleNudgeView, topic: 'outages', smes: [], policyUrl: null },
      new Date('2026-11-02T09:00:00Z'),
    );
    const rendered = renderMessage(nudge);
    expect(rendered.text).toContain(
      'No expert covers outages yet. Admins, pick one (they join the beat):\n[Choose an expert: here, /brief sme add @someone outages puts them on the beat, or /brief nudge reassign 7 @someone gives them this one]',
    );
    const away = renderMessage(
      nudgeMessage(
        {
          ...sampleNudgeView,
          topic: 'globex',
          smes: [],
          away: [{ userId: 'U1', until: new Date('2026-11-06T23:59:00Z') }],
          policyUrl: null,
        },
        new Date('2026-11-02T09:00:00Z'),
      ),
    );
    expect(away.text).toContain('/brief sme add @someone globex puts them on the beat');
    // The admins' escalation names the topic in its picker too, as its own line does.
    const escalation = renderMessage(
      escalationMessage({ ...sampleNudgeView, topic: 'globex', smes: [], away: [] }, 'C0TALK', 9),
    );
    expect(escalation.text).toContain('/brief sme add @someone globex puts them on the beat');
    const awayEscalation = renderMessage(
      escalationMessage(
        {
          ...sampleNudgeView,
          topic: 'globex',
          smes: [],
          away: [{ userId: 'U1', until: new Date('2026-11-06T23:59:00Z') }],
        },
        'C0TALK',
        9,
      ),
    );
    expect(awayEscalation.text).toContain('/brief sme add @someone globex puts them on the beat');
    expect(rendered.buttons.map((entry) => entry.label)).toEqual([
      'Claim',
      'Not relevant',
      'Snooze a day',
      'Not mine',
    ]);
  });

  it('falls back to the plain text when there are no blocks to show', () => {
    expect(render([], '*Done*: <https://x.example|see>')).toEqual({
      text: 'Done: see (https://x.example)',
      buttons: [],
    });
  });
});

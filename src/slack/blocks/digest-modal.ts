import type { InputBlock, ModalView } from '@slack/types';
import { inWords } from '../../format.ts';
import { View } from '../ids.ts';
import { truncate } from './common.ts';

const option = (text: string, value: string) => ({
  text: { type: 'plain_text' as const, text: truncate(text, 75) },
  value,
});
/** Slack's most options in one menu. */
const selectOptions = 100;
const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The form behind "/brief digest add" with no arguments; its fields are validated before it closes. */
export function digestAddModal(
  topics: string[],
  defaults: { timezone: string; channelId: string | null },
): ModalView {
  const blocks: InputBlock[] = [
    {
      type: 'input',
      block_id: 'channel',
      label: { type: 'plain_text', text: 'Channel' },
      element: {
        type: 'conversations_select',
        action_id: 'value',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(defaults.channelId ? { initial_conversation: defaults.channelId } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'cadence',
      label: { type: 'plain_text', text: 'When' },
      element: {
        type: 'static_select',
        action_id: 'value',
        initial_option: option('Every day', 'daily'),
        options: [
          option('Every day', 'daily'),
          option('Weekdays', 'weekdays'),
          option('Once a week', 'weekly'),
        ],
      },
    },
    {
      type: 'input',
      block_id: 'weekday',
      optional: true,
      label: { type: 'plain_text', text: 'Days (weekly digests)' },
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: days.map((day) => option(day, day.slice(0, 3).toLowerCase())),
      },
      hint: { type: 'plain_text', text: 'One day or several, e.g. Monday and Thursday.' },
    },
    {
      type: 'input',
      block_id: 'time',
      label: { type: 'plain_text', text: 'Time' },
      element: { type: 'timepicker', action_id: 'value', initial_time: '08:00' },
    },
    {
      type: 'input',
      block_id: 'timezone',
      label: { type: 'plain_text', text: 'Time zone' },
      element: { type: 'plain_text_input', action_id: 'value', initial_value: defaults.timezone },
      hint: {
        type: 'plain_text',
        text: 'A zone like Europe/Paris or America/New_York, an abbreviation like CET or PST, words like pacific time or london time, or UTC+2.',
      },
    },
    {
      type: 'input',
      block_id: 'topics',
      optional: true,
      label: { type: 'plain_text', text: 'Topics (none: all topics)' },
      element: {
        type: 'multi_static_select',
        action_id: 'value',
        options: topics.slice(0, selectOptions).map((topic) => option(topic, topic)),
      },
      // Slack's menu holds 100 options: the others are named, and typed in the command instead.
      ...(topics.length > selectOptions
        ? {
            hint: {
              type: 'plain_text' as const,
              text: truncate(
                `The first ${selectOptions} of ${topics.length} topics. For ${inWords(topics.slice(selectOptions))}, type the digest as a command: /brief digest add #channel daily 08:00 topics: ${topics[selectOptions]}`,
                2000,
              ),
            },
          }
        : {}),
    },
    {
      type: 'input',
      block_id: 'size',
      label: { type: 'plain_text', text: 'Items at most' },
      element: {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: false,
        initial_value: '8',
        min_value: '1',
        max_value: '50',
      },
    },
    {
      type: 'input',
      block_id: 'quiet',
      label: { type: 'plain_text', text: 'On a day with nothing new' },
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        initial_option: option('Say so in one line', 'note'),
        options: [option('Say so in one line', 'note'), option('Post nothing', 'skip')],
      },
    },
  ];
  // Slack refuses a static select without options: with no topics yet, the field is left out.
  const shown = topics.length ? blocks : blocks.filter((block) => block.block_id !== 'topics');
  return {
    type: 'modal',
    callback_id: View.DigestAdd,
    title: { type: 'plain_text', text: 'New digest' },
    submit: { type: 'plain_text', text: 'Schedule' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: shown,
  };
}

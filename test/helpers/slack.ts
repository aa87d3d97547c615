import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockPlainTextInputAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

/** Records, in order, every call a listener makes to ack, respond and the Web API. */
export function createRecorder() {
  const calls: Array<{ name: string; args: unknown[] }> = [];
  const record =
    (name: string, result: unknown = undefined) =>
    async (...args: unknown[]) => {
      calls.push({ name, args });
      return result;
    };
  return {
    calls,
    names: () => calls.map((call) => call.name),
    first: (name: string) =>
      calls.find((call) => call.name === name)?.args[0] as Record<string, unknown> | undefined,
    record,
  };
}

type Recorder = ReturnType<typeof createRecorder>;

function fakeClient(recorder: Recorder) {
  return {
    views: {
      open: recorder.record('views.open', { ok: true }),
      publish: recorder.record('views.publish', { ok: true }),
    },
    chat: { postMessage: recorder.record('chat.postMessage', { ok: true, ts: '1.0' }) },
  };
}

/** The arguments Bolt hands a /brief listener, as Slack sends them (escaped text). */
export function commandArgs(
  recorder: Recorder,
  input: { text: string; userId?: string; channelId?: string },
) {
  return {
    ack: recorder.record('ack'),
    respond: recorder.record('respond'),
    say: recorder.record('say'),
    client: fakeClient(recorder),
    command: {
      command: '/brief',
      text: input.text,
      user_id: input.userId ?? 'UADMIN01',
      user_name: 'tester',
      channel_id: input.channelId ?? 'C0CHANNEL',
      channel_name: 'general',
      team_id: 'T0TEAM',
      team_domain: 'example',
      response_url: 'https://hooks.slack.test/commands/1',
      trigger_id: '1.2.3',
      api_app_id: 'A0APP',
      token: 'deprecated',
    },
  } as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs;
}

/** The arguments of a button press, in a message or in App Home. */
export function buttonArgs(recorder: Recorder, input: { value: string; userId?: string; inHome?: boolean }) {
  const action = {
    type: 'button',
    action_id: 'run_command',
    block_id: 'x',
    value: input.value,
    action_ts: '1',
  };
  const userId = input.userId ?? 'UADMIN01';
  return blockActionArgs(
    recorder,
    action,
    input.inHome ? { userId } : { userId, channel: { id: 'C0CHANNEL', name: 'general' } },
  ) as unknown as SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
}

/** The arguments of Enter pressed in App Home's question box. */
export function homeAskArgs(recorder: Recorder, value: string, userId = 'UEXEC001') {
  const action = {
    type: 'plain_text_input',
    action_id: 'home_ask',
    block_id: 'home_ask',
    value,
    action_ts: '1',
  };
  return blockActionArgs(recorder, action, {
    userId,
  }) as unknown as SlackActionMiddlewareArgs<BlockPlainTextInputAction> & AllMiddlewareArgs;
}

/** The arguments of "Brief me on this" (a message shortcut) on a channel message saying `text`. */
export function messageShortcutArgs(recorder: Recorder, text: string, userId = 'UEXEC001') {
  return {
    ack: recorder.record('ack'),
    respond: recorder.record('respond'),
    say: recorder.record('say'),
    client: fakeClient(recorder),
    shortcut: {
      type: 'message_action',
      callback_id: 'brief_message',
      trigger_id: '1.2.3',
      message_ts: '1700000000.000100',
      response_url: 'https://hooks.slack.test/actions/shortcut',
      user: { id: userId, name: 'exec' },
      channel: { id: 'C0SALES', name: 'sales' },
      team: { id: 'T0TEAM', domain: 'example' },
      message: { type: 'message', user: 'U0REP', ts: '1700000000.000100', text },
      token: 'deprecated',
    },
  } as unknown as SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
}

/** Where a block action happened: a channel message (with its response URL), or App Home when no channel. */
export type ActionPlace = {
  userId: string;
  userName?: string;
  channel?: { id: string; name: string };
  message?: { text: string; blocks: unknown[]; ts?: string };
  responseUrl?: string;
};

/** The arguments Bolt hands a block-action listener, with the body Slack sends. */
export function blockActionArgs(
  recorder: Recorder,
  action: Record<string, unknown>,
  place: ActionPlace,
  client: unknown = fakeClient(recorder),
) {
  const ts = place.message?.ts ?? '1.0';
  return {
    ack: recorder.record('ack'),
    respond: recorder.record('respond'),
    client,
    action,
    payload: action,
    body: {
      type: 'block_actions',
      user: { id: place.userId, name: place.userName ?? 'tester' },
      channel: place.channel,
      container: place.channel ? { type: 'message', message_ts: ts } : { type: 'view', view_id: 'V1' },
      ...(place.message ? { message: { type: 'message', ts, ...place.message } } : {}),
      ...(place.responseUrl ? { response_url: place.responseUrl } : {}),
      trigger_id: '1.2.3',
      actions: [action],
      team: { id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated',
    },
  };
}

export function homeOpenedArgs(recorder: Recorder, userId: string, tab = 'home') {
  return {
    event: { type: 'app_home_opened', user: userId, channel: 'D0DM', tab, event_ts: '1' },
    client: fakeClient(recorder),
  };
}

/** The arguments of a digest feedback button, pressed on a thread message Briefbot posted. */
export function digestButtonArgs(
  recorder: Recorder,
  input: {
    actionId: string;
    value: string;
    message: { text: string; blocks: unknown[]; ts?: string };
    userId?: string;
    channelId?: string;
  },
) {
  const action = {
    type: 'button',
    action_id: input.actionId,
    block_id: 'x',
    value: input.value,
    action_ts: '1',
  };
  return blockActionArgs(recorder, action, {
    userId: input.userId ?? 'UMEMBER1',
    userName: 'reader',
    channel: { id: input.channelId ?? 'C0NEWS', name: 'news' },
    message: input.message,
    responseUrl: 'https://hooks.slack.test/actions/1',
  }) as unknown as SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
}

/** The arguments of a modal submission, with the view's state values as Slack sends them. */
export function viewSubmissionArgs(
  recorder: Recorder,
  input: { callbackId: string; values: Record<string, Record<string, unknown>>; userId?: string },
) {
  const view = {
    id: 'V0VIEW',
    type: 'modal',
    callback_id: input.callbackId,
    state: { values: input.values },
    blocks: [],
  };
  return {
    ack: recorder.record('ack'),
    client: fakeClient(recorder),
    view,
    payload: view,
    body: {
      type: 'view_submission',
      user: { id: input.userId ?? 'UADMIN01', name: 'tester' },
      view,
      team: { id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated',
    },
  } as unknown as SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
}

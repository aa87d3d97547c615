import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BotScopes, Event, Shortcut, SlashCommand } from '../../src/slack/ids.ts';
import { registered } from '../../src/slack/listeners/index.ts';

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));

describe('manifest.yml', () => {
  it('declares exactly the slash commands the code registers, escaped', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((command: { command: string }) => command.command)).toEqual([...registered.commands]);
    expect(commands.map((command: { command: string }) => command.command)).toEqual(
      Object.values(SlashCommand),
    );
    for (const command of commands) {
      expect(command.should_escape).toBe(true);
      expect(command.usage_hint.length).toBeGreaterThan(0);
    }
  });

  it('subscribes to exactly the events the code listens to', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...registered.events]);
    expect([...registered.events]).toEqual(Object.values(Event));
  });

  it('declares exactly the message shortcuts the code registers', () => {
    const shortcuts = manifest.features.shortcuts as Array<{
      callback_id: string;
      type: string;
      name: string;
    }>;
    expect(shortcuts.map((shortcut) => shortcut.callback_id)).toEqual([...registered.shortcuts]);
    expect([...registered.shortcuts]).toEqual(Object.values(Shortcut));
    for (const shortcut of shortcuts) {
      expect(shortcut.type).toBe('message');
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
    }
  });

  it('asks for exactly the bot scopes the code needs', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BotScopes].sort());
  });

  it('has the Home tab, interactivity and Socket Mode on, and a bot user', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe('Briefbot');
  });
});

describe('bot scopes and the code', () => {
  // The Web API methods Briefbot may call, with the bot scopes each needs (views.* need none; the
  // history methods, one per kind of conversation: public, private, DM).
  const history = ['channels:history', 'groups:history', 'im:history'];
  const scopeOf: Record<string, string | string[] | null> = {
    'chat.postMessage': 'chat:write',
    'chat.update': 'chat:write',
    'chat.postEphemeral': 'chat:write',
    'conversations.open': 'im:write',
    'users.info': 'users:read',
    'views.publish': null,
    'views.open': null,
    'views.update': null,
    'auth.test': null,
    'conversations.history': history,
    'conversations.replies': history,
  };

  it('every Web API call in src/ is known, and needs exactly the declared scopes', async () => {
    const { readdirSync } = await import('node:fs');
    const root = new URL('../../src/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.startsWith('generated'),
    );
    const methods = new Set<string>();
    for (const file of files) {
      const source = readFileSync(new URL(file, root), 'utf8');
      for (const match of source.matchAll(/client\.(\w+)\.(\w+)\(/g)) methods.add(`${match[1]}.${match[2]}`);
    }
    for (const method of methods) expect(Object.keys(scopeOf)).toContain(method);
    const needed = new Set(['commands', ...[...methods].flatMap((method) => scopeOf[method] ?? [])]);
    expect([...needed].sort()).toEqual([...BotScopes].sort());
  });
});

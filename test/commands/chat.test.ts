import { describe, expect, it } from 'vitest';
import { readSaying } from '../../src/commands/chat.ts';

describe('readSaying', () => {
  it('reads what people say to Briefbot as the command they mean', () => {
    for (const text of [
      'what can you do?',
      'what can you do for me',
      'How can you help me',
      'What can I ask',
      'how does this work',
      'commands',
    ])
      expect(readSaying(text), text).toEqual({ command: 'help' });
    for (const text of [
      'what am I following',
      'my follows',
      'show me my digests',
      'what am i subscribed to?',
    ])
      expect(readSaying(text), text).toEqual({ follows: true });
    for (const text of ['who are the experts', 'who are our SMEs?', 'list the experts'])
      expect(readSaying(text), text).toEqual({ command: 'sme list' });
    expect(readSaying('who are the experts on pricing?')).toEqual({ command: 'sme list pricing' });
    for (const text of ['sources', 'your sources', 'what sources do you read', 'which feeds'])
      expect(readSaying(text), text).toEqual({ command: 'feeds list' });
    for (const text of ['thanks', 'Thank you!', 'ok thanks', 'cheers', 'great, thanks'])
      expect(readSaying(text), text).toHaveProperty('reply');
  });

  it('answers a greeting with one line and two questions to try, not the week’s briefing', () => {
    for (const text of ['hi', 'Hello!', 'hey there', 'good morning', 'hi briefbot'])
      expect(readSaying(text), text).toEqual({
        reply:
          'Hello! Ask me about the news Briefbot follows, e.g. `/brief what’s new this week` or `/brief what are customers saying about pricing`.',
      });
    // A greeting before a question is the question.
    expect(readSaying('hi, what are customers saying about pricing')).toBeNull();
    expect(readSaying('hello pricing')).toBeNull();
  });

  it('reads "?" alone as help, and emoji alone as thanks or how to ask, never the week’s briefing', () => {
    for (const text of ['?', ' ?? ', '!', '...']) expect(readSaying(text), text).toEqual({ command: 'help' });
    const thanks = readSaying('thanks');
    for (const text of ['👍', '🙏🏽', ':+1:', ':thumbsup::skin-tone-3:', '❤️'])
      expect(readSaying(text), text).toEqual(thanks);
    for (const text of ['🔥', ':fire:', '🤔?', '😬 😬'])
      expect(readSaying(text), text).toEqual({
        reply:
          'I read questions in words, e.g. `/brief what’s new this week` or `/brief what are customers saying about pricing`; `/brief help` lists the rest.',
      });
    // Emoji beside what people say to Briefbot leave what they say as it is.
    for (const text of ['thanks 👍', 'great thanks :pray:', 'Thank you! 🙏🏽', 'cheers 🍻'])
      expect(readSaying(text), text).toEqual(thanks);
    expect(readSaying('hi 👋')).toEqual(readSaying('hi'));
    expect(readSaying('what can you do? 🤔')).toEqual({ command: 'help' });
    // An emoji beside words is a question; the words are asked.
    expect(readSaying('pricing 🔥')).toBeNull();
    expect(readSaying('q3?')).toBeNull();
  });

  it('reads asking for a digest of everything as the follow of every topic, its cadence and time kept', () => {
    expect(readSaying('send me a daily digest of everything')).toEqual({
      command: 'follow everything daily',
    });
    expect(readSaying('Please send me a weekly digest of all topics on friday at 5pm')).toEqual({
      command: 'follow everything weekly on friday at 5pm',
    });
    expect(readSaying("I'd like a weekday briefing covering every topic at 7:30")).toEqual({
      command: 'follow everything weekdays at 7:30',
    });
    expect(readSaying('give me a digest of all the topics')).toEqual({ command: 'follow everything' });
    // A digest of something else is a question, not a follow.
    expect(readSaying('send me a digest of the pricing news')).toBeNull();
  });

  it('reads a command in the other order, and "following", as the command', () => {
    expect(readSaying('list topics')).toEqual({ command: 'topics list' });
    expect(readSaying('list feeds')).toEqual({ command: 'feeds list' });
    expect(readSaying('show digests')).toEqual({ command: 'digest list' });
    expect(readSaying('show me the nudges')).toEqual({ command: 'nudge list' });
    expect(readSaying('list claims')).toEqual({ command: 'claims' });
    for (const text of ['following', 'my follow', 'follows', 'list my follows'])
      expect(readSaying(text), text).toEqual({ follows: true });
    expect(readSaying('list topics about pricing')).toBeNull();
  });

  it('reads "stop following acme", "unsubscribe from pricing" as the unfollow they mean', () => {
    for (const text of [
      'stop following acme',
      'please stop following acme',
      'unsubscribe from acme',
      "don't follow acme anymore",
    ])
      expect(readSaying(text), text).toEqual({ command: 'unfollow acme' });
    expect(readSaying('stop following')).toEqual({ command: 'unfollow' });
    expect(readSaying('stop following acme pricing')).toEqual({ command: 'unfollow acme pricing' });
  });

  it('answers "settings" with where each setting is, never a search for the word', () => {
    for (const text of ['settings', 'my settings', 'Preferences', 'briefbot settings', 'config'])
      expect(readSaying(text), text).toMatchObject({
        reply: expect.stringMatching(
          /^Briefbot’s settings are its commands\. Your own digests in your DMs: `\/brief my follows`/,
        ),
      });
    expect(readSaying('pricing settings')).toBeNull();
  });

  it('reads "subscribe to pricing", "sign me up for acme" as the follow they mean', () => {
    expect(readSaying('subscribe to pricing daily 8am')).toEqual({ command: 'follow pricing daily 8am' });
    expect(readSaying('please subscribe me to acme')).toEqual({ command: 'follow acme' });
    expect(readSaying('sign me up for acme')).toEqual({ command: 'follow acme' });
    expect(readSaying('subscribe')).toEqual({ command: 'follow' });
    expect(readSaying('subscribers of acme')).toBeNull();
  });

  it('reads plain words about "my digest" as a change to it, the follow named when one is', () => {
    for (const text of [
      'stop my digest',
      'stop digest',
      // "stop" alone: what a reader of a digest in their DMs types, never a search for the word.
      'stop',
      'stop it please',
      'stop sending me digests',
      'stop sending me these',
      'turn off my digest',
      'cancel my follow',
      'unsubscribe me from the daily briefing',
      "I don't want these DMs anymore",
      'no more digests please',
      'stop all my digests',
      'cancel all of our subscriptions',
    ])
      expect(readSaying(text), text).toEqual({ myDigest: { action: 'stop' } });
    expect(readSaying('stop my pricing digest')).toEqual({ myDigest: { action: 'stop', which: 'pricing' } });
    for (const text of ['pause my digest', 'put my digest on hold', 'snooze my briefing for a while'])
      expect(readSaying(text), text).toEqual({ myDigest: { action: 'pause' } });
    for (const text of ['resume my digest', 'turn my digest back on', 'start my digest again'])
      expect(readSaying(text), text).toEqual({ myDigest: { action: 'resume' } });
    for (const text of ['preview my digest', 'show me my digest', 'see a preview of my briefing'])
      expect(readSaying(text), text).toEqual({ myDigest: { action: 'preview' } });
    expect(readSaying('preview my pricing digest')).toEqual({
      myDigest: { action: 'preview', which: 'pricing' },
    });
    expect(readSaying('make it weekly')).toEqual({ myDigest: { action: 'change', schedule: 'weekly' } });
    expect(readSaying('send it weekly instead')).toEqual({
      myDigest: { action: 'change', schedule: 'weekly' },
    });
    expect(readSaying('change my digest to fridays at 9am')).toEqual({
      myDigest: { action: 'change', schedule: 'fridays at 9am' },
    });
    for (const text of ['less often please', 'my digest less often', 'fewer digests'])
      expect(readSaying(text), text).toEqual({ myDigest: { action: 'change', schedule: 'less often' } });
    expect(readSaying('more often')).toEqual({ myDigest: { action: 'change', schedule: 'more often' } });
    // Not a schedule, or not a digest: a question.
    for (const text of ['send it to maria', 'stop the outage', 'make it cheaper', 'pause the pricing rise'])
      expect(readSaying(text), text).toBeNull();
  });

  it('leaves questions and commands alone', () => {
    for (const text of [
      'what are customers saying about pricing',
      'sources of the outage',
      'experts',
      'thanks to the outage',
      'help',
      'feeds list',
    ])
      expect(readSaying(text), text).toBeNull();
  });
});

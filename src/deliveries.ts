import type { Deps } from './deps.ts';
import {
  answerMayBeLost,
  earlierPosts,
  isTransient,
  keepRenewing,
  maxDeliveryAttempts,
  mayHavePosted,
  PostError,
  retryDelayMs,
  superseded,
} from './outbox.ts';
import type { Message } from './slack/blocks/common.ts';

/** What a delivery is about: it is dropped, not sent, once that is no longer true. */
export const DeliveryKind = {
  /** A nudge nobody claimed, to the admins: dropped once it is no longer open. */
  Escalation: 'escalation',
  /** A conversation that expired, to its claimant and to who asked for it: dropped once it is no longer expired. */
  ClaimExpired: 'claim-expired',
  /** Feeds that started failing, to the admins: dropped once none of them is failing. */
  FeedFailing: 'feed-failing',
  /** Feeds announced failing that work again, to whoever was told: dropped unless they all still work. */
  FeedRecovered: 'feed-recovered',
  /** A conversation's outcome (replied, dismissed), to who asked for it: dropped once it is reopened. */
  Outcome: 'nudge-outcome',
  /** A reopened conversation, to the expert who had replied: dropped once it is finished again. */
  Reopened: 'nudge-reopened',
  /** The experts' reminder in an unclaimed nudge's thread (the channel is the recipient): dropped once it is not open. */
  ThreadReminder: 'thread-reminder',
  /** A conversation open again (released, reopened), in its thread: edits notify nobody. Dropped once not open. */
  ThreadNotice: 'thread-notice',
  /** The reminder to a claimant who has not replied: dropped once the claim is no longer theirs. */
  ClaimantReminder: 'claimant-reminder',
  /** A claim still unanswered after its reminder, to the admins: dropped once it is not claimed. */
  ClaimEscalation: 'claim-escalation',
  /** A conversation left with no expert to ask, to who asked for it: dropped once it is not open. */
  Stranded: 'nudge-stranded',
  /** A claimant gone away past their claim's expiry, in its thread: dropped once it is not claimed. */
  ClaimantAway: 'claimant-away',
  /** A conversation that had nobody to ask taken after all, in its thread: dropped once it is not claimed. */
  TakenNotice: 'thread-taken',
  /** The same, to who asked for it (told it had nobody to ask): dropped once it is not claimed. */
  Taken: 'nudge-taken',
  /** A personal follow ended because its topic was removed, to its follower: stays true. */
  FollowEnded: 'follow-ended',
  /** A command's reply the response URL would not take (Slack down), to its asker as a DM: stays true. */
  Reply: 'reply',
  /**
   * A conversation posted outside an expert's working hours (not pinged), to them when their day starts:
   * dropped once it is not open, or no longer on their beat.
   */
  MorningNudge: 'nudge-morning',
  /**
   * A DM about a conversation sent as something happened (an expert added to its beat, back from away,
   * or it moved to their beat), recorded once Slack took it so the thread reminder counts it
   * as their notification: never owed, so never sent again.
   */
  ConversationDm: 'nudge-dm',
  /** An expert's Slack account found deactivated, to the admins: dropped once they are no expert or active again. */
  ExpertLeft: 'expert-left',
} as const;
export type DeliveryKind = (typeof DeliveryKind)[keyof typeof DeliveryKind];

export type DeliveryInput = {
  kind: DeliveryKind;
  /** The nudge's id, or the feeds' ids ("3,4,5"). */
  subject: string;
  /** Which time it happened (a nudge escalated again after a release, a feed failing anew), as ms. */
  episode: number;
  recipients: readonly string[];
  message: Message;
  /** A recipient's own wording (an admin's escalation in their time zone), in place of `message`. */
  messageFor?: Readonly<Record<string, Message>>;
  /** When it is first due (ms), when not at once: a DM kept for the start of someone's working day. */
  dueAt?: number;
};

type Delivery = {
  id: number;
  kind: DeliveryKind;
  subject: string;
  recipient: string;
  message: string;
  attempts: number;
  dueAt: number;
  /** Why the last try failed (Slack's code, or 'sending' when a stopped process left it mid-send). */
  error: string | null;
  createdAt: number;
};

/** A send in flight keeps the background cycle off its delivery this long; one a stopped process left is sent after. */
const leaseMs = 60_000;
/** The background cycle sends at most this many deliveries a pass, so its Slack calls stay bounded. */
const deliveryBatch = 20;

const columns =
  'id, kind, subject, recipient, message, attempts, due_at AS dueAt, error, created_at AS createdAt';

/**
 * Records the message as owed to each recipient, once per kind, subject and episode (recording it
 * again changes nothing). Recorded before anything is sent, a process stopped in between loses nothing.
 */
export function recordDeliveries(deps: Deps, input: DeliveryInput): void {
  const now = deps.clock.now().getTime();
  const insert = deps.db.sqlite.prepare(
    `INSERT OR IGNORE INTO deliveries (kind, subject, episode, recipient, message, due_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const body = JSON.stringify(input.message);
  deps.db.sqlite.transaction(() => {
    for (const recipient of input.recipients)
      insert.run(
        input.kind,
        input.subject,
        input.episode,
        recipient,
        input.messageFor?.[recipient] ? JSON.stringify(input.messageFor[recipient]) : body,
        input.dueAt ?? now + leaseMs,
        now,
      );
  })();
}

/**
 * Records a message Slack already took (posted at once, not owed): to each recipient, for each subject,
 * as sent now. Nothing sends it again; it says who was told what, and when.
 */
export function recordSent(
  deps: Deps,
  input: Omit<DeliveryInput, 'subject' | 'episode' | 'dueAt' | 'messageFor'> & {
    subjects: readonly string[];
    /** Where Slack put it (a DM to one recipient), to redraw it later. */
    ts?: string | null;
  },
): void {
  const now = deps.clock.now().getTime();
  const insert = deps.db.sqlite.prepare(
    `INSERT OR IGNORE INTO deliveries (kind, subject, episode, recipient, message, due_at, sent_at, sent_ts, created_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const body = JSON.stringify(input.message);
  deps.db.sqlite.transaction(() => {
    for (const subject of input.subjects)
      for (const recipient of input.recipients)
        insert.run(input.kind, subject, now, recipient, body, now, input.ts ?? null, now);
  })();
}

/** A message Slack took, where it is, as first sent, and every subject it was recorded under (a DM about several). */
export type SentMessage = { recipient: string; ts: string; message: Message; subjects: string[] };

/** The messages of these kinds about `subject` that Slack took and whose ts is known, oldest first. */
export function sentAbout(deps: Deps, kinds: readonly DeliveryKind[], subject: string): SentMessage[] {
  const rows = deps.db.sqlite
    .prepare(
      `SELECT d.recipient, d.sent_ts AS ts, d.message,
         (SELECT json_group_array(o.subject) FROM deliveries o
          WHERE o.recipient = d.recipient AND o.sent_ts = d.sent_ts AND o.kind = d.kind) AS subjects
       FROM deliveries d
       WHERE d.subject = ? AND d.sent_ts IS NOT NULL AND d.kind IN (SELECT value FROM json_each(?)) ORDER BY d.id`,
    )
    .all(subject, JSON.stringify(kinds)) as Array<{
    recipient: string;
    ts: string;
    message: string;
    subjects: string;
  }>;
  return rows.map((row) => ({
    ...row,
    message: JSON.parse(row.message) as Message,
    subjects: JSON.parse(row.subjects) as string[],
  }));
}

/**
 * Records the message for each recipient and posts it to those who have not got it yet. One
 * failing does not stop the others; one Slack refuses for now (a 429, a 500, a broken connection)
 * is tried again by the background cycle (`sendDueDeliveries`), without posting to the others
 * again; one that trying again cannot fix (a deactivated user, the bot out of the channel) is
 * logged and given up. Returns how many got it now.
 */
export async function deliverToEach(deps: Deps, input: DeliveryInput): Promise<number> {
  recordDeliveries(deps, input);
  const owed = deps.db.sqlite
    .prepare(
      `SELECT ${columns} FROM deliveries WHERE kind = ? AND subject = ? AND episode = ? AND due_at IS NOT NULL ORDER BY id`,
    )
    .safeIntegers(false)
    .all(input.kind, input.subject, input.episode) as Delivery[];
  let sent = 0;
  for (const delivery of owed) {
    const lease = take(deps, delivery);
    if (lease === null) continue;
    if ((await send(deps, delivery, lease)) === null) sent++;
  }
  return sent;
}

/** Whether any of an input's messages is still owed: Slack refused it for now, and it is sent again. */
export function stillOwed(deps: Deps, input: Pick<DeliveryInput, 'kind' | 'subject' | 'episode'>): boolean {
  return (
    deps.db.sqlite
      .prepare(
        'SELECT 1 FROM deliveries WHERE kind = ? AND subject = ? AND episode = ? AND due_at IS NOT NULL',
      )
      .get(input.kind, input.subject, input.episode) !== undefined
  );
}

/**
 * The deliveries due again (refused for now, or left by a stopped process), a few a pass, the
 * longest waiting first; a rate limit ends the pass. Returns how many were sent.
 */
export async function sendDueDeliveries(deps: Deps): Promise<number> {
  const due = deps.db.sqlite
    .prepare(`SELECT ${columns} FROM deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT ${deliveryBatch}`)
    .safeIntegers(false)
    .all(deps.clock.now().getTime()) as Delivery[];
  let sent = 0;
  for (const delivery of due) {
    const lease = take(deps, delivery);
    if (lease === null) continue;
    const code = await send(deps, delivery, lease);
    if (code === null) sent++;
    else if (code === 'ratelimited') break;
  }
  return sent;
}

/** A delivery's error while a send has it: `sendOwedNow` leaves it to that send. */
const sending = 'sending';
/** Before a delivery's error: the try failed before its message was handed to Slack. */
const unsent = 'unsent:';
/** A delivery's error when an earlier try may have reached Slack and looking for it failed. */
const unconfirmed = 'unconfirmed';

/**
 * Taken for the lease, unless another pass took it since it was read: the lease's end (its due_at),
 * which names this send's hold on it (a later pass takes it only after it ends, so ends later), or null.
 */
function take(deps: Deps, delivery: Delivery): number | null {
  const lease = deps.clock.now().getTime() + leaseMs;
  const taken = deps.db.sqlite
    .prepare(`UPDATE deliveries SET due_at = ?, error = '${sending}' WHERE id = ? AND due_at = ?`)
    .run(lease, delivery.id, delivery.dueAt).changes;
  return taken === 1 ? lease : null;
}

/**
 * Slack is back (Socket Mode reconnected): the owed messages waiting out their backoff (up to an hour
 * after a long outage) are sent now. Those in a send's hands are left to it, and those Slack's 429
 * asked to wait keep their Retry-After. Returns how many were sent.
 */
export async function sendOwedNow(deps: Deps): Promise<number> {
  const now = deps.clock.now().getTime();
  deps.db.sqlite
    .prepare(
      `UPDATE deliveries SET due_at = ? WHERE due_at > ? AND (error IS NULL OR error NOT IN ('${sending}', 'ratelimited'))`,
    )
    .run(now, now);
  return sendDueDeliveries(deps);
}

/**
 * One post under the lease `take` gave; null when Slack took it, else why not (Slack's code, or
 * 'no_longer_true': dropped). A send stalled past its lease (a frozen process) may find another
 * pass has taken the delivery since: its failure then changes nothing (that pass's outcome stands),
 * and its success records the message as sent unless it already is.
 */
async function send(deps: Deps, delivery: Delivery, taken: number): Promise<string | null> {
  let lease = taken;
  const { sqlite } = deps.db;
  const context = { kind: delivery.kind, subject: delivery.subject, recipient: delivery.recipient };
  const target = stillTrue(deps, delivery);
  if (!target) {
    sqlite
      .prepare("UPDATE deliveries SET due_at = NULL, error = 'no_longer_true' WHERE id = ?")
      .run(delivery.id);
    deps.logger.info(context, 'message no longer sent: what it says is no longer true');
    return 'no_longer_true';
  }
  // A minute more of the lease, unless another pass took the delivery since (this send stalled past it).
  const stillOurs = () => {
    const next = deps.clock.now().getTime() + leaseMs;
    const renewed = sqlite
      .prepare(`UPDATE deliveries SET due_at = ? WHERE id = ? AND due_at = ? AND error = '${sending}'`)
      .run(next, delivery.id, lease).changes;
    if (renewed === 1) lease = next;
    return renewed === 1;
  };
  // Slack's client may wait out 429s (their Retry-After) for minutes: the lease is kept while it does.
  const stopRenewing = keepRenewing(stillOurs);
  // Slack has it, whoever holds the send now: recorded, unless already recorded sent.
  const markSent = (ts: string | null) =>
    sqlite
      .prepare(
        'UPDATE deliveries SET due_at = NULL, sent_at = ?, sent_ts = ?, error = NULL WHERE id = ? AND sent_at IS NULL',
      )
      .run(deps.clock.now().getTime(), ts, delivery.id);
  // The row's id names the post (kept in Slack with the message), by which a retry finds it.
  const marker = `delivery:${delivery.id}`;
  // Whether this try failed before it could tell if an earlier one reached Slack.
  let unsure = false;
  try {
    if (mayBeInSlack(delivery)) {
      const since = new Date(delivery.createdAt);
      unsure = true;
      const earlier = await earlierPosts(deps.outbox, deps.logger, delivery.recipient, {
        since,
        ...target,
        waitOutOutages: true,
      });
      unsure = false;
      const found = earlier?.get(marker);
      if (found) {
        markSent(found);
        deps.logger.info(context, 'interrupted message found where it was sent; recorded, not sent again');
        return null;
      }
    }
    // Renewed just before it is handed to Slack (by the Slack outbox, after opening the DM): a send
    // that stalled past its lease (a frozen process) and lost it to another pass posts nothing, so
    // its post cannot land after that pass looked and posted. Renewed, no other pass takes it while
    // the post goes out.
    if (!stillOurs()) throw superseded();
    const { ts } = await deps.outbox.post(delivery.recipient, JSON.parse(delivery.message) as Message, {
      ...target,
      marker,
      stillOurs,
    });
    markSent(ts);
    return null;
  } catch (error) {
    const code = error instanceof PostError ? error.code : 'internal_error';
    const failures = delivery.attempts + 1;
    const retry = isTransient(error) && failures < maxDeliveryAttempts;
    // Only while this send still holds it: past its lease another pass may have sent it since.
    const recorded = sqlite
      .prepare(
        `UPDATE deliveries SET due_at = ?, attempts = ?, error = ? WHERE id = ? AND due_at = ? AND error = '${sending}'`,
      )
      .run(
        retry ? deps.clock.now().getTime() + retryDelayMs(failures, error) : null,
        failures,
        // Slack could not be read (down, or a 429): the next try looks again before posting. A DM
        // that could not even be opened is not there: the next try posts without looking.
        unsure && !answerMayBeLost(code)
          ? unconfirmed
          : !unsure && answerMayBeLost(code) && !mayHavePosted(error)
            ? `${unsent}${code}`
            : code,
        delivery.id,
        lease,
      ).changes;
    if (recorded === 0) {
      deps.logger.warn(
        { ...context, code },
        'message not delivered by a send past its lease; another send has it',
      );
      return code;
    }
    if (retry) deps.logger.warn({ ...context, code, failures }, 'message not delivered; will retry');
    else deps.logger.error({ ...context, code, failures }, 'message not delivered; giving up');
    return code;
  } finally {
    stopRenewing();
  }
}

/**
 * Whether an earlier try may have reached Slack all the same: its answer was lost (a 5xx, a broken
 * connection, a timeout), a stopped process left it mid-send, or looking for it since failed. Such
 * a delivery is looked for where it was sent before it is posted again.
 */
function mayBeInSlack(delivery: Delivery): boolean {
  const { error } = delivery;
  return error !== null && (error === sending || error === unconfirmed || answerMayBeLost(error));
}

/** Whether every feed of `subject` ("3" or "3,4,5") is still watched, not paused, and its last check worked. */
export function feedsWorking(sqlite: Deps['db']['sqlite'], subject: string): boolean {
  const ids = subject.split(',');
  const working = Number(
    sqlite
      .prepare(
        "SELECT COUNT(*) FROM feeds WHERE status = 'active' AND consecutive_failures = 0 AND id IN (SELECT value FROM json_each(?))",
      )
      .pluck()
      .get(`[${subject}]`),
  );
  return working === ids.length;
}

/** Null once what the message says is no longer true; else how to post it (a reminder: in its nudge's thread). */
function stillTrue(deps: Deps, delivery: Delivery): { threadTs?: string } | null {
  const { sqlite } = deps.db;
  if (delivery.kind === DeliveryKind.FeedFailing) {
    const failing = Number(
      sqlite
        .prepare(
          "SELECT COUNT(*) FROM feeds WHERE status = 'failing' AND id IN (SELECT value FROM json_each(?))",
        )
        .pluck()
        .get(`[${delivery.subject}]`),
    );
    return failing > 0 ? {} : null;
  }
  if (delivery.kind === DeliveryKind.FeedRecovered) return feedsWorking(sqlite, delivery.subject) ? {} : null;
  if (delivery.kind === DeliveryKind.FollowEnded || delivery.kind === DeliveryKind.Reply) return {};
  if (delivery.kind === DeliveryKind.ExpertLeft)
    return sqlite
      .prepare('SELECT 1 FROM smes WHERE user_id = ? AND deactivated_at IS NOT NULL')
      .get(delivery.subject)
      ? {}
      : null;
  const nudge = sqlite
    .prepare(
      'SELECT state, claimant_id AS claimantId, requested_by AS requestedBy, message_ts AS messageTs FROM nudges WHERE id = ?',
    )
    .get(Number(delivery.subject)) as
    | { state: string; claimantId: string | null; requestedBy: string | null; messageTs: string | null }
    | undefined;
  if (!nudge) return null;
  const { recipient } = delivery;
  const states: Record<DeliveryKind, boolean> = {
    [DeliveryKind.Escalation]: nudge.state === 'open',
    [DeliveryKind.Outcome]: nudge.state === 'replied' || nudge.state === 'dismissed',
    [DeliveryKind.Reopened]: nudge.state === 'open' || nudge.state === 'claimed',
    [DeliveryKind.ThreadReminder]: nudge.state === 'open' && Boolean(nudge.messageTs),
    [DeliveryKind.ThreadNotice]: nudge.state === 'open' && Boolean(nudge.messageTs),
    [DeliveryKind.Stranded]: nudge.state === 'open',
    [DeliveryKind.ClaimantReminder]: nudge.state === 'claimed' && nudge.claimantId === recipient,
    [DeliveryKind.ClaimEscalation]: nudge.state === 'claimed',
    [DeliveryKind.ClaimantAway]: nudge.state === 'claimed' && Boolean(nudge.messageTs),
    [DeliveryKind.TakenNotice]: nudge.state === 'claimed' && Boolean(nudge.messageTs),
    [DeliveryKind.Taken]: nudge.state === 'claimed',
    // Owed to its claimant and to everyone who asked for it (those after the first are in the trail).
    [DeliveryKind.ClaimExpired]: nudge.state === 'expired',
    [DeliveryKind.FeedFailing]: false,
    [DeliveryKind.FeedRecovered]: false,
    [DeliveryKind.FollowEnded]: false,
    [DeliveryKind.Reply]: false,
    [DeliveryKind.ExpertLeft]: false,
    [DeliveryKind.ConversationDm]: false,
    [DeliveryKind.MorningNudge]:
      nudge.state === 'open' &&
      Boolean(nudge.messageTs) &&
      sqlite
        .prepare(
          `SELECT 1 FROM beats b JOIN smes s ON s.id = b.sme_id JOIN nudges n ON n.topic_id = b.topic_id
           WHERE n.id = ? AND s.user_id = ?`,
        )
        .get(Number(delivery.subject), recipient) !== undefined,
  };
  if (!states[delivery.kind]) return null;
  const inThread: DeliveryKind[] = [
    DeliveryKind.ThreadReminder,
    DeliveryKind.ThreadNotice,
    DeliveryKind.ClaimantAway,
    DeliveryKind.TakenNotice,
  ];
  return inThread.includes(delivery.kind) ? { threadTs: nudge.messageTs as string } : {};
}

/** Sent or given-up deliveries are kept this long (to read what happened), then deleted. */
const keepDoneMs = 30 * 24 * 3600_000;

/** Deletes the deliveries finished more than 30 days ago; the nightly job. Returns how many. */
export function pruneDeliveries(deps: Deps): number {
  return deps.db.sqlite
    .prepare('DELETE FROM deliveries WHERE due_at IS NULL AND created_at < ?')
    .run(deps.clock.now().getTime() - keepDoneMs).changes;
}

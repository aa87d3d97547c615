import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { addSchedule, DigestSpec, parseWeekday } from '../../briefing/schedules.ts';
import { requireAdmin } from '../../commands/access.ts';
import { parseTimeZone } from '../../commands/dates.ts';
import type { Deps } from '../../deps.ts';
import { userMessage } from '../../errors.ts';
import { noticeMessage } from '../blocks/replies.ts';

type Values = Record<string, Record<string, Record<string, unknown>>>;

const Selected = z.object({ value: z.string() }).nullish();
const SelectedMany = z.array(z.object({ value: z.string() })).nullish();

/** The form's values as a DigestSpec, or the errors to show next to each field. */
export function readDigestForm(
  values: Values,
): { spec: DigestSpec; zoneNote?: string } | { errors: Record<string, string> } {
  const field = (block: string) => values[block]?.value ?? {};
  const cadence = Selected.parse(field('cadence').selected_option)?.value ?? '';
  // Ticked days; a form opened before the days became checkboxes sends its one selected day.
  const dayOptions = [
    ...(SelectedMany.parse(field('weekday').selected_options) ?? []),
    ...[Selected.parse(field('weekday').selected_option)].flatMap((day) => (day ? [day] : [])),
  ];
  const days = dayOptions.flatMap((day) => {
    const number = parseWeekday(day.value);
    return number === undefined ? [] : [number];
  });
  const topics = SelectedMany.parse(field('topics').selected_options) ?? [];
  const zoneText = String(field('timezone').value ?? '').trim();
  // "CET", "UTC+2" and "europe/paris" as in the command; the form keeps what it could not read, to name it.
  const zone = parseTimeZone(zoneText);
  const errors: Record<string, string> = {};
  if (cadence === 'weekly' && days.length === 0)
    errors.weekday = 'Tick the day of a weekly digest, or several days.';
  const parsed = DigestSpec.safeParse({
    channelId: String(field('channel').selected_conversation ?? ''),
    cadence,
    weekday: days[0] ?? null,
    ...(days.length > 1 ? { days } : {}),
    timeOfDay: String(field('time').selected_time ?? ''),
    timezone: zone?.zone ?? zoneText,
    topics: topics.map((topic) => topic.value),
    maxItems: Number(field('size').value ?? Number.NaN),
    quietDay: Selected.parse(field('quiet').selected_option)?.value ?? '',
  });
  if (!parsed.success) {
    const blockOf: Record<string, string> = {
      channelId: 'channel',
      timeOfDay: 'time',
      maxItems: 'size',
      quietDay: 'quiet',
    };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'channel');
      const block = blockOf[key] ?? key;
      errors[block] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { spec: parsed.data, zoneNote: zone?.note };
}

export function createDigestAddViewHandler(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const form = readDigestForm(view.state.values as unknown as Values);
    if ('errors' in form) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    await ack();
    const userId = body.user.id;
    try {
      await requireAdmin(deps, userId, 'schedule digests');
      const schedule = await addSchedule(deps, form.spec, userId);
      await deps.outbox.post(
        userId,
        noticeMessage(
          `Digest ${schedule.id} is scheduled for <#${schedule.channelId}>: ${schedule.when}, ${schedule.labels.join(', ') || 'all topics'}. Make sure I am in the channel (\`/invite @Briefbot\`).${form.zoneNote ? ` Time zone: ${form.zoneNote}.` : ''}`,
        ),
      );
    } catch (error) {
      await deps.outbox.post(userId, noticeMessage(userMessage(error))).catch(() => {});
    }
  };
}

/**
 * Live coverage (« direct »): an article whose front matter has `live:` and
 * whose body holds `<LiveUpdate at="…" title="…">` entries. Pure rules shared
 * by the content phase, the renderer, the data layer and the feeds.
 */
import { formatDate, formatTime, toIsoString } from './dates.ts';

/** Where a live blog stands at the build's "now". */
export type LiveStatus = 'upcoming' | 'live' | 'ended';

/** One update of a live blog, as the data layer and the feeds know it. */
export interface LiveUpdateInfo {
  at: Date;
  /** Typeset title. */
  title: string;
  /** The id of the update on the page, e.g. `maj-2026-11-28-1030`. */
  anchor: string;
  /** The update's text, plain, for structured data. */
  text: string;
}

/** `upcoming` before `start`, `live` from `start` until `end` (excluded), `ended` from `end` on. */
export function liveStatusAt(live: { start: Date; end?: Date | undefined }, now: Date): LiveStatus {
  if (now.getTime() < live.start.getTime()) return 'upcoming';
  if (live.end && now.getTime() >= live.end.getTime()) return 'ended';
  return 'live';
}

/**
 * The anchor of an update, from its time in Paris to the minute:
 * `maj-2026-11-28-1030`. Stable while the time is not changed, so a link to
 * an update shared on a social network keeps working as the blog grows.
 */
export function liveUpdateAnchor(at: Date): string {
  const iso = toIsoString(at);
  return `maj-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/** The Paris day of a date, `2026-11-28`. */
export const parisDay = (d: Date): string => toIsoString(d).slice(0, 10);

/**
 * An update's time as the page shows it: « 10 h 30 » when it is on
 * `dayAbove`, the Paris day of the update shown above it; « 27 novembre 2026,
 * 18 h 05 » otherwise, so the first update and each change of day carry
 * their date.
 */
export function liveUpdateTime(at: Date, dayAbove: string | undefined): string {
  return dayAbove !== undefined && parisDay(at) === dayAbove ? formatTime(at) : `${formatDate(at)}, ${formatTime(at)}`;
}

/**
 * For updates in the order they are shown (`dates`), the Paris day of the
 * update above each one, by its time in milliseconds; undefined for the first.
 */
export function daysAbove(dates: readonly Date[]): Map<number, string | undefined> {
  const above = new Map<number, string | undefined>();
  dates.forEach((at, i) => {
    if (!above.has(at.getTime())) above.set(at.getTime(), i === 0 ? undefined : parisDay(dates[i - 1]!));
  });
  return above;
}

/** The latest update's date, or undefined without updates. */
export function latestUpdate(updates: readonly { at: Date }[] | undefined): Date | undefined {
  let latest: Date | undefined;
  for (const u of updates ?? []) if (!latest || u.at > latest) latest = u.at;
  return latest;
}

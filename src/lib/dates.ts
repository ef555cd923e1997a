/**
 * Dates as French readers expect them, always in Europe/Paris whatever the
 * time zone of the machine that builds (CI runs in UTC).
 *
 * Intl.DateTimeFormat instances are costly to create and these functions run
 * thousands of times per build, so each one is created once, here.
 *
 * The spaces inside a date (`12 mai 2016`) and a time (`8 h 00`) are
 * no-break spaces (U+00A0), so that neither is ever split across two lines.
 * The results are plain text: the superscript of `1er` needs markup, and is
 * the job of a caller that writes markup, through `splitOrdinals` in
 * src/lib/typography.ts (`1er janvier` gives `['1', { sup: 'er' }, ' janvier']`).
 */
import { NBSP } from './typography.ts';

const TIME_ZONE = 'Europe/Paris';

const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const TIME_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Numeric fields only, read through formatToParts: the locale does not matter
// for digits, and en-US with h23 gives plain two-digit fields.
const ISO_FIELDS_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function partsOf(format: Intl.DateTimeFormat, d: Date): Parts {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
  const parts: Parts = {};
  for (const part of format.formatToParts(d)) parts[part.type] = part.value;
  return parts;
}

/** `12 mai 2016`, and `1er janvier 2016` for the first of the month (Paris time, no-break spaces). */
export function formatDate(d: Date): string {
  const { day, month, year } = partsOf(DATE_FORMAT, d);
  return `${day === '1' ? '1er' : day}${NBSP}${month}${NBSP}${year}`;
}

/** `8 h 00`, `17 h 30`, `0 h 05` (Paris time, 24-hour clock, French « h », no-break spaces). */
export function formatTime(d: Date): string {
  const { hour, minute } = partsOf(TIME_FORMAT, d);
  return `${hour}${NBSP}h${NBSP}${minute}`;
}

/**
 * `12 mai 2016 à 8 h 00` (Paris time), as in « Publié le … ». A line may
 * break before « à », never after it: a one-letter word does not end a line.
 */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)} à${NBSP}${formatTime(d)}`;
}

/**
 * ISO 8601 in Paris local time with its offset, seconds included and no
 * milliseconds: `2016-05-12T08:00:00+02:00` in summer, `+01:00` in winter.
 * For `datetime` attributes and structured data, which show the offset the
 * magazine works in rather than UTC.
 */
export function toIsoString(d: Date): string {
  const p = partsOf(ISO_FIELDS_FORMAT, d);
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((wallClockAsUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The offset of Paris from UTC at `t`, in minutes (toIsoString writes it out). */
function parisOffsetMinutes(t: number): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(toIsoString(new Date(t)))!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * A date as a writer may type it without an offset: a day alone (taken at
 * 8 h, Paris time: `2026-12-05`) or a day and a time in Paris
 * (`2026-07-14T09:30`); undefined for anything else, a day that does not
 * exist (30 February) or an hour skipped by summer time. `npm run new --date`
 * accepts these, and the content's messages suggest the full form they stand for.
 */
export function parseParisDateTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const wall = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '08'}:${m[5] ?? '00'}`;
  const asUtc = Date.parse(`${wall}:00Z`);
  if (Number.isNaN(asUtc)) return undefined;
  // The offset depends on the instant, which depends on the offset: twice settles it.
  let t = asUtc - parisOffsetMinutes(asUtc) * 60_000;
  t = asUtc - parisOffsetMinutes(t) * 60_000;
  return toIsoString(new Date(t)).startsWith(wall) ? new Date(t) : undefined;
}

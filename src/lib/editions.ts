/**
 * The weekly edition: which ISO week (Paris time) an article belongs to, the
 * name of a week (`2026-S48`), where a week begins and ends, and the
 * editions a list of published articles makes. Pure rules: pages, feeds and
 * the content pass read them from here.
 *
 * ISO 8601 weeks are computed from the Paris calendar date by hand (a few
 * lines of arithmetic on UTC dates): date libraries compute them in the
 * machine's time zone, and the build runs in UTC while readers live in Paris.
 */
import { parseParisDateTime, toIsoString } from './dates.ts';

/** An ISO 8601 week: the year it belongs to (which may differ from the calendar year of its days) and its number. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DAY = 86_400_000;

/** The ISO week of a calendar date given as UTC midnight. */
function isoWeekOfDay(utcMidnight: number): IsoWeek {
  const weekday = (new Date(utcMidnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The week belongs to the year of its Thursday.
  const thursday = new Date(utcMidnight + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week };
}

/** The ISO week a moment falls in, as readers in Paris count days. */
export function isoWeekOf(d: Date): IsoWeek {
  const [year, month, day] = toIsoString(d).slice(0, 10).split('-').map(Number) as [number, number, number];
  return isoWeekOfDay(Date.UTC(year, month - 1, day));
}

/** How many ISO weeks `year` has: 52, or 53 when 28 December is in a 53rd week. */
export function weeksInYear(year: number): number {
  return isoWeekOfDay(Date.UTC(year, 11, 28)).week;
}

/** The name of a week in URLs and file names: `2026-S48` (S for « semaine »). */
export function editionId({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-S${String(week).padStart(2, '0')}`;
}

const EDITION_ID = /^(\d{4})-S(\d{2})$/;

/** The week a name such as `2026-S48` stands for; undefined for another shape or a week the year does not have (`2026-S53`). */
export function parseEditionId(text: string): IsoWeek | undefined {
  const m = EDITION_ID.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(year) ? { year, week } : undefined;
}

/** The Monday of a week as `AAAA-MM-JJ`. */
function mondayOf({ year, week }: IsoWeek): string {
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (week - 1) * 7 * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * When a week begins and ends: Monday 0 h 00 in Paris, and the next
 * Monday 0 h 00 (excluded). Midnight always exists in Paris (summer time
 * changes at 2 h and 3 h).
 */
export function weekBounds(w: IsoWeek): { start: Date; end: Date } {
  const start = mondayOf(w);
  const next = new Date(Date.parse(`${start}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10);
  return { start: parseParisDateTime(`${start}T00:00`)!, end: parseParisDateTime(`${next}T00:00`)! };
}

/** One rubrique of an edition: its published articles of the week, newest first. */
export interface EditionSection<T> {
  category: string;
  articles: T[];
}

/** One weekly edition, as the site publishes it. */
export interface Edition<T> {
  id: string;
  week: IsoWeek;
  start: Date;
  end: Date;
  /**
   * The week is not over at the build's now: its page says « en cours » and
   * the edition is not yet in the feed (a mailing service sends an item once,
   * so it must be the whole week).
   */
  current: boolean;
  /** The week's articles by rubrique, in the order of `categoryIds`; rubriques with none left out. */
  sections: EditionSection<T>[];
  /** How many articles the edition holds. */
  count: number;
}

/**
 * The editions that `articles` (published, newest first) make at `now`: one
 * per ISO week (Paris time) that has at least one article, newest first,
 * each with its articles grouped by rubrique in the order of `categoryIds`.
 */
export function groupEditions<T extends { publishedAt: Date; category: { id: string } }>(
  articles: readonly T[],
  categoryIds: readonly string[],
  now: Date,
): Edition<T>[] {
  const byWeek = new Map<string, { week: IsoWeek; articles: T[] }>();
  for (const a of articles) {
    const week = isoWeekOf(a.publishedAt);
    const id = editionId(week);
    let entry = byWeek.get(id);
    if (!entry) {
      entry = { week, articles: [] };
      byWeek.set(id, entry);
    }
    entry.articles.push(a);
  }
  return [...byWeek]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([id, { week, articles: list }]) => {
      const { start, end } = weekBounds(week);
      const sections = categoryIds
        .map((category) => ({ category, articles: list.filter((a) => a.category.id === category) }))
        .filter((s) => s.articles.length > 0);
      return { id, week, start, end, current: now.getTime() < end.getTime(), sections, count: list.length };
    });
}

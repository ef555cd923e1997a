/**
 * Fediverse accounts (`fediverse:` of an author): the one form they are
 * written in, and the profile page an account name stands for. Mastodon
 * credits an article's author in link previews from the page's
 * `<meta name="fediverse:creator" content="@name@instance">`.
 */

/** `@name@instance.tld`: a user name (letters, digits, `_`, `.`, `-`), then a host with a dot. */
export const FEDIVERSE_ACCOUNT = /^@([A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})$/;

/** The profile page of an account: `@claire@mastodon.social` → `https://mastodon.social/@claire`. */
export function fediverseProfileUrl(account: string): string {
  const m = FEDIVERSE_ACCOUNT.exec(account);
  if (!m) throw new RangeError(`not a fediverse account written @name@instance: ${account}`);
  return `https://${m[2]!.toLowerCase()}/@${m[1]}`;
}

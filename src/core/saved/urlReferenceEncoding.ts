/**
 * Where a `${secret:…}` in a URL as written stands for a value that must be percent-encoded to
 * mean itself: in the user info (`wss://me:${secret:pw}@host`) and in the query
 * (`?token=${secret:t}`). A secret holds the value itself (a token with "+", "/" or "&" in it),
 * not its URL form. Elsewhere (a whole URL, a host) the value goes in as it is.
 */
export function encodesAt(template: string): (offset: number) => boolean {
  // References masked, so a "?", "@" or "/" in a name cannot be read as part of the URL.
  const masked = template.replace(/\$\{[^}]*\}/g, (reference) => 'x'.repeat(reference.length));
  const query = masked.indexOf('?');
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(masked);
  const userInfoStart = authority ? authority[0].length - authority[1]!.length - 1 : -1;
  const userInfoEnd = authority ? authority[0].length - 1 : -1;
  return (offset) => (query >= 0 && offset > query) || (offset >= userInfoStart && offset < userInfoEnd);
}

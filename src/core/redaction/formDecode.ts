/**
 * A query word (a parameter's name or value) as a server reads it: percent-decoded, with "+" as
 * a space (application/x-www-form-urlencoded), so `access%5Ftoken` is `access_token`. A broken
 * escape is taken as written rather than thrown: the text comes from a person or a peer.
 */
export function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

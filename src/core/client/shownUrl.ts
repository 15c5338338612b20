import { redactQueryUrl } from '../export/exportRedaction';
import { redactUrl } from '../url/webSocketUrl';

/** A URL as it is shown, logged and recorded: user info and the values of secret query parameters (see isSecretParam) hidden. */
export function shownUrl(url: URL): string {
  return redactQueryUrl(redactUrl(url));
}

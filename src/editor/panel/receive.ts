import type { Logger } from '../../util/log';
import { errorMessage } from '../../util/result';
import { validateFromWebview, type FromWebview } from '../../protocol/protocol';

/** Checks a message from the webview; a malformed one is logged and dropped, never acted on. */
export function receiveFromWebview(
  raw: unknown,
  handle: (message: FromWebview) => Promise<void>,
  log: Logger,
): Promise<void> {
  const checked = validateFromWebview(raw);
  if (!checked.ok) {
    log.warn(`observability panel: ignored a malformed message (${checked.reason})`);
    return Promise.resolve();
  }
  return handle(checked.message).catch((e: unknown) => log.error(`observability panel: ${errorMessage(e)}`));
}

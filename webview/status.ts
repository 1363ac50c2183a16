/** How many names of a list the status line shows before "and N more". */
const NAMES_SHOWN = 3;

/**
 * The status line in one short line: a trailing list of names ("…: a, b, c, d, e") becomes "a, b, c and 2 more";
 * the whole message stays in the tooltip.
 */
export function summariseStatus(message: string): string {
  const colon = message.lastIndexOf(': ');
  if (colon < 0) return message;
  const names = message.slice(colon + 2).split(', ');
  if (names.length <= NAMES_SHOWN || names.some((n) => n === '' || /\s/.test(n))) return message;
  return `${message.slice(0, colon + 2)}${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more`;
}

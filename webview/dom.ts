// DOM helpers. Text always goes in through textContent or attributes, never through innerHTML,
// so nothing a log line or a panel title contains can become markup.

type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'className') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) el.append(child);
  return el;
}

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the panel's HTML`);
  return el as T;
}

/** `HH:MM:SS.mmm` in local time from a nanosecond string. */
export function clockTime(ns: string): string {
  const ms = Number(ns.length > 6 ? ns.slice(0, -6) : '0');
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** The line is a JSON object (shown with an expand marker); parsing only, cheaper than `prettyJson`. */
export function isJsonObject(line: string): boolean {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith('{')) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** Pretty JSON when the line is a JSON object, else undefined. */
export function prettyJson(line: string): string | undefined {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

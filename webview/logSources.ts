// The pods and containers the log lines come from, each named once: the list shows a label and a colour per
// source, computed when the source is first seen rather than for every line or every redraw.
import type { LogSourceName } from '../src/protocol/logWire';

/** How many label colours panel.css defines (`--log-label-0` …): the theme's ANSI palette, darkened in light themes. */
export const LABEL_COLOUR_COUNT = 10;

/** A stable colour per pod/container name. */
export function labelColour(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return `var(--log-label-${Math.abs(hash) % LABEL_COLOUR_COUNT})`;
}

/** One source as the list shows it. */
export interface LogSourceInfo {
  readonly pod?: string;
  readonly container?: string;
  /** `pod/container`, or whichever of the two is known. */
  readonly label: string;
  /** Coloured by pod, so a pod's containers share its colour. */
  readonly colour: string;
}

/** Interns sources: a batch's local indexes become ids that stay valid until `clear()`. */
export class SourceTable {
  private readonly ids = new Map<string, number>();
  private readonly infos: LogSourceInfo[] = [];
  private readonly podNames = new Set<string>();

  get size(): number {
    return this.infos.length;
  }

  /** The pods seen so far, in the order they were first seen. */
  get pods(): ReadonlySet<string> {
    return this.podNames;
  }

  /** The ids of a batch's sources, in the batch's order. */
  intern(names: readonly LogSourceName[]): number[] {
    return names.map(([pod, container]) => {
      const key = `${pod}\u0000${container}`;
      let id = this.ids.get(key);
      if (id === undefined) {
        id =
          this.infos.push({
            ...(pod ? { pod } : {}),
            ...(container ? { container } : {}),
            label: [pod, container].filter(Boolean).join('/'),
            colour: labelColour(pod),
          }) - 1;
        this.ids.set(key, id);
        if (pod) this.podNames.add(pod);
      }
      return id;
    });
  }

  get(id: number): LogSourceInfo {
    return this.infos[id] ?? UNKNOWN;
  }

  clear(): void {
    this.ids.clear();
    this.infos.length = 0;
    this.podNames.clear();
  }
}

const UNKNOWN: LogSourceInfo = { label: '', colour: labelColour('') };

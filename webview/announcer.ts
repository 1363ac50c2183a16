/** How often, at most, arriving lines are summarised to a screen reader. */
const SUMMARY_INTERVAL_MS = 10_000;

/**
 * A polite live region for a screen reader: arriving lines are counted and summarised at most every ten seconds
 * ("120 new lines, 5,000 shown"), never read out one by one; a chosen line is read at once.
 */
export class Announcer {
  private pending = 0;
  private timer: number | undefined;

  constructor(
    private readonly region: HTMLElement,
    private readonly shown: () => number,
  ) {}

  linesArrived(count: number): void {
    if (count <= 0) return;
    this.pending += count;
    this.timer ??= window.setTimeout(() => this.summarise(), SUMMARY_INTERVAL_MS);
  }

  say(text: string): void {
    this.region.textContent = text;
  }

  private summarise(): void {
    this.timer = undefined;
    if (this.pending === 0) return;
    const count = this.pending;
    this.pending = 0;
    this.say(`${count.toLocaleString()} new line${count === 1 ? '' : 's'}, ${this.shown().toLocaleString()} shown`);
  }
}

import type { IDisposable } from '../../util/disposable';

/** A minimal event emitter for the core (vscode.EventEmitter is not available outside the editor). */
export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): IDisposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

export type Event<T> = (listener: (value: T) => void) => IDisposable;

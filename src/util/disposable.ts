/** Anything with a lifetime. Structurally compatible with `vscode.Disposable`. */
export interface IDisposable {
  dispose(): void;
}

/** Base class that owns the disposables registered through `_register` and disposes them with itself. */
export abstract class Disposable implements IDisposable {
  private readonly owned: IDisposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends IDisposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.owned.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned.splice(0).reverse());
  }
}

export function toDisposable(fn: () => void): IDisposable {
  return { dispose: fn };
}

/**
 * Disposes every item, even when some throw (as VS Code's own `dispose` helper does): one error is rethrown as it
 * is, several as an AggregateError, after all items had their turn.
 */
export function disposeAll(items: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed to dispose');
}

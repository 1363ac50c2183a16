import { Disposable, toDisposable } from '../../util/disposable';
import type { KubeconfigRequest } from '../kubeconfig';
import type { LiveSession, SessionOpener } from './connect';
import { Emitter } from './emitter';

/** Where the connection stands before any watch runs: no kubeconfig is a state, not an error storm. */
export type LiveClusterState =
  | { readonly state: 'idle' }
  | { readonly state: 'opening' }
  | { readonly state: 'open'; readonly session: LiveSession }
  | { readonly state: 'error'; readonly message: string };

/**
 * The current context and its cache. Switching context disposes the old watches and cache before the new
 * ones start, so no event of the old cluster reaches the tree after the switch.
 */
export class LiveCluster extends Disposable {
  private current: LiveClusterState = { state: 'idle' };
  private generation = 0;
  /** The context chosen in this session; undefined follows the kubeconfig's current context. */
  private chosenContext: string | undefined;
  private readonly changed = this._register(new Emitter<LiveClusterState>());
  readonly onDidChangeState = this.changed.event;

  constructor(
    private readonly open: SessionOpener,
    private readonly baseRequest: () => KubeconfigRequest,
  ) {
    super();
    this._register(toDisposable(() => this.closeCurrent()));
  }

  get state(): LiveClusterState {
    return this.current;
  }

  get session(): LiveSession | undefined {
    return this.current.state === 'open' ? this.current.session : undefined;
  }

  /** Opens the given context (else the last chosen, else the kubeconfig's current one) and starts watching namespaces. */
  async connect(context?: string): Promise<LiveClusterState> {
    const generation = ++this.generation;
    if (context !== undefined) this.chosenContext = context;
    this.closeCurrent();
    this.set({ state: 'opening' });
    const request = {
      ...this.baseRequest(),
      ...(this.chosenContext === undefined ? {} : { context: this.chosenContext }),
    };
    const opened = await this.open(request);
    // A newer connect() won while this one waited: drop this session unseen.
    if (generation !== this.generation || this.isDisposed) {
      if (opened.ok) opened.value.dispose();
      return this.current;
    }
    if (!opened.ok) return this.set({ state: 'error', message: opened.error });
    opened.value.cache.start();
    return this.set({ state: 'open', session: opened.value });
  }

  /** Retries now: failing watches skip their backoff; a failed open is tried again. */
  retry(): void {
    if (this.current.state === 'open') this.current.session.cache.retry();
    else if (this.current.state !== 'opening') void this.connect();
  }

  private closeCurrent(): void {
    if (this.current.state === 'open') this.current.session.dispose();
    this.current = { state: 'idle' };
  }

  private set(state: LiveClusterState): LiveClusterState {
    this.current = state;
    this.changed.fire(state);
    return state;
  }
}

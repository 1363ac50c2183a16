import type { LiveCluster } from '../../kube/cache/liveCluster';
import type { Command } from '../commands/command';

/** The unreachable node's action: retry every failing watch now instead of waiting for its backoff. */
export class RetryConnectionCommand implements Command {
  readonly id = 'starterStack.retryConnection';

  constructor(private readonly live: LiveCluster) {}

  execute(): void {
    this.live.retry();
  }
}

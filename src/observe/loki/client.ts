import { err, ok, type Result } from '../../util/result';
import { getJson, type Endpoint, type HttpFailure } from '../endpoint';
import type { LogLine } from '../model';
import { compareNs, readStreams, toLogLines } from './entries';

/** One page of history, oldest first; `more` when older lines may exist. */
export interface LogPage {
  readonly lines: LogLine[];
  readonly more: boolean;
}

export interface PageRequest {
  readonly query: string;
  /** Nanoseconds; the page ends just before it (Loki's `end` is exclusive). Default: now. */
  readonly before?: string;
  /** Nanoseconds; how far back to look at all. */
  readonly since: string;
  readonly limit: number;
  readonly signal?: AbortSignal;
}

/** Loki's own answer to a limit above `max_entries_limit_per_query`: "... (6000 > 5000)". */
export function entriesLimitFrom(failure: HttpFailure): number | undefined {
  if (failure.status !== 400 || !/max entries limit/i.test(failure.message)) return undefined;
  const max = /\(\d+ > (\d+)\)/.exec(failure.message)?.[1];
  return max ? Number(max) : undefined;
}

/** Loki's HTTP API: history pages (query_range, newest first) and readiness. */
export class LokiClient {
  /** Learned from a 400: the server's max_entries_limit_per_query. */
  private maxEntries = Number.POSITIVE_INFINITY;

  constructor(readonly endpoint: Endpoint) {}

  /** Is Loki there and answering queries? (`/ready` is not proxied by every gateway; labels is.) */
  async probe(signal?: AbortSignal): Promise<Result<true, HttpFailure>> {
    const answer = await getJson(this.endpoint, '/loki/api/v1/labels', {}, signal);
    return answer.ok ? ok(true) : answer;
  }

  /** The page of `limit` lines just before `before`, oldest first; retries once with Loki's own entries limit. */
  async page(request: PageRequest): Promise<Result<LogPage, HttpFailure>> {
    const limit = Math.min(request.limit, this.maxEntries);
    const answer = await this.queryRange(request, limit);
    if (answer.ok) return ok({ lines: answer.value, more: answer.value.length >= limit });
    const max = entriesLimitFrom(answer.error);
    if (max === undefined || max >= limit) return answer;
    this.maxEntries = max;
    return this.page(request);
  }

  private async queryRange(request: PageRequest, limit: number): Promise<Result<LogLine[], HttpFailure>> {
    const query = { query: request.query, direction: 'backward', limit, start: request.since, end: request.before };
    const answer = await getJson(this.endpoint, '/loki/api/v1/query_range', query, request.signal);
    if (!answer.ok) return answer;
    const data = (answer.value as { data?: { resultType?: unknown; result?: unknown } }).data;
    if (data?.resultType !== 'streams')
      return err({ status: 200, message: 'a log query was expected (this query returns metrics)' });
    const before = request.before;
    const lines = toLogLines(readStreams(data.result)).filter(
      (l) => before === undefined || compareNs(l.ts, before) < 0,
    );
    // Several streams may each return `limit` lines: keep the newest `limit` overall, like Loki's own merge.
    return ok(lines.length > limit ? lines.slice(lines.length - limit) : lines);
  }
}

import { isRecord } from '../objects';

// Small readers for the untyped parts of live objects: the cache keeps what the server sent, unvalidated.
export type Rec = Record<string, unknown>;
export const rec = (value: unknown): Rec => (isRecord(value) ? value : {});
export const recs = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter(isRecord) : []);
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

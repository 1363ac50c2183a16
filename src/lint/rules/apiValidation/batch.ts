/** A Job's spec (a Job's, or a CronJob's jobTemplate's) as validateJobSpec (pkg/apis/batch/validation) checks it. */
import { dig, num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import type { Problems } from './problems';

const present = (value: unknown): boolean => value !== undefined && value !== null;

export function checkJobSpec(p: Problems, spec: Rec, path: Path): void {
  checkPerIndexBackoff(p, spec, path);
  if (!present(spec.podFailurePolicy)) return;
  // A pod failure policy needs failed pods to stay failed: the kubelet restarting them in place (OnFailure) is refused.
  const restartPolicy = str(dig(spec, 'template', 'spec', 'restartPolicy'));
  if (restartPolicy === 'OnFailure')
    p.invalid(
      [...path, 'template', 'spec', 'restartPolicy'],
      restartPolicy,
      'only "Never" is supported when podFailurePolicy is specified',
    );
  const replacement = str(spec.podReplacementPolicy);
  if (replacement !== undefined && replacement !== 'Failed')
    p.unsupported([...path, 'podReplacementPolicy'], replacement, ['Failed']);
}

/** backoffLimitPerIndex and maxFailedIndexes count failures per index: only an Indexed Job has indexes. */
function checkPerIndexBackoff(p: Problems, spec: Rec, path: Path): void {
  const mode = spec.completionMode;
  const indexed = present(mode) && str(mode) !== 'NonIndexed';
  const perIndex = num(spec.backoffLimitPerIndex);
  const maxFailed = num(spec.maxFailedIndexes);
  if (maxFailed !== undefined && !present(spec.backoffLimitPerIndex))
    p.required([...path, 'backoffLimitPerIndex'], 'when maxFailedIndexes is specified', [...path, 'maxFailedIndexes']);
  if (indexed) return;
  if (perIndex !== undefined)
    p.invalid([...path, 'backoffLimitPerIndex'], perIndex, 'requires indexed completion mode');
  if (maxFailed !== undefined) p.invalid([...path, 'maxFailedIndexes'], maxFailed, 'requires indexed completion mode');
}

/** The job spec of a Job or of a CronJob's jobTemplate, with its path; undefined for other kinds. */
export function jobSpecOf(kind: string, value: Rec): [Rec, Path] | undefined {
  const path: Path = kind === 'Job' ? ['spec'] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : [];
  const spec = path.length > 0 ? rec(dig(value, ...path)) : undefined;
  return spec ? [spec, path] : undefined;
}

/** The IANA areas: a `Area/Location` name outside the time zone database is a typo, not a zone an API server knows. */
const IANA_AREA = /^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z0-9_+\-/]+$/;

/**
 * validateTimeZone: the API server loads spec.timeZone from its time zone database (time.LoadLocation). Only an
 * `Area/Location` name that this runtime's database (ICU) also lacks is reported: ICU and Go's tzdata agree on those,
 * while short or legacy names (Factory, EST5EDT, …) may differ between the two and are left alone.
 */
export function checkCronTimeZone(p: Problems, spec: Rec | undefined): void {
  const zone = str(spec?.timeZone);
  if (zone === undefined || !IANA_AREA.test(zone) || knownZone(zone)) return;
  p.invalid(['spec', 'timeZone'], zone, `unknown time zone ${zone}`);
}

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

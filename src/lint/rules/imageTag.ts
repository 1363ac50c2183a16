import { str } from '../access';
import { replaceValue } from '../fixes';
import { podTemplate } from '../pods';
import type { ObjectLookup, Rule } from '../rule';

/** Splits `registry:5000/repo/name:tag@digest` into repository, tag and digest. */
export function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
  const [withoutDigest = '', digest] = image.split('@', 2);
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { repository: withoutDigest, digest };
}

/** A pinned tag the workspace already uses for the same repository: the one clear pin to offer. */
function pinnedElsewhere(objects: ObjectLookup, repository: string): string | undefined {
  for (const template of objects.podTemplates(undefined)) {
    for (const container of template.containers) {
      const other = parseImage(str(container.value.image) ?? '');
      if (other.repository === repository && other.tag && !floatingTag(`${repository}:${other.tag}`)) return other.tag;
    }
  }
  return undefined;
}

// Tags that name a distribution or a channel, not a version: they move with every release.
const CHANNEL =
  /^(alpine|slim|bullseye|bookworm|trixie|buster|stretch|jammy|focal|noble|bionic|ubi|distroless|stable|lts|edge|mainline|current|nightly|dev|main|master|rolling|debian|ubuntu|windowsservercore|nanoserver)([-_.](alpine|slim|bullseye|bookworm|trixie|buster|jammy|focal|noble|ubi|debian|ubuntu))*$/i;
// A major version alone (`15`, `v2`, `15-alpine`): the minor and patch float.
const MAJOR_ONLY = /^v?\d+(-[a-z][\w.-]*)?$/i;

/** Why a tag floats, and how much that matters; undefined for a pinned tag. */
export function floatingTag(image: string): { message: string; severity: 'warning' | 'info' } | undefined {
  const { tag, digest } = parseImage(image);
  if (digest) return undefined;
  if (!tag) return { message: `Image "${image}" has no tag (so it means latest): pin a version.`, severity: 'warning' };
  if (tag === 'latest') return { message: `Image "${image}" uses the latest tag: pin a version.`, severity: 'warning' };
  if (CHANNEL.test(tag))
    return {
      message: `Image "${image}" uses "${tag}", a tag that moves with every release: pin a version (or a digest).`,
      severity: 'warning',
    };
  if (MAJOR_ONLY.test(tag))
    return {
      message: `Image "${image}" pins only a major version: minor versions change under it. Pin a full version (or a digest).`,
      severity: 'info',
    };
  return undefined;
}

export const imageTag: Rule = {
  id: 'image-tag',
  defaultSeverity: 'warning',
  title: 'An image without a tag, tagged latest, or on a floating tag',
  docs: 'An untagged, :latest or floating image (a distribution tag like alpine, a channel like stable; a major-only tag like 15 or 15-alpine is information) changes under you: two nodes may run different code, and a rollback brings back nothing. Pin a full version, best a digest.',
  crossObject: true,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const image = str(container.value.image);
      // Blank (OpenShift's `image: " "`) means an image trigger or a controller fills it in: no tag to judge.
      if (!image?.trim()) continue;
      const floating = floatingTag(image);
      if (!floating) continue;
      const { repository } = parseImage(image);
      const pin = pinnedElsewhere(context.objects, repository);
      const edit = pin ? replaceValue(object, [...container.path, 'image'], `${repository}:${pin}`) : undefined;
      context.report({
        range: object.rangeOf([...container.path, 'image']),
        message: floating.message,
        // A configured severity still wins; the default grades by how far the tag floats.
        ...(floating.severity === 'info' ? { severity: 'info' as const } : {}),
        fixes: edit ? [{ title: `Pin to ${repository}:${pin}`, edits: [edit] }] : [],
      });
    }
  },
};

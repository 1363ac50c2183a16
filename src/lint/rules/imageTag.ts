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
      if (other.repository === repository && other.tag && other.tag !== 'latest') return other.tag;
    }
  }
  return undefined;
}

export const imageTag: Rule = {
  id: 'image-tag',
  defaultSeverity: 'warning',
  title: 'An image without a tag or tagged latest',
  docs: 'An untagged or :latest image changes under you: two nodes may run different code, and a rollback brings back nothing. Pin a version (or a digest).',
  crossObject: true,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const image = str(container.value.image);
      if (!image) continue;
      const { repository, tag, digest } = parseImage(image);
      if (digest || (tag && tag !== 'latest')) continue;
      const pin = pinnedElsewhere(context.objects, repository);
      const edit = pin ? replaceValue(object, [...container.path, 'image'], `${repository}:${pin}`) : undefined;
      context.report({
        range: object.rangeOf([...container.path, 'image']),
        message: tag ? `Image "${image}" uses the latest tag: pin a version.` : `Image "${image}" has no tag (so it means latest): pin a version.`,
        fixes: edit ? [{ title: `Pin to ${repository}:${pin}`, edits: [edit] }] : [],
      });
    }
  },
};

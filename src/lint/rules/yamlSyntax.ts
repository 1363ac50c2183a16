import type { RuleMeta } from '../types';

/** Reported by the engine itself from the parser's errors (a document that does not parse has no object). */
export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  title: 'The document is not valid YAML',
  docs: 'kubectl cannot read a document with a YAML syntax error (bad indentation, a tab, an unclosed quote, a duplicate key). The rest of the document is still checked as far as the parser could read it. Warnings of the YAML library (an unknown tag) are reported at warning level.',
};

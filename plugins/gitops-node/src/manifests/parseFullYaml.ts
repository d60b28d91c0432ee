import { parseAllDocuments } from 'yaml';
import type { ManifestError, YamlDocument } from './parseYamlDocuments';

/**
 * YAML aliases allowed in one file: far more than real manifests use, far too few for an alias
 * bomb ("billion laughs") to expand.
 */
const MAX_YAML_ALIASES = 100;

/**
 * Every document of a text through the `yaml` package: the whole YAML 1.2 language (anchors,
 * tags, directives) and an error with its line for each broken document.
 */
export function parseFullYaml(
  text: string,
  file: string,
): { documents: YamlDocument[]; errors: ManifestError[] } {
  const documents: YamlDocument[] = [];
  const errors: ManifestError[] = [];
  const lineOf = lineLocator(text);
  for (const doc of parseAllDocuments(text, {
    prettyErrors: true,
    uniqueKeys: true,
  })) {
    const line = lineOf(doc.range?.[0] ?? 0);
    if (doc.errors.length > 0) {
      const [error] = doc.errors;
      errors.push({
        file,
        line: error.linePos?.[0].line ?? line,
        message: error.message.split('\n')[0],
      });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      errors.push({ file, line, message: (error as Error).message });
      continue;
    }
    if (value !== null && value !== undefined) {
      documents.push({
        value,
        line: lineOf(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0),
      });
    }
  }
  return { documents, errors };
}

/** Maps a character offset to its 1-based line. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return offset => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

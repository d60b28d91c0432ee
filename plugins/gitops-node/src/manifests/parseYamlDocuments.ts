import { parseFullYaml } from './parseFullYaml';
import { parsePlainYaml } from './parsePlainYaml';

/**
 * A problem with one input file, located as precisely as it can be.
 *
 * @public
 */
export interface ManifestError {
  file: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
}

/**
 * One YAML document of a file and the line it starts on.
 *
 * @public
 */
export interface YamlDocument {
  value: unknown;
  line: number;
}

/**
 * Parses every document of a YAML (or JSON) text. A broken document is reported with its file
 * and line and skipped; the documents around it are still returned. Empty documents are dropped.
 *
 * Plain YAML, what nearly every manifest is, takes a parser about ten times faster (a cold start
 * reads every manifest of the GitOps repository); anything else, and every error, goes through
 * the `yaml` package, with the same values either way.
 *
 * @public
 */
export function parseYamlDocuments(
  text: string,
  file: string,
): { documents: YamlDocument[]; errors: ManifestError[] } {
  const documents = parsePlainYaml(text);
  return documents ? { documents, errors: [] } : parseFullYaml(text, file);
}

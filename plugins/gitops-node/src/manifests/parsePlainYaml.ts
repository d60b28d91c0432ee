import { loadAll } from 'js-yaml';
import type { YamlDocument } from './parseYamlDocuments';
import { YAML_CORE_SCHEMA } from './yamlCoreSchema';

/*
 * What plain YAML leaves out, found in the text before parsing: anchors (and so aliases, which
 * would otherwise come back as shared objects, and alias bombs), tags, directives (`%YAML 1.1`
 * changes the schema) and null-like mapping keys (the `yaml` package turns them into "", js-yaml
 * into "null"). A false alarm (an `&` in a URL) only costs the faster parser.
 */
const NOT_PLAIN = /[&!]|^%|(?:^|[\s{,?-])(?:~|[Nn]ull|NULL)?:(?:[\s,}\]]|$)/m;

/**
 * The documents of plain YAML (block or flow style, no anchors, tags or directives) with the
 * values the `yaml` package gives them, and the line each starts on; undefined for any other
 * text, for a parse error and for a warning, which the `yaml` package then reports with its line.
 */
export function parsePlainYaml(text: string): YamlDocument[] | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  const lines: number[] = [];
  let depth = 0;
  let warned = false;
  let values: unknown[] = [];
  try {
    values = loadAll(text, undefined, {
      schema: YAML_CORE_SCHEMA,
      onWarning: () => {
        warned = true;
      },
      // The root node of each document opens at depth 0, at its first line of content.
      listener: (event, state) => {
        if (event === 'open') {
          if (depth === 0) lines.push(state.line + 1);
          depth += 1;
        } else {
          depth -= 1;
        }
      },
    });
  } catch {
    return undefined;
  }
  if (warned || lines.length !== values.length) return undefined;
  const documents: YamlDocument[] = [];
  values.forEach((value, index) => {
    if (value !== null && value !== undefined) {
      documents.push({ value, line: lines[index] });
    }
  });
  return documents;
}

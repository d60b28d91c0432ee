import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The objects of every .yaml/.yml/.json file below `target` (Lists expanded), for seeding. */
export function readSeedObjects(target: string): Record<string, any>[] {
  const stat = fs.statSync(target);
  const files = stat.isDirectory()
    ? fs
        .readdirSync(target, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
        .map(entry => path.join(entry.parentPath, entry.name))
        .sort()
    : [target];
  const objects: Record<string, any>[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) {
        throw new Error(`${file}: ${doc.errors[0].message.split('\n')[0]}`);
      }
      const value = doc.toJS({ maxAliasCount: 100 });
      if (!value) continue;
      if (
        typeof value.kind === 'string' &&
        value.kind.endsWith('List') &&
        Array.isArray(value.items)
      ) {
        objects.push(...value.items);
      } else {
        objects.push(value);
      }
    }
  }
  return objects;
}

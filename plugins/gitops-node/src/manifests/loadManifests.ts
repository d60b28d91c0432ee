import fs from 'node:fs/promises';
import path from 'node:path';
import { ManifestRenderer } from '../extensions';
import { KubernetesObject } from '../health';
import { ManifestError, parseYamlDocuments } from './parseYamlDocuments';

/** Larger files are refused unread. */
export const DEFAULT_MAX_MANIFEST_FILE_BYTES = 4 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const KUSTOMIZATION_FILE = /^(kustomization\.ya?ml|Kustomization)$/;

/**
 * A Kubernetes object read from a file, and where it was read.
 *
 * @public
 */
export interface LoadedManifest {
  object: KubernetesObject;
  file: string;
  line: number;
}

/** @public */
export interface LoadManifestsResult {
  manifests: LoadedManifest[];
  /** One entry per broken file or document; the others are loaded regardless. */
  errors: ManifestError[];
}

/** @public */
export interface LoadManifestsOptions {
  maxFileBytes?: number;
  /** Tried on each directory, first match renders it (e.g. kustomize); others are read as YAML. */
  renderers?: ManifestRenderer[];
  signal?: AbortSignal;
}

/**
 * Loads the Kubernetes objects of a file or a directory (recursively, in name order): YAML or
 * JSON, several documents per file, `kind: List` expanded. Symlinks are not followed.
 *
 * @public
 */
export async function loadManifests(
  target: string,
  options: LoadManifestsOptions = {},
): Promise<LoadManifestsResult> {
  const result: LoadManifestsResult = { manifests: [], errors: [] };
  const stat = await fs.lstat(target).catch(() => undefined);
  if (!stat) {
    result.errors.push({ file: target, message: 'does not exist' });
  } else if (stat.isDirectory()) {
    await loadDirectory(target, options, result);
  } else {
    await loadFile(target, stat, options, result);
  }
  return result;
}

async function loadDirectory(
  directory: string,
  options: LoadManifestsOptions,
  result: LoadManifestsResult,
): Promise<void> {
  for (const renderer of options.renderers ?? []) {
    if (await renderer.canRender(directory)) {
      let rendered: string;
      try {
        rendered = await renderer.render(directory, { signal: options.signal });
      } catch (error) {
        result.errors.push({
          file: directory,
          message: `${renderer.name} failed: ${(error as Error).message}`,
        });
        return;
      }
      addDocuments(rendered, `${directory} (${renderer.name})`, result);
      return;
    }
  }
  const entries = await fs.readdir(directory, { withFileTypes: true });
  // Code-point order, the same on every machine (localeCompare is not).
  entries.sort((a, b) => Number(a.name > b.name) - Number(a.name < b.name));
  for (const entry of entries) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isSymbolicLink()) {
      result.errors.push({
        file: entryPath,
        message: 'is a symlink; symlinks are not followed',
      });
    } else if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) {
        await loadDirectory(entryPath, options, result);
      }
    } else if (KUSTOMIZATION_FILE.test(entry.name)) {
      result.errors.push({
        file: entryPath,
        message:
          'is a kustomization, but no kustomize renderer is configured: the directory was read as plain YAML',
      });
    } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
      await loadFile(entryPath, await fs.lstat(entryPath), options, result);
    }
  }
}

async function loadFile(
  file: string,
  stat: { size: number; isFile(): boolean; isSymbolicLink(): boolean },
  options: LoadManifestsOptions,
  result: LoadManifestsResult,
): Promise<void> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_MANIFEST_FILE_BYTES;
  if (stat.isSymbolicLink()) {
    result.errors.push({
      file,
      message: 'is a symlink; symlinks are not followed',
    });
  } else if (!stat.isFile()) {
    result.errors.push({ file, message: 'is not a regular file' });
  } else if (stat.size > maxBytes) {
    result.errors.push({
      file,
      message: `is ${stat.size} bytes, over the limit of ${maxBytes}`,
    });
  } else {
    addDocuments(await fs.readFile(file, 'utf8'), file, result);
  }
}

function addDocuments(text: string, file: string, result: LoadManifestsResult) {
  const parsed = parseManifestText(text, file);
  result.manifests.push(...parsed.manifests);
  result.errors.push(...parsed.errors);
}

/**
 * The Kubernetes objects of one file's text: YAML or JSON, several documents, `kind: List`
 * expanded; documents that are not objects with apiVersion, kind and metadata.name are errors.
 *
 * @public
 */
export function parseManifestText(
  text: string,
  file: string,
): LoadManifestsResult {
  const result: LoadManifestsResult = { manifests: [], errors: [] };
  const { documents, errors } = parseYamlDocuments(text, file);
  result.errors.push(...errors);
  for (const { value, line } of documents) {
    const isList =
      isRecord(value) &&
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items);
    const objects = isList ? (value.items as unknown[]) : [value];
    objects.forEach((object, index) => {
      const where = isList ? ` (item ${index})` : '';
      const problem = objectProblem(object);
      if (problem) {
        result.errors.push({
          file,
          line,
          message: `document${where} ${problem}`,
        });
      } else {
        result.manifests.push({
          object: object as KubernetesObject,
          file,
          line,
        });
      }
    });
  }
  return result;
}

function objectProblem(value: unknown): string | undefined {
  if (!isRecord(value)) {
    return 'is not a Kubernetes object (a mapping with apiVersion, kind and metadata)';
  }
  if (typeof value.apiVersion !== 'string' || !value.apiVersion) {
    return 'has no apiVersion';
  }
  if (typeof value.kind !== 'string' || !value.kind) {
    return 'has no kind';
  }
  const metadata = value.metadata;
  if (
    !isRecord(metadata) ||
    typeof metadata.name !== 'string' ||
    !metadata.name
  ) {
    return `(${value.kind}) has no metadata.name`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

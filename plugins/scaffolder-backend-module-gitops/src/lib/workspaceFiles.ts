import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  dns1123LabelProblem,
  EnvironmentEntityV1alpha1,
  isEnvironmentEntity,
} from '@shipshape/plugin-gitops-common';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/** The repository path of an environment's directory. */
export function environmentDirectory(name: string): string {
  return `environments/${name}`;
}

/** The CODEOWNERS file the generator writes and the pull request action commits. */
export const CODEOWNERS_PATH = '.github/CODEOWNERS';

/** Rejects anything but a DNS-1123 label, before it is used in a path. */
export function assertEnvironmentName(name: string): void {
  const problem = dns1123LabelProblem(name);
  if (problem) {
    throw new InputError(`Invalid environment name '${name}': ${problem}`);
  }
}

/** The id Git gives a file's content (`git hash-object`), to compare with GitHub's tree. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/** Writes a file under the workspace; refuses any path that would leave it. */
export async function writeWorkspaceFile(
  workspacePath: string,
  relativePath: string,
  content: string,
): Promise<void> {
  const target = resolveSafeChildPath(workspacePath, relativePath);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, content, 'utf8');
}

/**
 * The files of a directory of the workspace, recursively, with repository-relative paths, in
 * name order. Symbolic links are refused: they could point out of the workspace.
 */
export async function readWorkspaceDirectory(
  workspacePath: string,
  relativeDir: string,
  limits: { maxFiles: number; maxFileBytes: number },
): Promise<Array<{ path: string; content: string }>> {
  const root = resolveSafeChildPath(workspacePath, relativeDir);
  const files: Array<{ path: string; content: string }> = [];
  async function walk(dir: string, prefix: string) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
    for (const entry of entries) {
      const relative = `${prefix}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        throw new InputError(`${relative} is a symbolic link; refusing it`);
      } else if (entry.isDirectory()) {
        await walk(path.join(dir, entry.name), relative);
      } else if (entry.isFile()) {
        const full = path.join(dir, entry.name);
        const { size } = await fs.stat(full);
        if (size > limits.maxFileBytes) {
          throw new InputError(
            `${relative} is ${size} bytes, more than the limit of ${limits.maxFileBytes}`,
          );
        }
        files.push({
          path: relative,
          content: await fs.readFile(full, 'utf8'),
        });
        if (files.length > limits.maxFiles) {
          throw new InputError(
            `${relativeDir} holds more than ${limits.maxFiles} files`,
          );
        }
      }
    }
  }
  try {
    await walk(root, relativeDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotFoundError(
        `${relativeDir} is not in the workspace: run gitops:environment:render first`,
      );
    }
    throw error;
  }
  return files;
}

/** A rendered environment as the workspace holds it. */
export interface WorkspaceEnvironment {
  name: string;
  entity: EnvironmentEntityV1alpha1;
  /** Component names: the subdirectories of the environment's directory. */
  components: string[];
  files: Array<{ path: string; content: string }>;
}

/** Reads `environments/<name>/` of the workspace, as written by `gitops:environment:render`. */
export async function readWorkspaceEnvironment(
  workspacePath: string,
  name: string,
  limits: { maxFiles: number; maxFileBytes: number },
): Promise<WorkspaceEnvironment> {
  assertEnvironmentName(name);
  const dir = environmentDirectory(name);
  const files = await readWorkspaceDirectory(workspacePath, dir, limits);
  const descriptor = files.find(f => f.path === `${dir}/environment.yaml`);
  if (!descriptor) {
    throw new NotFoundError(
      `${dir}/environment.yaml is not in the workspace: run gitops:environment:render first`,
    );
  }
  const entity = parse(descriptor.content, { maxAliasCount: 100 });
  if (
    !entity ||
    !isEnvironmentEntity(entity) ||
    entity.metadata.name !== name
  ) {
    throw new InputError(
      `${dir}/environment.yaml is not the Environment '${name}'`,
    );
  }
  const components = [
    ...new Set(
      files
        .map(f => f.path.slice(dir.length + 1).split('/'))
        .filter(parts => parts.length > 1)
        .map(parts => parts[0]),
    ),
  ].sort();
  return { name, entity, components, files };
}

import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_GITOPS_INGESTION_ERROR,
  ANNOTATION_GITOPS_PATH,
  ANNOTATION_GITOPS_REVISION,
  dns1123LabelProblem,
  ENVIRONMENT_KIND,
  GITOPS_API_VERSION,
} from '@shipshape/plugin-gitops-common';
import {
  GitTreeEntry,
  parseYamlDocuments,
} from '@shipshape/plugin-gitops-node';
import path from 'node:path';

/** Larger environment files are refused unread. */
export const MAX_ENVIRONMENT_FILE_BYTES = 1024 * 1024;
const ENVIRONMENT_FILE = 'environment.yaml';
const SYMLINK_MODE = '120000';
// Backstage's own rule for metadata.name: an environment named otherwise cannot even carry its error.
const ENTITY_NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;

/** What the provider needs of a repository: a tree listing and blob reads at one commit. */
export interface RepositorySnapshot {
  commit: string;
  listTree(root: string): Promise<GitTreeEntry[]>;
  readFile(filePath: string): Promise<Buffer>;
  /** The location of a file, as a Backstage location ref (`url:…` or `file:…`). */
  locationOf(filePath: string): string;
}

export interface ReadEnvironmentsResult {
  /** One entity per environment directory; broken ones carry their problem in an annotation. */
  entities: Entity[];
  /** Problems that could not be attached to an entity (the name itself is unusable). */
  unattachable: string[];
}

/**
 * Reads `<root>/<env>/environment.yaml` and the component directories `<root>/<env>/<component>/`
 * of one commit. A broken environment never stops the others: its problems are attached to its
 * entity and surface as a catalog processing error on it.
 */
export async function readEnvironments(
  snapshot: RepositorySnapshot,
  root: string,
): Promise<ReadEnvironmentsResult> {
  const entries = await snapshot.listTree(root);
  const byEnvironment = new Map<string, GitTreeEntry[]>();
  const prefix = `${root}/`;
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) {
      continue;
    }
    const [environment] = entry.path.slice(prefix.length).split('/');
    if (!byEnvironment.has(environment)) {
      byEnvironment.set(environment, []);
    }
    byEnvironment.get(environment)!.push(entry);
  }

  const entities: Entity[] = [];
  const unattachable: string[] = [];
  for (const [name, envEntries] of [...byEnvironment].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const directory = `${root}/${name}`;
    if (!envEntries.some(e => e.path === directory && e.type === 'tree')) {
      continue; // a file directly under the root, not an environment
    }
    const result = await readEnvironment(
      snapshot,
      directory,
      name,
      envEntries,
    ).catch((error: Error) => ({
      problems: [`could not be read: ${error.message}`],
    }));
    if ('entity' in result) {
      entities.push(result.entity);
    } else if (ENTITY_NAME.test(name)) {
      entities.push(
        brokenEnvironment(snapshot, directory, name, result.problems),
      );
    } else {
      unattachable.push(
        `Environment directory ${JSON.stringify(
          directory,
        )}: ${result.problems.join('; ')}`,
      );
    }
  }
  return { entities, unattachable };
}

async function readEnvironment(
  snapshot: RepositorySnapshot,
  directory: string,
  name: string,
  entries: GitTreeEntry[],
): Promise<{ entity: Entity } | { problems: string[] }> {
  const problems: string[] = [];
  const nameProblem = dns1123LabelProblem(name);
  if (nameProblem) {
    problems.push(`the directory name '${name}' ${nameProblem}`);
  }
  for (const entry of entries.filter(e => e.mode === SYMLINK_MODE)) {
    const target = (await snapshot.readFile(entry.path)).toString('utf8');
    if (leavesRepository(entry.path, target)) {
      problems.push(
        `symlink ${entry.path} points outside the repository (${target})`,
      );
    }
  }

  const deployments: Array<{ component: string; path: string }> = [];
  for (const entry of entries) {
    const relative = entry.path.slice(directory.length + 1);
    if (entry.type !== 'tree' || !relative || relative.includes('/')) {
      continue;
    }
    const problem = dns1123LabelProblem(relative);
    if (problem) {
      problems.push(`the component directory '${relative}' ${problem}`);
    } else {
      deployments.push({
        component: `component:default/${relative}`,
        path: entry.path,
      });
    }
  }

  const filePath = `${directory}/${ENVIRONMENT_FILE}`;
  const file = entries.find(e => e.path === filePath);
  let document: Record<string, any> | undefined;
  if (!file || file.type !== 'blob') {
    problems.push(`${filePath} is missing`);
  } else if (file.mode === SYMLINK_MODE) {
    problems.push(`${filePath} must be a file, not a symlink`);
  } else if ((file.size ?? 0) > MAX_ENVIRONMENT_FILE_BYTES) {
    problems.push(
      `${filePath} is ${file.size} bytes, over the limit of ${MAX_ENVIRONMENT_FILE_BYTES}`,
    );
  } else {
    const parsed = parseEnvironmentFile(
      (await snapshot.readFile(filePath)).toString('utf8'),
      filePath,
    );
    if (typeof parsed === 'string') {
      problems.push(parsed);
    } else {
      document = parsed;
    }
  }
  if (document) {
    if (
      document.apiVersion !== GITOPS_API_VERSION ||
      document.kind !== ENVIRONMENT_KIND
    ) {
      problems.push(
        `${filePath} must hold apiVersion ${GITOPS_API_VERSION}, kind ${ENVIRONMENT_KIND}`,
      );
    }
    const declared = document.metadata?.name;
    if (declared !== undefined && declared !== name) {
      problems.push(
        `${filePath} names the environment '${declared}', but its directory is '${name}'`,
      );
    }
  }
  if (problems.length > 0 || !document) {
    return { problems };
  }

  const metadata = document.metadata ?? {};
  return {
    entity: {
      ...document,
      apiVersion: GITOPS_API_VERSION,
      kind: ENVIRONMENT_KIND,
      metadata: {
        ...metadata,
        name,
        namespace: 'default',
        annotations: {
          ...metadata.annotations,
          ...annotationsFor(snapshot, directory),
        },
      },
      spec: { ...document.spec, deployments },
    },
  };
}

/** The YAML document as an object, or a message that says where it is broken. */
function parseEnvironmentFile(
  text: string,
  filePath: string,
): Record<string, any> | string {
  const { documents, errors } = parseYamlDocuments(text, filePath);
  if (errors.length > 0) {
    const [error] = errors;
    return `${filePath}${error.line ? ` line ${error.line}` : ''}: ${
      error.message
    }`;
  }
  const [document] = documents;
  if (
    documents.length !== 1 ||
    typeof document.value !== 'object' ||
    Array.isArray(document.value)
  ) {
    return `${filePath} must hold one YAML mapping (an Environment entity)`;
  }
  return document.value as Record<string, any>;
}

function leavesRepository(linkPath: string, target: string): boolean {
  if (path.posix.isAbsolute(target)) {
    return true;
  }
  const resolved = path.posix.normalize(
    path.posix.join(path.posix.dirname(linkPath), target),
  );
  return resolved === '..' || resolved.startsWith('../');
}

function annotationsFor(snapshot: RepositorySnapshot, directory: string) {
  const location = snapshot.locationOf(`${directory}/${ENVIRONMENT_FILE}`);
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_GITOPS_REVISION]: snapshot.commit,
    [ANNOTATION_GITOPS_PATH]: directory,
  };
}

function brokenEnvironment(
  snapshot: RepositorySnapshot,
  directory: string,
  name: string,
  problems: string[],
): Entity {
  return {
    apiVersion: GITOPS_API_VERSION,
    kind: ENVIRONMENT_KIND,
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        ...annotationsFor(snapshot, directory),
        [ANNOTATION_GITOPS_INGESTION_ERROR]: `Environment '${name}' in the GitOps repository: ${problems.join(
          '; ',
        )}`,
      },
    },
    spec: {},
  };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/*
 * The schemas are those of the kubernetes-models packages: ajv validators compiled from the
 * Kubernetes OpenAPI document, one per kind, behind each model class's validate(). Those packages
 * are ES modules only, which neither jest's CommonJS runtime nor the backend's CommonJS build can
 * require, so they run in a worker thread with Node's own module loader (as the kube-emulator's
 * conformance tests do). The worker is plain JavaScript evaluated from a string, so it needs no
 * transpilation in either setting.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const isObject = value =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const builtInGroups = new Set(
  readdirSync(workerData.models, { withFileTypes: true })
    .filter(e => e.isDirectory() && !e.name.startsWith('_'))
    .map(e => e.name),
);

async function check(object) {
  if (!isObject(object)) return { errors: ['is not an object'] };
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return { errors: ['apiVersion and kind are required strings'] };
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^[a-z0-9.-]*$/.test(group) || !/^v[a-z0-9]+$/.test(version))
    return { errors: ['apiVersion ' + JSON.stringify(apiVersion) + ' or kind ' + JSON.stringify(kind) + ' is malformed'] };
  const builtIn = group === '' ? version === 'v1' : builtInGroups.has(group);
  const file = path.join(workerData.models, group, version, kind + '.js');
  if (!existsSync(file)) {
    // A custom resource: no schema to check it against. A built-in group without the kind is a typo.
    return builtIn
      ? { errors: ['unknown kind ' + kind + ' in ' + apiVersion] }
      : { errors: [], unchecked: true };
  }
  const Model = (await import(pathToFileURL(file).href))[kind];
  try {
    new Model(object).validate();
    return { errors: [] };
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error;
    return {
      errors: error.errors.map(e => (e.instancePath || '/') + ' ' + e.message +
        (e.params && e.params.allowedValues ? ' (' + e.params.allowedValues.join(', ') + ')' : '')),
    };
  }
}

parentPort.on('message', async ({ id, object }) => {
  try {
    parentPort.postMessage({ id, result: await check(object) });
  } catch (error) {
    parentPort.postMessage({ id, failure: String((error && error.stack) || error) });
  }
});
`;

/** What the schemas say about one object. */
export interface SchemaCheckResult {
  /** One line per violation, each starting with a JSON pointer; empty when valid. */
  errors: string[];
  /** True for kinds without a published schema (custom resources), which pass unchecked. */
  unchecked?: boolean;
}

/** The folder of an installed package, found as Node would from `from`. */
function packageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Validates Kubernetes objects against the OpenAPI schemas of the built-in kinds.
 * One worker thread per validator, started on first use and ended by `close()` (an idle worker
 * does not keep the process alive).
 */
export class KubernetesSchemaValidator {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    {
      resolve: (result: SchemaCheckResult) => void;
      reject: (error: Error) => void;
    }
  >();

  private constructor(private readonly modelsDir: string) {}

  static create(): KubernetesSchemaValidator {
    // Found from this file (source, jest, or the built dist inside node_modules), then from cwd.
    // eslint-disable-next-line no-restricted-syntax
    const from = [__dirname, process.cwd()];
    for (const dir of from) {
      const found = packageDir('kubernetes-models', dir);
      if (found) return new KubernetesSchemaValidator(found);
    }
    throw new Error('Cannot find the kubernetes-models package');
  }

  check(object: unknown): Promise<SchemaCheckResult> {
    const worker = (this.worker ??= this.startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, object });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private startWorker(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { models: this.modelsDir },
    });
    worker.unref();
    worker.on('message', ({ id, result, failure }) => {
      const call = this.pending.get(id);
      this.pending.delete(id);
      if (failure !== undefined) call?.reject(new Error(failure));
      else call?.resolve(result);
    });
    worker.on('error', (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const call of this.pending.values()) call.reject(failure);
      this.pending.clear();
      this.worker = undefined;
    });
    return worker;
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { findUnknownFields } from './findUnknownFields';

/*
 * The schemas are those of the kubernetes-models packages: ajv validators compiled from the
 * Kubernetes OpenAPI document, one per kind, behind each model class's validate(). Those packages
 * are ES modules only (their exports have no "require" condition), which jest's CommonJS runtime
 * cannot load, so they run in a worker thread with Node's own module loader.
 */

/** Kinds of meta/v1 that have no group: they come from @kubernetes-models/apimachinery. */
const META_KINDS = [
  'APIGroup',
  'APIGroupList',
  'APIResourceList',
  'APIVersions',
  'DeleteOptions',
  'Status',
  'WatchEvent',
];

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const isObject = value =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^[a-z0-9.]*$/.test(group) || !/^v[a-z0-9]+$/.test(version))
    return undefined;
  const file =
    group === '' && workerData.metaKinds.includes(kind)
      ? path.join(workerData.apimachinery, 'apis', 'meta', 'v1', kind + '.js')
      : path.join(workerData.models, group, version, kind + '.js');
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href))[kind];
}

async function check(body, where) {
  if (!isObject(body)) return [where + ': not an object'];
  if (body.kind === undefined && 'type' in body && 'object' in body) {
    const WatchEvent = await modelFor('v1', 'WatchEvent');
    return [
      ...(await run(WatchEvent, body, where + ' (watch event)')),
      ...(await check(body.object, where + ' ' + body.type)),
    ];
  }
  if (body.kind === undefined && typeof body.gitVersion === 'string') {
    const { Info } = await import(
      pathToFileURL(path.join(workerData.apimachinery, 'version', 'Info.js')).href
    );
    return run(Info, body, where + ' version');
  }
  // The server sends APIVersions (GET /api) without an apiVersion.
  const apiVersion =
    body.apiVersion === undefined && workerData.metaKinds.includes(body.kind)
      ? 'v1'
      : body.apiVersion;
  if (typeof apiVersion !== 'string' || typeof body.kind !== 'string')
    return [where + ': kind and apiVersion are required'];
  const label = where + ' ' + apiVersion + ' ' + body.kind +
    (isObject(body.metadata) && body.metadata.name ? ' ' + body.metadata.name : '');
  let subject = body;
  if (body.kind.endsWith('List') && Array.isArray(body.items)) {
    // The server leaves kind and apiVersion out of a built-in list's items; the schemas want them.
    const kind = body.kind.slice(0, -4);
    subject = {
      ...body,
      items: body.items.map(item =>
        isObject(item) ? { apiVersion, kind, ...item } : item,
      ),
    };
  }
  const Model = await modelFor(apiVersion, body.kind);
  if (!Model) return [label + ': no OpenAPI schema for this kind'];
  return run(Model, subject, label);
}

async function run(Model, data, label) {
  try {
    new Model(data).validate();
    return [];
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error;
    return error.errors.map(
      e => label + ': ' + (e.instancePath || '/') + ' ' + e.message + ' ' + JSON.stringify(e.params),
    );
  }
}

parentPort.on('message', async ({ id, body }) => {
  try {
    parentPort.postMessage({ id, errors: await check(body, 'response') });
  } catch (error) {
    parentPort.postMessage({ id, failure: String(error && error.stack || error) });
  }
});
`;

/** The folder of an installed package, found as Node would from `from`. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`cannot find the package ${name}`);
  }
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<
  number,
  { resolve: (errors: string[]) => void; reject: (error: Error) => void }
>();

function startWorker(): Worker {
  // A test helper, run from its source: __dirname is where it is.
  // eslint-disable-next-line no-restricted-syntax
  const models = packageDir('kubernetes-models', __dirname);
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      models,
      apimachinery: packageDir('@kubernetes-models/apimachinery', models),
      metaKinds: META_KINDS,
    },
  });
  // Tests need not close it: an idle validator does not keep the process alive.
  started.unref();
  started.on('message', ({ id, errors, failure }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (failure !== undefined) call?.reject(new Error(failure));
    else call?.resolve(errors);
  });
  started.on('error', (error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
    worker = undefined;
  });
  return started;
}

/**
 * Validates a response body of the emulator against the Kubernetes OpenAPI schemas: an object of
 * a built-in kind, a list (its items get their kind and apiVersion back first, as the schemas
 * require them), a `Status`, a discovery document, `/version`, or a watch event (`{type, object}`).
 * Fields the schema does not define count as violations too (see findUnknownFields).
 * Resolves to the violations found, one line each; empty when the body is valid. A kind without
 * a schema (a custom resource) is reported as a violation too, so nothing passes unchecked.
 */
export function validateAgainstOpenApi(body: unknown): Promise<string[]> {
  worker ??= startWorker();
  const id = nextId++;
  const running = worker;
  const unknown = findUnknownFields(body).map(
    field => `response: ${field} is not a field of the schema`,
  );
  return new Promise<string[]>((resolve, reject) => {
    pending.set(id, {
      resolve: errors => resolve([...errors, ...unknown]),
      reject,
    });
    running.postMessage({ id, body });
  });
}

/** Ends the validator's worker thread (a later validation starts a new one). */
export async function closeOpenApiValidator(): Promise<void> {
  const running = worker;
  worker = undefined;
  await running?.terminate();
}

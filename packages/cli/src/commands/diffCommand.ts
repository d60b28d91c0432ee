import {
  aggregateHealth,
  DefaultResourceHealthChecker,
  diffResource,
  identityKey,
  KubernetesObject,
  KustomizeRenderer,
  loadManifests,
  resourceIdentity,
} from '@shipshape/plugin-gitops-node';
import { ShipshapeReportResource } from '@shipshape/plugin-gitops-common';
import {
  CommandOutcome,
  errorMessage,
  EXIT_FINDINGS,
  EXIT_INPUT_ERRORS,
  EXIT_OK,
  MAX_LIVE_FILE_BYTES,
} from './CommandOutcome';

/**
 * `shipshape diff`: each desired object against its live counterpart; live objects nothing in
 * Git declares are Extraneous.
 */
export async function diffCommand(options: {
  desired: string;
  live: string;
  namespace?: string;
  ignore: string[];
  kustomize?: string;
}): Promise<CommandOutcome> {
  const renderers = options.kustomize
    ? [KustomizeRenderer.create({ command: options.kustomize })]
    : [];
  const [desired, live] = await Promise.all([
    loadManifests(options.desired, { renderers }),
    loadManifests(options.live, { maxFileBytes: MAX_LIVE_FILE_BYTES }),
  ]);
  const errors = [...desired.errors, ...live.errors];
  const identityOptions = { defaultNamespace: options.namespace };
  const key = (object: KubernetesObject) =>
    identityKey(resourceIdentity(object, identityOptions));

  const liveByKey = new Map<string, KubernetesObject>();
  for (const { object, file, line } of live.manifests) {
    const objectKey = key(object);
    if (liveByKey.has(objectKey)) {
      errors.push({ file, line, message: `${objectKey} appears twice` });
    }
    liveByKey.set(objectKey, object);
  }
  const pairs: Array<
    [KubernetesObject | undefined, KubernetesObject | undefined]
  > = [];
  const declared = new Set<string>();
  for (const { object, file, line } of desired.manifests) {
    const objectKey = key(object);
    if (declared.has(objectKey)) {
      errors.push({ file, line, message: `${objectKey} is declared twice` });
      continue;
    }
    declared.add(objectKey);
    pairs.push([object, liveByKey.get(objectKey)]);
  }
  for (const [objectKey, object] of liveByKey) {
    if (!declared.has(objectKey)) pairs.push([undefined, object]);
  }

  const checker = DefaultResourceHealthChecker.create();
  const diffs: string[] = [];
  const resources: ShipshapeReportResource[] = pairs.map(([want, have]) => {
    const result = diffResource(want, have, {
      ...identityOptions,
      ignore: { pointers: options.ignore },
    });
    const health = checker.check(have);
    diffs.push(result.diff);
    const { identity } = result;
    return {
      apiVersion: (want ?? have)!.apiVersion,
      kind: identity.kind,
      ...(identity.namespace ? { namespace: identity.namespace } : {}),
      name: identity.name,
      sync: result.sync,
      ...(health ? { health } : {}),
      changes: result.changes,
    };
  });

  const synced = resources.every(r => r.sync === 'Synced');
  let exitCode = synced ? EXIT_OK : EXIT_FINDINGS;
  if (errors.length > 0) exitCode = EXIT_INPUT_ERRORS;
  return {
    report: {
      resources,
      errors: errors.map(e => ({ file: e.file, message: errorMessage(e) })),
      summary: {
        sync: synced ? 'Synced' : 'OutOfSync',
        health: aggregateHealth(resources.map(r => r.health)),
      },
    },
    diffs,
    exitCode,
  };
}

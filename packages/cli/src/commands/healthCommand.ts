import {
  aggregateHealth,
  DefaultResourceHealthChecker,
  loadManifests,
  resourceIdentity,
} from '@shipshape/plugin-gitops-node';
import {
  CommandOutcome,
  errorMessage,
  EXIT_FINDINGS,
  EXIT_INPUT_ERRORS,
  EXIT_OK,
  MAX_LIVE_FILE_BYTES,
} from './CommandOutcome';

/** `shipshape health`: the health of each live object, and of all of them. */
export async function healthCommand(options: {
  live: string;
  namespace?: string;
}): Promise<CommandOutcome> {
  const { manifests, errors } = await loadManifests(options.live, {
    maxFileBytes: MAX_LIVE_FILE_BYTES,
  });
  const checker = DefaultResourceHealthChecker.create();
  const resources = manifests.map(({ object }) => {
    const identity = resourceIdentity(object, {
      defaultNamespace: options.namespace,
    });
    const health = checker.check(object);
    return {
      apiVersion: object.apiVersion,
      kind: object.kind,
      ...(identity.namespace ? { namespace: identity.namespace } : {}),
      name: identity.name,
      ...(health ? { health } : {}),
    };
  });
  const summaryHealth = aggregateHealth(resources.map(r => r.health));
  let exitCode = summaryHealth === 'Healthy' ? EXIT_OK : EXIT_FINDINGS;
  if (errors.length > 0) exitCode = EXIT_INPUT_ERRORS;
  return {
    report: {
      resources,
      errors: errors.map(e => ({ file: e.file, message: errorMessage(e) })),
      summary: { health: summaryHealth },
    },
    diffs: [],
    exitCode,
  };
}

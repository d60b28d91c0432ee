import { parseArgs } from 'node:util';
import { diffCommand } from './commands/diffCommand';
import { healthCommand } from './commands/healthCommand';
import { formatText } from './formatText';

/** Where the command writes; injectable so tests run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  color: boolean;
}

export const USAGE = `Usage:
  yarn shipshape diff --desired <dir|file> --live <file> [--namespace <ns>] [--ignore <json-pointer>]... [--kustomize <binary>] [--format json|text]
  yarn shipshape health --live <file> [--format json|text]

  --desired    manifests from Git: a file, or a directory read recursively (YAML or JSON)
  --live       live objects: a List (as "kubectl get -o yaml" prints it) or multi-document YAML/JSON
  --namespace  namespace of namespaced objects that name none (default: "default")
  --ignore     a JSON pointer not to compare, e.g. /spec/replicas (repeatable)
  --kustomize  render directories with a kustomization through this binary (kustomize or kubectl);
               without it, a kustomization is reported as an input error
  --format     text (default) or json

Exit codes: 0 all synced (diff) or healthy (health); 1 drift, or anything not healthy;
2 bad input (the results for the valid inputs are still printed).
`;

/** Runs `shipshape <args>` and returns its exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (
    !command ||
    command === '--help' ||
    command === '-h' ||
    command === 'help'
  ) {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'diff' && command !== 'health') {
    io.stderr(`shipshape: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        desired: { type: 'string' },
        live: { type: 'string' },
        namespace: { type: 'string' },
        ignore: { type: 'string', multiple: true },
        kustomize: { type: 'string' },
        format: { type: 'string', default: 'text' },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.stderr(`shipshape: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const usageError = (message: string) => {
    io.stderr(`shipshape: ${message}\n\n${USAGE}`);
    return 2;
  };
  if (parsed.format !== 'json' && parsed.format !== 'text') {
    return usageError(`--format must be json or text, got '${parsed.format}'`);
  }
  if (!parsed.live) {
    return usageError('--live is required');
  }
  let outcome;
  if (command === 'diff') {
    if (!parsed.desired) {
      return usageError('--desired is required');
    }
    const badPointer = (parsed.ignore ?? []).find(p => !p.startsWith('/'));
    if (badPointer !== undefined) {
      return usageError(
        `--ignore takes JSON pointers starting with "/", got '${badPointer}'`,
      );
    }
    outcome = await diffCommand({
      desired: parsed.desired,
      live: parsed.live,
      namespace: parsed.namespace,
      ignore: parsed.ignore ?? [],
      kustomize: parsed.kustomize,
    });
  } else if (command === 'health') {
    outcome = await healthCommand({
      live: parsed.live,
      namespace: parsed.namespace,
    });
  } else {
    return usageError(`unknown command '${command}'`);
  }
  io.stdout(
    parsed.format === 'json'
      ? `${JSON.stringify(outcome.report, null, 2)}\n`
      : formatText(outcome, io.color),
  );
  return outcome.exitCode;
}

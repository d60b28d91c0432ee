import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { dns1123LabelProblem } from '@shipshape/plugin-gitops-common';
import { z } from 'zod';

/*
 * The scaffolder checks inputs against the JSON schema made from these, but the handler parses
 * them again: a direct call (tests, other actions) and the size limits must not depend on it.
 */

/*
 * Schemas used by several fields are functions that make a fresh schema each time: the JSON schema
 * made from a zod schema reused as is has `$ref`s ("#/properties/name") that the scaffolder's
 * input validator cannot resolve ("Invalid URL"), failing every run.
 */

/** A DNS-1123 label: environment, component and namespace names become paths and namespaces. */
export function dnsLabelSchema() {
  return z.string().superRefine((value, ctx) => {
    const problem = dns1123LabelProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `'${value}' ${problem}` });
    }
  });
}

/** An entity ref, e.g. `group:default/team-payments`; `kind` is the default kind. */
export function entityRefString(kind: string) {
  return z
    .string()
    .max(253)
    .superRefine((value, ctx) => {
      try {
        parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: 'default',
        });
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `'${value}' is not an entity ref: ${
            (error as Error).message
          }`,
        });
      }
    });
}

/** A Git branch name that is also safe in a ref path. */
export function branchNameSchema() {
  return z
    .string()
    .min(1)
    .max(200)
    .regex(
      /^(?!.*\.\.)(?!\/)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._\/-]+(?<![./])$/,
      'must be a Git branch name (letters, digits, ".", "_", "-", "/"; no "..")',
    );
}

/** The RepoUrlPicker value of the GitOps repository. */
export const repoUrl = z
  .string()
  .min(1)
  .max(500)
  .describe(
    'The GitOps repository, as RepoUrlPicker writes it: github.com?owner=org&repo=gitops',
  );

/** Parses an action's input with its schema; problems become one InputError naming each field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  action: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const field = issue.path.join('.').replace(/\.(\d+)/g, '[$1]');
      return field ? `${field}: ${issue.message}` : issue.message;
    });
    throw new InputError(`Invalid input of ${action}: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * Hands a schema made with this package's zod to createTemplateAction, which is typed against
 * its own copy of zod (structurally the same at runtime: both are zod v3 schemas, which it turns
 * into JSON schema). The handler parses its input again with {@link parseInput}.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function actionSchema(schema: z.ZodTypeAny): (zImpl: any) => any {
  return () => schema;
}

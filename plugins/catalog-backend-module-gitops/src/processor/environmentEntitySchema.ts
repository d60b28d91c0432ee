import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  dns1123LabelProblem,
  ENVIRONMENT_TYPES,
  EnvironmentEntityV1alpha1,
} from '@shipshape/plugin-gitops-common';
import { DateTime } from 'luxon';
import { z } from 'zod';

function entityRef(defaultKind: string) {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      try {
        const ref = parseEntityRef(value, { defaultKind });
        if (
          ref.kind.toLocaleLowerCase('en-US') !==
          defaultKind.toLocaleLowerCase('en-US')
        ) {
          ctx.addIssue({
            code: 'custom',
            message: `must refer to a ${defaultKind}, got '${value}'`,
          });
        }
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `is not an entity ref: ${(error as Error).message}`,
        });
      }
    });
}

const namespace = z.string().superRefine((value, ctx) => {
  const problem = dns1123LabelProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: `'${value}' ${problem}` });
  }
});

const environmentSpecSchema = z
  .object({
    type: z.enum(ENVIRONMENT_TYPES),
    owner: entityRef('Group'),
    lifecycle: z.string().min(1).optional(),
    clusters: z
      .array(z.object({ cluster: entityRef('Resource'), namespace }).strict())
      .min(1, 'an environment runs on at least one cluster'),
    promotesFrom: entityRef('Environment').optional(),
    expiresAt: z
      .string()
      .refine(
        value => DateTime.fromISO(value).isValid,
        'must be an ISO 8601 timestamp',
      )
      .optional(),
    approval: z
      .object({
        requiredApprovals: z.number().int().min(0),
        approvers: z.array(entityRef('Group')),
      })
      .strict()
      .optional(),
    deployments: z
      .array(
        z
          .object({
            component: entityRef('Component'),
            path: z.string().min(1),
          })
          .strict(),
      )
      .optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.type === 'preview' && !spec.expiresAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'is required for preview environments',
      });
    }
    if (
      spec.approval &&
      spec.approval.requiredApprovals > 0 &&
      spec.approval.approvers.length === 0
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval', 'approvers'],
        message: 'must name at least one group when approvals are required',
      });
    }
  });

/**
 * Checks an Environment entity's spec, with errors that name the offending field.
 *
 * @public
 */
export function validateEnvironmentEntity(
  entity: Entity,
): asserts entity is EnvironmentEntityV1alpha1 {
  const result = environmentSpecSchema.safeParse(entity.spec ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const field = ['spec', ...issue.path]
        .join('.')
        .replace(/\.(\d+)/g, '[$1]');
      return `${field}: ${issue.message}`;
    });
    throw new InputError(
      `Invalid Environment '${entity.metadata.name}': ${problems.join('; ')}`,
    );
  }
}

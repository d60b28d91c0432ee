import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ENVIRONMENT_TYPES,
  GITOPS_API_VERSION,
} from '@shipshape/plugin-gitops-common';
import { z } from 'zod';

const environmentSpecSchema = z.object({
  type: z.enum(ENVIRONMENT_TYPES),
  owner: z.string().min(1),
  lifecycle: z.string().min(1).optional(),
});

/**
 * An Environment entity as the catalog stores it.
 *
 * @public
 */
export interface EnvironmentEntityV1alpha1 extends Entity {
  apiVersion: typeof GITOPS_API_VERSION;
  kind: 'Environment';
  spec: z.infer<typeof environmentSpecSchema>;
}

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
    const problems = result.error.issues.map(
      issue => `spec.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new InputError(
      `Invalid Environment '${entity.metadata.name}': ${problems.join('; ')}`,
    );
  }
}

/**
 * The kinds of environment an Environment entity's `spec.type` may name.
 *
 * @public
 */
export const ENVIRONMENT_TYPES = [
  'development',
  'staging',
  'production',
  'preview',
] as const;

/** @public */
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

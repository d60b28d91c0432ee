import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** `gitops.teams`: how team summaries are computed. */
export interface TeamSummaryConfig {
  includeSubgroups: boolean;
  catalogCacheTtlMs: number;
}

/** Reads `gitops.teams` (see config.d.ts), with its defaults. */
export function readTeamSummaryConfig(config: Config): TeamSummaryConfig {
  const teams = config.getOptionalConfig('gitops.teams');
  const catalogCacheTtlMs = teams?.has('catalogCacheTtl')
    ? durationToMilliseconds(
        readDurationFromConfig(teams, { key: 'catalogCacheTtl' }),
      )
    : 30_000;
  if (!(catalogCacheTtlMs >= 0)) {
    throw new InputError('gitops.teams.catalogCacheTtl must not be negative');
  }
  return {
    includeSubgroups: teams?.getOptionalBoolean('includeSubgroups') ?? true,
    catalogCacheTtlMs,
  };
}

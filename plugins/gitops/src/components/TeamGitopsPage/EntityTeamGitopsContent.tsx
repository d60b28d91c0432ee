import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { TeamGitopsView } from './TeamGitopsView';

/**
 * The team view as a tab of a Group's entity page.
 *
 * @public
 */
export function EntityTeamGitopsContent(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  return (
    <TeamGitopsView
      groupRef={stringifyEntityRef(entity)}
      pollIntervalMs={props.pollIntervalMs}
    />
  );
}

import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content, Header, Page } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useParams } from 'react-router-dom';
import { TeamGitopsView } from './TeamGitopsView';

/**
 * Props of {@link TeamGitopsPage}.
 *
 * @public
 */
export interface TeamGitopsPageProps {
  /** Render Backstage's page chrome (header); the new frontend system's page has its own. */
  withHeader?: boolean;
  /** How often to poll the backend, in milliseconds; 0 turns polling off. Default 5000. */
  pollIntervalMs?: number;
}

/**
 * The team page of the Group named by the route's `:namespace` and `:name` parameters
 * (`/gitops/team/:namespace/:name`).
 *
 * @public
 */
export function TeamGitopsPage(props: TeamGitopsPageProps) {
  const { namespace = 'default', name = '' } = useParams();
  const groupRef = stringifyEntityRef({ kind: 'group', namespace, name });
  const view = (
    <TeamGitopsView groupRef={groupRef} pollIntervalMs={props.pollIntervalMs} />
  );
  if (props.withHeader === false) {
    return <Content>{view}</Content>;
  }
  return (
    <Page themeId="tool">
      <Header
        title={`Team ${name}`}
        subtitle={
          <>
            GitOps status of everything{' '}
            <EntityRefLink entityRef={groupRef} defaultKind="group" hideIcon />{' '}
            owns
          </>
        }
      />
      <Content>{view}</Content>
    </Page>
  );
}

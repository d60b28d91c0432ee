import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { isEnvironmentEntity } from '@shipshape/plugin-gitops-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { Fragment, ReactNode } from 'react';
import { parseExpiry, readEnvironment } from '../../lib/environments';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '10px',
    fontWeight: 'bold',
    letterSpacing: 0.5,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  value: {
    fontWeight: 'bold',
    overflow: 'hidden',
    lineHeight: '24px',
    wordBreak: 'break-word',
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  secondary: {
    color: theme.palette.text.secondary,
    fontWeight: 'normal',
  },
}));

/** A labelled value, laid out like the catalog's About card fields. */
function Field(props: { label: string; children: ReactNode; wide?: boolean }) {
  const { label, children, wide } = props;
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={wide ? 12 : 6} lg={wide ? 8 : 4}>
      <Typography variant="h2" className={classes.label}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" className={classes.value}>
        {children}
      </Typography>
    </Grid>
  );
}

function Unknown() {
  const classes = useStyles();
  return <span className={classes.secondary}>unknown</span>;
}

/**
 * An Environment's type, lifecycle, owner, clusters, promotion source, expiry and
 * approval policy.
 *
 * @public
 */
export function EnvironmentOverviewCard() {
  const { entity } = useEntity();
  const classes = useStyles();

  if (!isEnvironmentEntity(entity)) {
    return (
      <InfoCard title="Environment">
        <Typography variant="body2">
          This card shows Environment entities only.
        </Typography>
      </InfoCard>
    );
  }

  const environment = readEnvironment(entity);
  const expiry = environment.expiresAt
    ? parseExpiry(environment.expiresAt)
    : undefined;

  return (
    <InfoCard title="Environment">
      <Grid container spacing={3}>
        <Field label="Type">
          {environment.type ? (
            <Chip size="small" label={environment.type} />
          ) : (
            <Unknown />
          )}
        </Field>
        <Field label="Lifecycle">{environment.lifecycle ?? <Unknown />}</Field>
        <Field label="Owner">
          {environment.owner ? (
            <EntityRefLink entityRef={environment.owner} defaultKind="group" />
          ) : (
            <Unknown />
          )}
        </Field>
        <Field label="Clusters" wide>
          {environment.clusters.length > 0 ? (
            <ul className={classes.list} aria-label="Clusters">
              {environment.clusters.map((item, index) => (
                <li key={`${item.raw}-${item.namespace}-${index}`}>
                  {item.cluster ? (
                    <EntityRefLink
                      entityRef={item.cluster}
                      defaultKind="resource"
                    />
                  ) : (
                    item.raw || <Unknown />
                  )}
                  <span className={classes.secondary}> namespace </span>
                  <code>{item.namespace ?? 'unknown'}</code>
                </li>
              ))}
            </ul>
          ) : (
            <span className={classes.secondary}>No clusters</span>
          )}
        </Field>
        {environment.promotesFrom && (
          <Field label="Promotes from">
            <EntityRefLink
              entityRef={environment.promotesFrom}
              defaultKind="environment"
            />
          </Field>
        )}
        {environment.expiresAt && (
          <Field label="Expires">
            {expiry ? (
              <>
                <time dateTime={expiry.date.toISO() ?? environment.expiresAt}>
                  {expiry.date.toLocaleString(DateTime.DATETIME_MED)}
                </time>{' '}
                <Typography
                  component="span"
                  variant="body2"
                  color={expiry.expired ? 'error' : 'textSecondary'}
                >
                  ({expiry.relative})
                </Typography>
              </>
            ) : (
              <>
                {environment.expiresAt}{' '}
                <span className={classes.secondary}>(not a valid date)</span>
              </>
            )}
          </Field>
        )}
        <Field label="Approval" wide>
          {environment.approval &&
          environment.approval.requiredApprovals > 0 ? (
            <>
              {environment.approval.requiredApprovals}{' '}
              {environment.approval.requiredApprovals === 1
                ? 'approval'
                : 'approvals'}
              {environment.approval.approvers.length > 0 && ' from '}
              {environment.approval.approvers.map((approver, index) => (
                <Fragment
                  key={`${approver.kind}:${approver.namespace}/${approver.name}`}
                >
                  {index > 0 && ', '}
                  <EntityRefLink entityRef={approver} defaultKind="group" />
                </Fragment>
              ))}
            </>
          ) : (
            <span className={classes.secondary}>No approval required</span>
          )}
        </Field>
      </Grid>
    </InfoCard>
  );
}

import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Entity links separated by commas, or `empty` when there are none. */
export function EntityRefList(props: {
  refs: string[];
  defaultKind: string;
  hideIcon?: boolean;
  empty?: string;
}) {
  if (props.refs.length === 0) return <>{props.empty ?? ''}</>;
  return (
    <>
      {props.refs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ', '}
          <EntityRefLink
            entityRef={ref}
            defaultKind={props.defaultKind}
            hideIcon={props.hideIcon}
          />
        </span>
      ))}
    </>
  );
}

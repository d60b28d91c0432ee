import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ReactElement } from 'react';

/** Renders an entity card for `entity`, with entity links routed as in the catalog. */
export async function renderEntityCard(
  card: ReactElement,
  entity: Entity,
  catalogApi: typeof catalogApiRef.T,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The table's body rows, as arrays of cells. */
export function bodyRows(): HTMLElement[][] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell'));
}

/** The targets of the links inside `element`. */
export function hrefs(element: HTMLElement): (string | null)[] {
  return within(element)
    .queryAllByRole('link')
    .map(link => link.getAttribute('href'));
}

import { ResourceDiffResponse } from '@shipshape/plugin-gitops-common';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { resourceStatus } from '../../__testUtils__/gitopsTesting';
import { ResourceDiffViewer } from './ResourceDiffViewer';

const desired = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  replicas: 3',
  '  template: {}',
  '',
].join('\n');
const live = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  replicas: 5',
  '  paused: true',
  '  template: {}',
  '',
].join('\n');
const unified = [
  '--- desired',
  '+++ live',
  '@@ -1,5 +1,6 @@',
  ' apiVersion: apps/v1',
  ' kind: Deployment',
  ' spec:',
  '-  replicas: 3',
  '+  replicas: 5',
  '+  paused: true',
  '   template: {}',
  '',
].join('\n');

const deploymentDiff: ResourceDiffResponse = {
  resource: resourceStatus({
    sync: 'OutOfSync',
    changes: [
      { path: '/spec/replicas', desired: 3, live: 5 },
      { path: '/spec/paused', live: true },
      { path: '/metadata/labels/tier', desired: 'web', live: 'api' },
    ],
  }),
  desired,
  live,
  diff: unified,
};

/** The rows of a table as arrays of cell texts. */
function rowTexts(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('ResourceDiffViewer', () => {
  it('lists the changed fields with their desired and live values', async () => {
    await renderInTestApp(<ResourceDiffViewer diff={deploymentDiff} />);

    expect(
      rowTexts(screen.getByRole('table', { name: 'Changed fields' })),
    ).toEqual([
      ['/spec/replicas', '3', '5'],
      ['/spec/paused', 'absent', 'true'],
      ['/metadata/labels/tier', 'web', 'api'],
    ]);
  });

  it('shows the unified diff with a +/- marker on each changed line', async () => {
    await renderInTestApp(<ResourceDiffViewer diff={deploymentDiff} />);

    expect(screen.getByRole('button', { name: 'Unified' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const region = screen.getByRole('region', { name: 'Unified diff' });
    const lines = Array.from(region.children).map(line => ({
      kind: line.getAttribute('data-kind'),
      text: line.textContent,
    }));
    expect(lines).toEqual([
      { kind: 'header', text: '--- desired' },
      { kind: 'header', text: '+++ live' },
      { kind: 'hunk', text: '@@ -1,5 +1,6 @@' },
      { kind: 'context', text: ' apiVersion: apps/v1' },
      { kind: 'context', text: ' kind: Deployment' },
      { kind: 'context', text: ' spec:' },
      { kind: 'removed', text: '-  replicas: 3' },
      { kind: 'added', text: '+  replicas: 5' },
      { kind: 'added', text: '+  paused: true' },
      { kind: 'context', text: '   template: {}' },
    ]);
    expect(
      screen.queryByRole('table', { name: 'Side-by-side diff' }),
    ).not.toBeInTheDocument();
  });

  it('switches to desired and live side by side, lines aligned', async () => {
    await renderInTestApp(<ResourceDiffViewer diff={deploymentDiff} />);

    fireEvent.click(screen.getByRole('button', { name: 'Side by side' }));

    expect(
      screen.getByRole('button', { name: 'Side by side' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Unified' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    expect(
      screen.queryByRole('region', { name: 'Unified diff' }),
    ).not.toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Side-by-side diff' });
    expect(within(table).getAllByRole('columnheader')[0]).toHaveTextContent(
      'Desired (Git)',
    );
    expect(rowTexts(table)).toEqual([
      ['1', '', 'apiVersion: apps/v1', '1', '', 'apiVersion: apps/v1'],
      ['2', '', 'kind: Deployment', '2', '', 'kind: Deployment'],
      ['3', '', 'spec:', '3', '', 'spec:'],
      ['4', '-', '  replicas: 3', '4', '+', '  replicas: 5'],
      ['', '', '', '5', '+', '  paused: true'],
      ['5', '', '  template: {}', '6', '', '  template: {}'],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Unified' }));
    expect(
      screen.getByRole('region', { name: 'Unified diff' }),
    ).toBeInTheDocument();
  });

  it('notes that Secret values are masked, for Secrets only', async () => {
    const { unmount } = await renderInTestApp(
      <ResourceDiffViewer diff={deploymentDiff} />,
    );
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <ResourceDiffViewer
        diff={{
          resource: resourceStatus({
            kind: 'Secret',
            name: 'orders-db',
            changes: [{ path: '/data/password', desired: '***', live: '***' }],
          }),
          desired: 'data:\n  password: "***"\n',
          live: 'data:\n  password: "***"\n',
          diff: '',
        }}
      />,
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      /^Secret values are masked/,
    );
    expect(
      within(screen.getByRole('region', { name: 'Unified diff' })).getByText(
        'No differences.',
      ),
    ).toBeInTheDocument();
  });

  it('says which side an object is missing from', async () => {
    await renderInTestApp(
      <ResourceDiffViewer
        diff={{
          resource: resourceStatus({ sync: 'Extraneous', changes: [] }),
          live: 'kind: ConfigMap\n',
          diff: '--- desired\n+++ live\n@@ -0,0 +1 @@\n+kind: ConfigMap\n',
        }}
      />,
    );

    expect(
      screen.getByText(
        'Not declared in Git: the object exists only in the cluster.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No field-level changes.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Side by side' }));
    expect(
      rowTexts(screen.getByRole('table', { name: 'Side-by-side diff' })),
    ).toEqual([['', '', '', '1', '+', 'kind: ConfigMap']]);
  });
});

import {
  formatChangeRequestMarker,
  parseChangeRequestMarker,
} from './changeRequestMarker';

describe('change request marker', () => {
  const metadata = {
    action: 'create' as const,
    environmentRef: 'environment:default/preview-checkout',
    entityRefs: ['component:default/checkout'],
    requester: 'user:default/guest',
    reviewers: ['group:default/team-payments'],
  };

  it('round-trips through a pull request body', () => {
    const body = `## Plan\n\nsome text\n\n${formatChangeRequestMarker(
      metadata,
    )}\n`;
    expect(parseChangeRequestMarker(body)).toEqual(metadata);
  });

  it('never ends the HTML comment early', () => {
    const marker = formatChangeRequestMarker({
      ...metadata,
      requester: 'user:default/a-->b',
    });
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(parseChangeRequestMarker(marker)?.requester).toBe(
      'user:default/a-->b',
    );
  });

  it.each([
    ['no body', undefined],
    ['no marker', 'just a pull request'],
    ['broken JSON', '<!-- shipshape:change-request {"action": -->'],
    [
      'wrong shape',
      '<!-- shipshape:change-request {"action":"drop","environmentRef":"x","entityRefs":[]} -->',
    ],
  ])('ignores a body with %s', (_name, body) => {
    expect(parseChangeRequestMarker(body)).toBeUndefined();
  });
});

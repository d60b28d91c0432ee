import path from 'node:path';
import { buildDemoConfig, DEMO_GITHUB } from './buildDemoConfig';

describe('buildDemoConfig', () => {
  it('takes users and teams from the catalog org.yaml', () => {
    const root = path.resolve(__dirname, '../../../..');
    const config = buildDemoConfig(root);
    expect(config.organization).toBe('shipshape-demo');
    expect(config.port).toBe(7011);
    expect(config.repositories).toEqual([
      expect.objectContaining({
        name: 'gitops',
        path: path.join(root, '.demo/gitops-repo'),
        defaultBranch: 'main',
      }),
    ]);
    const logins = config.users!.map(u => u.login);
    expect(logins).toEqual(
      expect.arrayContaining([
        'ada-lovelace',
        'grace-hopper',
        'margaret-hamilton',
        'shipshape-bot',
      ]),
    );
    const storefront = config.teams!.find(t => t.slug === 'team-storefront');
    expect(storefront?.members).toEqual(['ada-lovelace', 'alan-turing']);
    expect(config.teams!.map(t => t.slug).sort()).toEqual([
      'team-payments',
      'team-platform',
      'team-storefront',
    ]);
    expect(config.tokens).toEqual({ [DEMO_GITHUB.botToken]: 'shipshape-bot' });
    expect(config.webhooks).toEqual([
      {
        url: 'http://localhost:7007/api/events/http/github',
        secret: 'shipshape-demo-webhook-secret',
      },
    ]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { GithubEmulatorOptions } from '../GithubEmulator';

/** The demo's fixed names, shared with app-config and the scripts. */
export const DEMO_GITHUB = {
  organization: 'shipshape-demo',
  repository: 'gitops',
  port: 7011,
  botLogin: 'shipshape-bot',
  botToken: 'shipshape-demo-github-token',
  webhookUrl: 'http://localhost:7007/api/events/http/github',
  webhookSecret: 'shipshape-demo-webhook-secret',
} as const;

const USER_ANNOTATION = 'github.com/user-login';
const TEAM_ANNOTATION = 'github.com/team-slug';

/**
 * The demo's emulator configuration: organization shipshape-demo with the repository gitops at
 * `<root>/.demo/gitops-repo`, users and teams from the catalog's org.yaml (their GitHub
 * annotations), the bot user with its token, and the webhook to the demo backend.
 */
export function buildDemoConfig(root: string): GithubEmulatorOptions {
  const orgFile = path.join(root, 'examples/catalog/org.yaml');
  const entities = parseAllDocuments(fs.readFileSync(orgFile, 'utf8'))
    .map(doc => doc.toJSON())
    .filter(Boolean);
  const users: NonNullable<GithubEmulatorOptions['users']> = [];
  const loginOf = new Map<string, string>();
  for (const entity of entities) {
    if (entity.kind !== 'User') continue;
    const login = entity.metadata?.annotations?.[USER_ANNOTATION];
    if (!login) continue;
    loginOf.set(entity.metadata.name, login);
    users.push({
      login,
      name: entity.spec?.profile?.displayName,
      email: entity.spec?.profile?.email,
    });
  }
  const teams: NonNullable<GithubEmulatorOptions['teams']> = [];
  for (const entity of entities) {
    if (entity.kind !== 'Group') continue;
    const annotation: string | undefined =
      entity.metadata?.annotations?.[TEAM_ANNOTATION];
    if (!annotation) continue;
    const [org, slug] = annotation.split('/');
    if (org !== DEMO_GITHUB.organization || !slug) continue;
    const members = entities
      .filter(
        (u: any) =>
          u.kind === 'User' &&
          loginOf.has(u.metadata.name) &&
          (u.spec?.memberOf ?? []).some(
            (g: string) =>
              g.replace(/^group:(default\/)?/, '') === entity.metadata.name,
          ),
      )
      .map((u: any) => loginOf.get(u.metadata.name)!);
    teams.push({
      slug,
      name: entity.spec?.profile?.displayName ?? entity.metadata.title ?? slug,
      description: entity.metadata.description,
      members,
    });
  }
  users.push({ login: DEMO_GITHUB.botLogin, name: 'Shipshape bot' });
  return {
    host: '127.0.0.1',
    port: DEMO_GITHUB.port,
    organization: DEMO_GITHUB.organization,
    repositories: [
      {
        name: DEMO_GITHUB.repository,
        path: path.join(root, '.demo/gitops-repo'),
        defaultBranch: 'main',
        description: 'The demo GitOps repository',
      },
    ],
    users,
    teams,
    tokens: { [DEMO_GITHUB.botToken]: DEMO_GITHUB.botLogin },
    webhooks: [
      { url: DEMO_GITHUB.webhookUrl, secret: DEMO_GITHUB.webhookSecret },
    ],
  };
}

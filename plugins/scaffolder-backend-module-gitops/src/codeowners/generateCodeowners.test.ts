import { generateCodeowners } from './generateCodeowners';

const HEADER_LINES = 3;

describe('generateCodeowners', () => {
  const handles = {
    'group:default/team-platform': '@shipshape-demo/team-platform',
    'group:default/team-payments': '@shipshape-demo/team-payments',
    'user:default/ada.lovelace': '@ada-lovelace',
  };

  it.each([
    {
      case: 'an environment and its components, env owners on every line',
      environments: [
        {
          name: 'dev',
          owners: ['group:default/team-platform'],
          components: [
            { name: 'payments', owners: ['group:default/team-payments'] },
            { name: 'inventory', owners: ['group:default/team-platform'] },
          ],
        },
      ],
      expected: [
        '',
        '/environments/dev/ @shipshape-demo/team-platform',
        '/environments/dev/inventory/ @shipshape-demo/team-platform',
        '/environments/dev/payments/ @shipshape-demo/team-platform @shipshape-demo/team-payments',
      ],
    },
    {
      case: 'environments sorted by name, users as @login',
      environments: [
        {
          name: 'staging',
          owners: ['user:default/ada.lovelace'],
          components: [],
        },
        {
          name: 'dev',
          owners: ['group:default/team-payments'],
          components: [],
        },
      ],
      expected: [
        '',
        '/environments/dev/ @shipshape-demo/team-payments',
        '',
        '/environments/staging/ @ada-lovelace',
      ],
    },
    {
      case: 'owners without a handle are listed, not written as owners',
      environments: [
        {
          name: 'qa',
          owners: ['group:default/team-ghost'],
          components: [
            { name: 'orders', owners: ['group:default/team-payments'] },
          ],
        },
      ],
      expected: [
        '',
        '# /environments/qa/ has no owner with a GitHub handle',
        '/environments/qa/orders/ @shipshape-demo/team-payments',
        '',
        '# Without a GitHub handle (github.com/team-slug or github.com/user-login): group:default/team-ghost',
      ],
    },
    { case: 'no environments', environments: [], expected: [] },
  ])('writes $case', ({ environments, expected }) => {
    const text = generateCodeowners({ environments, handles });
    const lines = text.split('\n');
    expect(lines.slice(0, HEADER_LINES).every(l => l.startsWith('# '))).toBe(
      true,
    );
    expect(lines.slice(HEADER_LINES)).toEqual([...expected, '']);
  });

  it('uses another root directory', () => {
    expect(
      generateCodeowners({
        environments: [
          {
            name: 'dev',
            owners: ['group:default/team-platform'],
            components: [],
          },
        ],
        handles,
        root: 'clusters',
      }),
    ).toContain('\n/clusters/dev/ @shipshape-demo/team-platform\n');
  });

  it.each([
    [
      { name: 'dev\n* @attacker', owners: [], components: [] },
      /Invalid environment name/,
    ],
    [{ name: '../x', owners: [], components: [] }, /Invalid environment name/],
    [
      { name: 'dev', owners: [], components: [{ name: 'a b', owners: [] }] },
      /Invalid component name/,
    ],
  ])(
    'refuses names that would inject lines or paths (%#)',
    (environment, message) => {
      expect(() =>
        generateCodeowners({ environments: [environment], handles }),
      ).toThrow(message);
    },
  );

  it('refuses a handle that is not one', () => {
    expect(() =>
      generateCodeowners({
        environments: [],
        handles: { 'group:default/x': '@org/team\n* @attacker' },
      }),
    ).toThrow(/Invalid GitHub handle/);
  });
});

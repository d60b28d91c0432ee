import { gitAuthEnvironment } from './gitAuthEnvironment';

const header = (token: string) =>
  `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString(
    'base64',
  )}`;

describe('gitAuthEnvironment', () => {
  it('adds nothing without a token', () => {
    expect(gitAuthEnvironment(undefined, {})).toEqual({});
    expect(gitAuthEnvironment('', {})).toEqual({});
  });

  it('passes the token as an extra HTTP header through git config variables', () => {
    expect(gitAuthEnvironment('ghs_abc', {})).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: header('ghs_abc'),
    });
  });

  it('keeps config the environment already passes that way', () => {
    expect(gitAuthEnvironment('ghs_abc', { GIT_CONFIG_COUNT: '2' })).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: 'http.extraHeader',
      GIT_CONFIG_VALUE_2: header('ghs_abc'),
    });
  });
});

import { dns1123LabelProblem } from './names';

describe('dns1123LabelProblem', () => {
  it.each(['dev', 'pr-123', 'a', '0prod', 'a'.repeat(63)])(
    'accepts %s',
    name => {
      expect(dns1123LabelProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ['', /empty/],
    ['a'.repeat(64), /at most 63/],
    ['Prod', /lower case/],
    ['-dev', /start and end/],
    ['dev-', /start and end/],
    ['..', /lower case/],
    ['../etc', /lower case/],
    ['/abs', /lower case/],
    ['dev.eu', /lower case/],
    ['dev\n', /lower case/],
  ])('rejects %j', (name, problem) => {
    expect(dns1123LabelProblem(name)).toMatch(problem);
  });
});

/* eslint-disable jest/no-export, jest/valid-title -- a shared table-driven test, called by each *.test.ts */
import { HealthStatus } from '@shipshape/plugin-gitops-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DefaultResourceHealthChecker } from '../DefaultResourceHealthChecker';

const TESTDATA = path.resolve(__dirname, '../testdata');

/** A test data file, and the health expected of it (undefined: the kind has no health). */
export type HealthCase = [
  file: string,
  status: HealthStatus | undefined,
  message: string | undefined,
];

/**
 * One table-driven test over real-shaped objects in testdata/ (one per file), plus a check that
 * every file with `prefix` has its row, so none goes silently untested.
 */
export function describeHealthCases(
  title: string,
  prefix: string,
  cases: HealthCase[],
) {
  describe(title, () => {
    const checker = DefaultResourceHealthChecker.create();

    it.each(cases)('%s is %s: %s', (file, status, message) => {
      const object = parse(fs.readFileSync(path.join(TESTDATA, file), 'utf8'));
      expect(checker.check(object)).toEqual(
        status === undefined ? undefined : { status, message },
      );
    });

    it(`has a row for every ${prefix}*.yaml in testdata, and one only`, () => {
      const files = fs
        .readdirSync(TESTDATA)
        .filter(file => file.startsWith(prefix) && file.endsWith('.yaml'))
        .sort();
      expect(cases.map(([file]) => file).sort()).toEqual(files);
    });
  });
}

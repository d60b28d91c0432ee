import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

/*
 * The YAML 1.2 core schema's resolution of plain scalars, exactly as the `yaml` package applies
 * it (its `core` schema), for js-yaml, whose own core schema is looser (it reads `0b101` and
 * `1_000` as numbers, for one). The expressions are the spec's (YAML 1.2.2, section 10.3.2), with
 * the package's choices: `parseInt` for integers, `parseFloat` for floats. js-yaml keeps one
 * implicit type per tag, so each tag's forms are tried in one resolver, in the package's order.
 */

type Form = [test: RegExp, construct: (text: string) => unknown];

/** `firstCharacters`: what the tag's forms can start with, to pass over most strings at once. */
const tagOf = (tag: string, firstCharacters: string, forms: Form[]) => {
  const formOf = (text: string) =>
    firstCharacters.includes(text.charAt(0))
      ? forms.find(([test]) => test.test(text))
      : undefined;
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => formOf(text ?? '') !== undefined,
    construct: (text: string | null) => formOf(text ?? '')![1](text ?? ''),
  });
};

const integer = (offset: number, radix: number) => (text: string) =>
  parseInt(text.substring(offset), radix);

/** The core schema for js-yaml: strings, sequences and mappings, then the scalars below. */
export const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    tagOf('null', '~nN', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    tagOf('bool', 'tTfF', [
      [
        /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
        text => text[0] === 't' || text[0] === 'T',
      ],
    ]),
    tagOf('int', '+-0123456789', [
      [/^0o[0-7]+$/, integer(2, 8)],
      [/^[-+]?[0-9]+$/, integer(0, 10)],
      [/^0x[0-9a-fA-F]+$/, integer(2, 16)],
    ]),
    tagOf('float', '+-.0123456789', [
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        text => {
          if (text.slice(-3).toLowerCase() === 'nan') return NaN;
          return text[0] === '-' ? -Infinity : Infinity;
        },
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
    ]),
  ],
});

#!/usr/bin/env node
// Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml: the spec as a TypeScript
// constant, which createValidatedOpenApiRouter types the routes from. Run after editing the YAML
// (`yarn generate:openapi`); a test fails when the two differ.
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const schemaDir = path.join(__dirname, '..', 'src', 'schema');

function render() {
  const spec = parse(
    fs.readFileSync(path.join(schemaDir, 'openapi.yaml'), 'utf8'),
  );
  return `// Generated from openapi.yaml by scripts/generate-openapi-spec.js. Do not edit.
/* eslint-disable */

export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
}

module.exports = { render };

if (require.main === module) {
  fs.writeFileSync(path.join(schemaDir, 'openapi.generated.ts'), render());
}

// @ts-check
// Generates src/api/schema.d.ts from the committed OpenAPI document (../openapi/openapi.json), or checks that
// the committed file is what generation produces now.
//
//   node scripts/api-types.mjs --write   regenerate (npm run generate)
//   node scripts/api-types.mjs --check   exit 1 when the committed file is stale (part of npm test)
//
// OPENAPI_SPEC=FILE reads another copy of the document instead (for instance the committed one, `git show
// HEAD:openapi/openapi.json`, while the working tree holds someone's unfinished change).
//
// Both modes go through this one function, so `--check` can never disagree with what `--write` would write.
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';

const specUrl = process.env.OPENAPI_SPEC
  ? pathToFileURL(process.env.OPENAPI_SPEC)
  : new URL('../../openapi/openapi.json', import.meta.url);
const outUrl = new URL('../src/api/schema.d.ts', import.meta.url);

async function generate() {
  const ast = await openapiTS(specUrl);
  return COMMENT_HEADER + astToString(ast);
}

const mode = process.argv[2];
if (mode !== '--write' && mode !== '--check') {
  console.error('usage: node scripts/api-types.mjs --write | --check');
  process.exit(2);
}

const generated = await generate();
if (mode === '--write') {
  await writeFile(outUrl, generated);
  console.log('api-types: wrote src/api/schema.d.ts');
} else {
  const committed = await readFile(outUrl, 'utf8').catch(() => '');
  if (committed !== generated) {
    console.error(
      'api-types: src/api/schema.d.ts is stale: it differs from what ../openapi/openapi.json generates.\n' +
        'Run `npm run generate` and commit the result.',
    );
    process.exit(1);
  }
  console.log('api-types: src/api/schema.d.ts matches ../openapi/openapi.json');
}

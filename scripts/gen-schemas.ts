// Regenerates store/schema/*.json from the zod schemas in src/store/schema.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonSchemaFiles } from '../src/store/json-schemas.ts';

const dir = resolve(import.meta.dir, '..', 'store', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote store/schema/${name}`);
}

// JSON Schemas of the store's records, generated from the zod schemas so that other tools can
// read and write the store without this code. Written to store/schema/ by `npm run schemas`.
import { z } from 'zod';
import { recordSchemas } from './schema.ts';

export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [kind, schema] of Object.entries(recordSchemas)) {
    // io "input": what the store accepts on read (unknown extra fields are tolerated, for
    // forward compatibility), which is what a writer in another language must produce.
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    const withId = { $id: `urn:claude-intercom:store:${kind}:v1`, title: `claude-intercom ${kind} record`, ...json };
    files[`${kind}.schema.json`] = `${JSON.stringify(withId, null, 2)}\n`;
  }
  return files;
}

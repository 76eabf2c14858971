// store/schema/*.json are generated from the zod schemas; this fails when they drift.
import { expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaFiles } from '../src/store/json-schemas.ts';
import { REPO } from './helpers/paths.ts';
import { tmpDir } from './helpers/tmp.ts';
import { openIntercom } from '../src/intercom/index.ts';
import { registerLive } from './helpers/store.ts';

const dir = join(REPO, 'store', 'schema');

test('the committed JSON Schemas match the zod schemas (run `npm run schemas` after changing a record)', () => {
  const generated = jsonSchemaFiles();
  expect(readdirSync(dir).sort()).toEqual(Object.keys(generated).sort());
  for (const [name, text] of Object.entries(generated)) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
});

test('records the store really writes validate against the published JSON Schemas', async () => {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const { default: addFormats } = await import('ajv-formats');
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const validate = (kind: string, value: unknown) => {
    const id = `urn:claude-intercom:store:${kind}:v1`;
    const check = ajv.getSchema(id) ?? ajv.compile(JSON.parse(readFileSync(join(dir, `${kind}.schema.json`), 'utf8')));
    return check(value) ? 'valid' : ajv.errorsText(check.errors);
  };
  const root = join(tmpDir('intercom-schema-'), 'store');
  const store = await openIntercom({ root });
  const agent = await registerLive(store, { project: 'p', projectRoot: root });
  await store.agents.setActivity(agent.code, 'busy');
  const { message } = await store.send({ sender: { kind: 'human' }, to: agent.code, body: 'hello' });
  const onDisk = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
  expect(validate('message', onDisk(`mail/${agent.code}/new/${message.id}.json`))).toBe('valid');
  expect(validate('agent', onDisk(`agents/${agent.code}.json`))).toBe('valid');
  const [event] = readdirSync(join(root, 'activity', agent.code));
  expect(validate('activity', onDisk(`activity/${agent.code}/${event}`))).toBe('valid');
  expect(validate('store', onDisk('store.json'))).toBe('valid');
  // And the schemas do reject what the store would quarantine.
  expect(validate('message', { ...message, id: '../../etc/passwd' })).toContain('pattern');
});

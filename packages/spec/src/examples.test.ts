import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  bundle,
  deref,
  type Json,
  type JsonObject,
  jsonMedia,
  mediaExamples,
  operations,
  readJson,
} from './contract';

// The bundle is registered whole and its schemas are compiled by JSON pointer, so every example is
// checked against exactly the schema a generated client or the sandbox sees.
const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(bundle as object, 'bundle');

const pointer = (path: Array<string | number>) =>
  `bundle#/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

const compiled = new Map<string, ValidateFunction>();
function compileRef(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  return validate;
}

function validatorAt(path: Array<string | number>, schema: JsonObject): ValidateFunction {
  return compileRef(typeof schema.$ref === 'string' ? `bundle${schema.$ref}` : pointer(path));
}

interface ExampleCase {
  where: string;
  value: Json;
  validate: ValidateFunction;
}

function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const { id, method, path, op } of operations()) {
    const base = ['paths', path, method];
    ((op.parameters ?? []) as Json[]).forEach((p, i) => {
      const param = deref(p);
      if (param.example === undefined) return;
      const where = `${id} parameter ${param.name}`;
      const at =
        typeof (p as JsonObject).$ref === 'string'
          ? [...((p as JsonObject).$ref as string).slice(2).split('/'), 'schema']
          : [...base, 'parameters', i, 'schema'];
      cases.push({ where, value: param.example, validate: validatorAt(at, param.schema as JsonObject) });
    });
    if (op.requestBody) {
      for (const [type, media] of jsonMedia(deref(op.requestBody))) {
        for (const [name, value] of mediaExamples(media)) {
          cases.push({
            where: `${id} request ${type} ${name}`,
            value,
            validate: validatorAt([], media.schema as JsonObject),
          });
        }
      }
      const form = (deref(op.requestBody).content as JsonObject)['application/x-www-form-urlencoded'] as
        | JsonObject
        | undefined;
      for (const [name, value] of form ? mediaExamples(form) : []) {
        cases.push({
          where: `${id} request form ${name}`,
          value,
          validate: validatorAt([], form!.schema as JsonObject),
        });
      }
    }
    for (const [status, r] of Object.entries(op.responses as JsonObject)) {
      const response = deref(r);
      for (const [type, media] of jsonMedia(response)) {
        for (const [name, value] of mediaExamples(media)) {
          cases.push({
            where: `${id} ${status} ${type} ${name}`,
            value,
            validate: validatorAt([], media.schema as JsonObject),
          });
        }
      }
      for (const [headerName, h] of Object.entries((response.headers ?? {}) as JsonObject)) {
        const header = deref(h);
        if (header.example === undefined) continue;
        const at = [...((h as JsonObject).$ref as string).slice(2).split('/'), 'schema'];
        cases.push({
          where: `${id} ${status} header ${headerName}`,
          value: header.example,
          validate: validatorAt(at, header.schema as JsonObject),
        });
      }
    }
  }
  for (const [name, schema] of Object.entries((bundle.components as JsonObject).schemas as JsonObject)) {
    ((schema as JsonObject).examples as Json[] | undefined)?.forEach((value, i) => {
      cases.push({
        where: `schema ${name} example ${i}`,
        value,
        validate: compileRef(`bundle#/components/schemas/${name}`),
      });
    });
  }
  return cases;
}

const cases = collectExamples();

describe('examples of the contract', () => {
  it('are numerous enough to cover every operation', () => {
    expect(cases.length).toBeGreaterThan(250);
  });

  it.each(cases.map((c) => [c.where, c] as const))(
    '%s validates against its schema',
    (_, { value, validate }) => {
      const valid = validate(value);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('catches an example that breaks its schema (the check can fail)', () => {
    const validate = compileRef('bundle#/components/schemas/Receipt');
    const receipt = deref(((bundle.components as JsonObject).examples as JsonObject).BatchResult)
      .value as JsonObject;
    expect(validate(receipt.receipt)).toBe(true);
    expect(validate({ ...(receipt.receipt as JsonObject), alg: 'RS256' })).toBe(false);
    expect(validate({ ...(receipt.receipt as JsonObject), hash: 'not-hex' })).toBe(false);
  });
});

describe('JSON Schema files', () => {
  // Strict: the files are meant for editors and other validators, not only for the bundle.
  const strict = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  addFormats(strict);
  const files = ['catalog-entry', 'field-mapping', 'unsilo-config'] as const;
  for (const file of files) {
    strict.addSchema(
      readJson(`schemas/${file}.schema.json`) as object,
      `https://unsilo.test/schemas/${file}.schema.json`,
    );
  }
  const validator = (file: (typeof files)[number]) =>
    strict.getSchema(`https://unsilo.test/schemas/${file}.schema.json`) as ValidateFunction;

  it.each(files)('%s.schema.json compiles strictly and its own examples validate', (file) => {
    const schema = readJson(`schemas/${file}.schema.json`);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = validator(file);
    for (const example of schema.examples as Json[]) {
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('accepts the catalogue entry example of the OpenAPI document', () => {
    const example = deref(((bundle.components as JsonObject).examples as JsonObject).CatalogEntry).value;
    expect(validator('catalog-entry')(example)).toBe(true);
  });

  it('refuses entries outside the vocabularies and code formats', () => {
    const validate = validator('catalog-entry');
    const entry = (readJson('schemas/catalog-entry.schema.json').examples as JsonObject[])[0]!;
    const broken = (patch: JsonObject) => validate({ ...entry, ...patch });
    expect(broken({ code: '3070/12' })).toBe(false);
    expect(broken({ updateCycle: '每日' })).toBe(false);
    expect(broken({ share: { type: '有条件共享' } })).toBe(false);
    expect(broken({ items: [{ name: '性别', key: 'xb', type: 'X' }] })).toBe(false);
    expect(broken({ items: [{ name: '姓名', key: 'xm', type: 'C', check: ['nickname'] }] })).toBe(false);
    expect(broken({ provider: { name: '某市公安局', code: '11330100MB000001IO' } })).toBe(false);
    expect(broken({ publishedAt: '2017年11月10日' })).toBe(false);
    // Unknown keys are the linter's business (schema/unknown-field, a warning), not a schema error.
    expect(broken({ remark: 'x' })).toBe(true);
  });

  it('refuses mappings that fill a field two ways or name an unknown transform', () => {
    const validate = validator('field-mapping');
    const mapping = (readJson('schemas/field-mapping.schema.json').examples as JsonObject[])[0]!;
    const withField = (rule: Json) => validate({ ...mapping, fields: { xm: rule } });
    expect(withField({ from: 'XM', value: '张三' })).toBe(false);
    expect(withField({ transform: ['trim'] })).toBe(false);
    expect(withField({ from: 'XM', transform: ['titlecase'] })).toBe(false);
    expect(withField({ from: 'MZ', codes: { codeset: 'GB/T 3304', by: 'name' } })).toBe(true);
    expect(withField({ from: 'MZ', codes: { codeset: 'GB/T 3304', by: 'label' } })).toBe(false);
    expect(withField({ from: ['XING', 'MING'], separator: '' })).toBe(true);
    expect(withField({ from: 'XM', transform: 'trim', check: { length: { max: 50 } } })).toBe(true);
    expect(withField({ default: '0' })).toBe(true);
    expect(validate({ ...mapping, source: { format: 'csv', encoding: 'big5' } })).toBe(false);
  });

  it('refuses config with an unknown severity or a secret', () => {
    const validate = validator('unsilo-config');
    expect(validate({ lint: { rules: { 'code/format': 'fatal' } } })).toBe(false);
    expect(validate({ exchange: { url: 'http://127.0.0.1:7300', clientId: 'gaj', clientSecret: 'x' } })).toBe(
      false,
    );
    expect(validate({ lint: { rules: { 'code/format': 'off' }, ignore: ['drafts/**'] } })).toBe(true);
  });

  it('describes the config files as the tools read them: rules under lint:, the city lists at the top', () => {
    const validate = validator('unsilo-config');
    for (const file of [
      '../../../test/fixtures/city-workspace/unsilo.config.yaml',
      '../../vscode-ext/test/fixtures/workspace/unsilo.config.yaml',
    ]) {
      const config = parseYaml(readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8'));
      expect(validate(config), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // Where the schema once put them: top-level rules are not read by the linter, so the schema refuses them.
    expect(validate({ rules: { 'code/format': 'off' } })).toBe(false);
  });

  it('takes evaluation weights and targets, and refuses unknown components or targets out of range', () => {
    const validate = validator('unsilo-config');
    const evaluation = (value: Json) => validate({ evaluation: value });
    expect(
      evaluation({
        weights: { coverage: 30, conflicts: 0 },
        targets: { entries: 2800, rowRejectRate: 0.02 },
      }),
    ).toBe(true);
    expect(evaluation({ weights: { speed: 10 } })).toBe(false);
    expect(evaluation({ weights: { coverage: -1 } })).toBe(false);
    expect(evaluation({ targets: { rowRejectRate: 1.5 } })).toBe(false);
    expect(evaluation({ targets: { entries: 2800.5 } })).toBe(false);
  });
});

describe('code set files', () => {
  // The lead's data files are what the exchange serves at /v1/codesets; the contract's schemas must describe
  // every member they carry, or generated clients would silently drop it.
  const index = readJson('codesets/index.json').codesets as JsonObject[];
  const schemas = (bundle.components as JsonObject).schemas as JsonObject;
  const known = (name: string) => new Set(Object.keys((deref(schemas[name]).properties ?? {}) as JsonObject));
  const summaryKeys = known('CodeSetSummary');
  const codeKeys = known('Code');

  it.each(index.map((entry) => [entry.id as string, entry] as const))(
    '%s conforms to CodeSet',
    (_, entry) => {
      const set = readJson(`codesets/${entry.file as string}`);
      const validate = compileRef('bundle#/components/schemas/CodeSet');
      expect(validate(set), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const { file: _file, ...summary } = entry;
      expect(compileRef('bundle#/components/schemas/CodeSetSummary')(summary)).toBe(true);
      expect(Object.keys(summary).filter((k) => !summaryKeys.has(k))).toEqual([]);
      expect(Object.keys(set).filter((k) => k !== 'codes' && !summaryKeys.has(k))).toEqual([]);
      const extra = new Set(
        (set.codes as JsonObject[]).flatMap((c) => Object.keys(c)).filter((k) => !codeKeys.has(k)),
      );
      expect([...extra]).toEqual([]);
    },
  );
});

// The official SARIF 2.1.0 schema check shared by the SARIF, fuzz and leak tests: the schema
// (draft 2020-12, the copy GitHub's upload-sarif bundles) shipped beside Microsoft's multitool.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// `ajv-formats` is CommonJS: its plugin is the module itself under NodeNext's default import.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The multitool's self-contained binary for this platform (`@microsoft/sarif-multitool` resolves it). */
export const multitool = require('@microsoft/sarif-multitool') as string;
export const sarifSchemaPath = path.join(path.dirname(multitool), 'sarif-2.1.0.json');

let validate: ReturnType<Ajv2020['compile']> | null = null;

/** Schema violations of a parsed SARIF log, as `instancePath message` lines; empty when valid. */
export function sarifSchemaErrors(doc: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(sarifSchemaPath, 'utf8')) as object);
  }
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

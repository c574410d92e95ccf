// Regenerates the README's rules table and schema/airlint.schema.json from the registry.
// Run with `npm run docs` (it builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { rulesTable } from '../dist/src/docs.js';
import { catalog } from '../dist/src/index.js';
import { renderConfigSchema } from '../dist/src/config/index.js';

const readmePath = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf('<!-- rules:start -->');
const end = readme.indexOf('<!-- rules:end -->');
if (start < 0 || end < 0) throw new Error('README.md lacks the <!-- rules:start --> / <!-- rules:end --> markers');
writeFileSync(readmePath, `${readme.slice(0, start)}<!-- rules:start -->\n${rulesTable()}\n${readme.slice(end)}`);
writeFileSync(new URL('../schema/airlint.schema.json', import.meta.url), renderConfigSchema(catalog()));
console.log('README.md rules table and schema/airlint.schema.json regenerated');

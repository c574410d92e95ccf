#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm run build`, run by `npm ci` via `prepare`).
import { run } from '../dist/src/cli/main.js';

process.exitCode = await run(process.argv.slice(2));

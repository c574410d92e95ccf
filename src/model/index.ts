// The model layer's public surface: build a file model from a parsed file, and read it.
import type { ParsedFile } from '../parse/parser.js';
import { interpret } from './interpret.js';
import type { FileModel } from './types.js';

export function buildFileModel(parsed: ParsedFile): FileModel {
  return interpret(parsed.root);
}

export * from './types.js';
export { effectiveArg, dagArg, argumentNames } from './effective.js';
export { stronglyConnected, cyclePath, roots, leaves, type Cycle } from './graph.js';
export { serializeModel } from './serialize.js';
export { strOf, render, pyTypeName, isKnown } from './values.js';
export { exclusive, taskLabel, asRetryCount, NO_OP_OPERATORS, airflowMajor } from './queries.js';

// The model layer's public surface: build a file model from a parsed file, and read it.
import type { ParsedFile } from '../parse/parser.js';
import { interpret, type InterpretOptions } from './interpret.js';
import { collectStrings, type StringBinding } from './strings.js';
import type { FileModel } from './types.js';

export function buildFileModel(parsed: ParsedFile, options: InterpretOptions = {}): FileModel {
  const model = interpret(parsed.root, options);
  let strings: StringBinding[] | null = null;
  model.strings = () => (strings ??= collectStrings(parsed, model.imports));
  return model;
}

export * from './types.js';
export type { InterpretOptions } from './interpret.js';
export type { StringBinding } from './strings.js';
export { effectiveArg, dagArg, argumentNames } from './effective.js';
export { components, stronglyConnected, cyclePath, roots, leaves, type Cycle } from './graph.js';
export { serializeModel } from './serialize.js';
export { strOf, render, pyTypeName } from './values.js';
export { exclusive, taskLabel, asRetryCount, NO_OP_OPERATORS, airflowMajor } from './queries.js';

// Datasets (Airflow 2) and assets (Airflow 3) as values: which asset a value names, and which assets a
// schedule or an `outlets=` list holds. Only literal identities count; anything else makes the list
// incomplete, so cross-DAG checks stay silent rather than guess.
import type { Range } from '../engine/types.js';
import type { Py, Value } from './types.js';
import { untemplatedStr } from './values.js';

export interface AssetRef {
  /** The identity consumers and producers are matched on: the URI, or the name when no URI is given. */
  key: string;
  loc: Range | null;
}

export interface AssetList {
  assets: AssetRef[];
  /** False when some item cannot be known (an alias, a reference by name only, a dynamic value). */
  complete: boolean;
}

const SINGLE = new Set(['Dataset', 'Asset']);
const ALL = new Set(['DatasetAll', 'AssetAll']);
const ANY = new Set(['DatasetAny', 'AssetAny']);
const OR_TIME: Record<string, string> = { DatasetOrTimeSchedule: 'datasets', AssetOrTimeSchedule: 'assets' };

function airflowClass(py: Py): string | null {
  if (py.t !== 'instance' || !py.qname.startsWith('airflow.')) return null;
  return py.qname.slice(py.qname.lastIndexOf('.') + 1);
}

/** True for a Dataset/Asset or a condition over them (`&`, `|`, DatasetAll/Any, AssetAll/Any). */
export function isAssetExpression(py: Py): boolean {
  const name = airflowClass(py);
  return name !== null && (SINGLE.has(name) || ALL.has(name) || ANY.has(name));
}

/** `a & b` / `a | b` between assets: Airflow builds AssetAll / AssetAny (DatasetAll / DatasetAny in 2.x). */
export function assetCondition(op: '&' | '|', a: Value, b: Value): Py {
  return { t: 'instance', qname: op === '&' ? 'airflow.sdk.AssetAll' : 'airflow.sdk.AssetAny', args: { positional: [a, b], kwargs: new Map(), splat: null } };
}

/** The literal string of an argument: undefined when it is not given, null when it is not a literal. */
function literal(v: Value | undefined): string | null | undefined {
  return v === undefined ? undefined : (untemplatedStr(v) ?? null);
}

/** Airflow drops the user info of an asset URI (`s3://user:secret@bucket/key` is `s3://bucket/key`). */
function withoutUserInfo(uri: string): string {
  return uri.replace(/^([a-zA-Z][\w+.-]*:\/\/)[^/@?#]*@/, '$1');
}

/** The identity of one Dataset/Asset: Dataset(uri); Asset(name, uri) where a missing uri defaults to the name. */
function singleKey(py: Extract<Py, { t: 'instance' }>, name: string): string | null {
  const { positional, kwargs, splat } = py.args;
  if (splat) return null;
  if (name === 'Dataset') {
    const uri = literal(positional[0] ?? kwargs.get('uri')?.value);
    return uri ? withoutUserInfo(uri) : null;
  }
  const uri = literal(positional[1] ?? kwargs.get('uri')?.value);
  if (uri !== undefined) return uri === null ? null : withoutUserInfo(uri);
  const assetName = literal(positional[0] ?? kwargs.get('name')?.value);
  return assetName ? withoutUserInfo(assetName) : null;
}

/** Every asset a schedule, an asset condition, or an `outlets=` value holds. */
export function assetsIn(v: Value | null | undefined): AssetList {
  const out: AssetList = { assets: [], complete: true };
  const visit = (x: Value, depth: number): void => {
    if (depth > 50 || x.k !== 'known') {
      out.complete = false;
      return;
    }
    const py = x.py;
    if (py.t === 'none') return;
    if (py.t === 'list') {
      for (const item of py.items) visit(item, depth + 1);
      return;
    }
    const name = airflowClass(py);
    if (py.t !== 'instance' || name === null) {
      out.complete = false;
      return;
    }
    if (SINGLE.has(name)) {
      const key = singleKey(py, name);
      if (key === null) out.complete = false;
      else out.assets.push({ key, loc: x.loc });
      return;
    }
    if (ALL.has(name) || ANY.has(name)) {
      if (py.args.splat) out.complete = false;
      for (const item of py.args.positional) visit(item, depth + 1);
      return;
    }
    const param = OR_TIME[name];
    if (param) {
      const slot = py.args.kwargs.get(param);
      if (slot) visit(slot.value, depth + 1);
      else out.complete = false;
      return;
    }
    out.complete = false;
  };
  if (v) visit(v, 0);
  return out;
}

import { defineRule } from '../src/engine/rule.js';
import { pyTypeName, strOf, type Value } from '../src/model/index.js';
import { groupKeyProblem, keyProblem, parseAirflowVersion, pyLength, showChars, MAX_KEY_LENGTH, type KeyProblem } from '../src/model/airflow-keys.js';
import { truthy } from '../src/model/values.js';
import type { Range } from '../src/engine/types.js';
import type { TaskModel } from '../src/model/types.js';

type Kind = 'dag_id' | 'task_id' | 'group_id';

/** Known values that are not strings (None is handled by the caller: a None group_id is the root group). */
function nonString(v: Value): string | undefined {
  if (v.k !== 'known') return undefined;
  return ['none', 'bool', 'int', 'float', 'list', 'dict', 'timedelta', 'datetime'].includes(v.py.t) ? pyTypeName(v.py) : undefined;
}

export default defineRule({
  id: 'invalid-id',
  category: 'structure',
  severity: 'error',
  recommended: true,
  fixable: false,
  summary: 'A literal dag_id, task_id or group_id that Airflow rejects: characters, length, or a dot in a group id.',
  messages: {
    chars: '{kind} "{id}" contains {chars}; Airflow allows only letters, digits, "_", "-"{dots}',
    length: '{kind} "{short}" is {length} characters long; Airflow allows at most {max}',
    fullLength: 'task_id "{short}" is {length} characters long with its task group prefix; Airflow allows at most {max}',
    empty: '{kind} is empty; Airflow requires at least one character',
    type: '{kind} must be a string, not {type}',
  },
  create(ctx) {
    const version = parseAirflowVersion(ctx.file.airflowVersion);
    const help = 'Airflow raises this error when it imports the file, so the DAG never reaches the scheduler';
    const short = (s: string): string => (pyLength(s) > 40 ? `${[...s].slice(0, 37).join('')}...` : s);
    const report = (kind: Kind, id: string, p: KeyProblem, at: Range, task: TaskModel | null = null): void => {
      if (p.kind === 'empty') ctx.report({ at, messageId: 'empty', data: { kind }, task, help });
      else if (p.kind === 'length') ctx.report({ at, messageId: 'length', data: { kind, short: short(id), length: p.length, max: p.max }, task, help });
      else {
        const dots = kind !== 'group_id' ? ' and "."' : p.chars.includes('.') ? ' (no "." in a group id: Airflow joins group and task ids with dots)' : '';
        ctx.report({ at, messageId: 'chars', data: { kind, id, chars: showChars(p.chars), dots }, task, help });
      }
    };
    const check = (kind: Kind, v: Value, at: Range, group: boolean, task: TaskModel | null = null): void => {
      const type = nonString(v);
      if (type && !(group && type === 'None')) return void ctx.report({ at, messageId: 'type', data: { kind, type }, task, help });
      const id = strOf(v);
      if (id === undefined) return;
      const p = group ? groupKeyProblem(id) : keyProblem(id);
      if (p) report(kind, id, p, at, task);
    };
    return {
      dag(dag) {
        // Airflow 2's @dag uses `dag_id or f.__name__`: a falsy dag_id silently becomes the function name.
        const falsy = dag.dagId.k === 'known' && truthy(dag.dagId.py) === false;
        if (!(dag.form === 'decorator' && falsy && version?.major !== 3)) check('dag_id', dag.dagId, dag.idLoc ?? dag.loc, false);
        for (const g of dag.groups) {
          const at = g.idLoc ?? g.loc;
          const prefix = g.prefixGroupId.k === 'known' ? truthy(g.prefixGroupId.py) : undefined;
          // Airflow 3 validates every group_id; Airflow 2 only prefixing ones (others must be a non-empty str).
          if (prefix === true || version?.major === 3) check('group_id', g.localId, at, true);
          else {
            const type = nonString(g.localId);
            if (type && type !== 'None') ctx.report({ at, messageId: 'type', data: { kind: 'group_id', type }, help });
            else if (strOf(g.localId) === '') ctx.report({ at, messageId: 'empty', data: { kind: 'group_id' }, help });
          }
        }
      },
      task(task) {
        const at = task.idLoc ?? task.loc;
        const local = strOf(task.localId);
        if (local === undefined || nonString(task.localId)) return check('task_id', task.localId, at, false, task);
        const p = keyProblem(local);
        if (p) return report('task_id', local, p, at, task);
        const full = strOf(task.taskId);
        if (full !== undefined && pyLength(full) > MAX_KEY_LENGTH) {
          ctx.report({ at, messageId: 'fullLength', data: { short: short(full), length: pyLength(full), max: MAX_KEY_LENGTH }, task, help });
        }
      },
    };
  },
});

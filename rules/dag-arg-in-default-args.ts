import { defineRule } from '../src/engine/rule.js';
import { dagArg, type Value } from '../src/model/index.js';

/**
 * Parameters of DAG that BaseOperator does not take, in Airflow 2.10/2.11 (`airflow/models/dag.py`,
 * `airflow/models/baseoperator.py`) and 3.0/3.3 (task-sdk `definitions/dag.py`, `bases/operator.py`).
 * BaseOperator copies from default_args only the names its __init__ signature declares, and DAG reads
 * none of these from default_args, so they configure nothing there. Left out on purpose: `dag_id` and
 * `description` (some provider operators take them), `render_template_as_native_obj` (a BaseOperator
 * argument since Airflow 3.1), `deadline` (a common operator argument name).
 */
const DAG_ONLY = new Set([
  'schedule',
  'schedule_interval',
  'timetable',
  'catchup',
  'max_active_runs',
  'max_active_tasks',
  'concurrency',
  'dagrun_timeout',
  'tags',
  'sla_miss_callback',
  'max_consecutive_failed_dag_runs',
  'is_paused_upon_creation',
  'fail_stop',
  'fail_fast',
  'default_view',
  'orientation',
  'access_control',
  'owner_links',
  'dag_display_name',
  'template_searchpath',
  'template_undefined',
  'user_defined_macros',
  'user_defined_filters',
  'jinja_environment_kwargs',
  'auto_register',
  'disable_bundle_versioning',
]);

export default defineRule({
  id: 'dag-arg-in-default-args',
  category: 'structure',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'A DAG-level argument (schedule, catchup, max_active_runs, tags...) inside default_args, where Airflow ignores it.',
  messages: {
    dag: '"{key}" in default_args does not configure the DAG: default_args only supply operator arguments; pass {key}= to the DAG itself',
    group: '"{key}" in a task group\'s default_args configures nothing: it is a DAG argument, and default_args only supply operator arguments',
    task: '"{key}" in an operator\'s default_args configures nothing: it is a DAG argument, and default_args only supply operator arguments',
  },
  create(ctx) {
    const reported = new Set<string>();
    const scan = (dict: Value | null | undefined, messageId: 'dag' | 'group' | 'task', skip?: (key: string) => boolean): void => {
      if (!dict || dict.k !== 'known' || dict.py.t !== 'dict') return;
      for (const entry of dict.py.entries) {
        if (!DAG_ONLY.has(entry.key) || !entry.loc || skip?.(entry.key)) continue;
        const id = `${entry.loc.line}:${entry.loc.column}`;
        if (reported.has(id)) continue;
        reported.add(id);
        const at = entry.loc;
        const data = { key: entry.key };
        const help = `move "${entry.key}" out of default_args into the DAG(...) or @dag(...) arguments`;
        if (messageId === 'dag') ctx.report({ at, messageId: 'dag', data, help });
        else if (messageId === 'group') ctx.report({ at, messageId: 'group', data, help });
        else ctx.report({ at, messageId: 'task', data, help });
      }
    };
    return {
      dag(dag) {
        const da = dagArg(dag, 'default_args');
        if (da.state === 'known') scan(da.value, 'dag');
        for (const g of dag.groups) scan(g.defaultArgs, 'group');
      },
      task(task) {
        // An operator may declare the name itself (EcsRunTaskOperator takes `tags`); only Airflow's own
        // operators are checked here, and never for `tags`.
        if (!task.operator.startsWith('airflow.') || task.classOpaque !== null) return;
        scan(task.ownDefaultArgs, 'task', (key) => key === 'tags');
      },
    };
  },
});

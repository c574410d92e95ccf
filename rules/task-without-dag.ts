import { defineRule } from '../src/engine/rule.js';
import { taskLabel } from '../src/model/index.js';

export default defineRule({
  id: 'task-without-dag',
  category: 'structure',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'An operator or @task call that is certainly attached to no DAG, so it never runs.',
  messages: {
    loose: 'task "{task}" is not attached to any DAG, so Airflow never schedules it',
    looseTaskflow: '@task "{task}" is called outside any DAG, so Airflow never schedules it',
  },
  create(ctx) {
    const help = 'create the task inside `with DAG(...)` or a @dag function, or pass dag=...; a task can also join a DAG through a dependency on one of its tasks';
    return {
      task(task) {
        // The model attaches tasks through dependencies, dag.add_task() and task.dag = ...; a task
        // that may still join a DAG some way airlint cannot follow carries a dagUnknown reason.
        if (task.dag || task.dagUnknown !== null) return;
        const data = { task: taskLabel(task) };
        if (task.decorator) ctx.report({ at: task.loc, messageId: 'looseTaskflow', data, task, help });
        else ctx.report({ at: task.loc, messageId: 'loose', data, task, help });
      },
    };
  },
});

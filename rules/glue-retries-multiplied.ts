import { defineRule } from '../src/engine/rule.js';
import type { Range } from '../src/engine/types.js';
import { effectiveArg, taskLabel } from '../src/model/index.js';
import { effectiveRetries, effectiveTruthy } from '../src/model/reliability.js';
import { argumentPlace, GLUE_JOB, lookupPath, operatorClass } from '../src/model/aws.js';

export default defineRule({
  id: 'glue-retries-multiplied',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'GlueJobOperator with Glue-side retries (retry_limit > 0) and Airflow retries > 0: every Airflow attempt starts a job run that Glue retries again.',
  messages: {
    multiplied:
      'task "{task}" retries its Glue job twice over: Glue retries each run {glue} time(s) and Airflow retries the task {airflow} time(s), so one bad input can start up to {runs} job runs',
  },
  create(ctx) {
    return {
      task(task) {
        if (operatorClass(task) !== GLUE_JOB) return;
        // Airflow retries the task only when a failed job run fails the task: it must wait for the run.
        const wait = effectiveTruthy(effectiveArg(task, 'wait_for_completion'));
        const defer = effectiveTruthy(effectiveArg(task, 'deferrable'));
        if (wait === undefined || defer === undefined || (wait === false && defer !== true)) return;
        const airflow = effectiveRetries(task);
        if (airflow === undefined || airflow <= 0) return;
        // GlueJobHook.create_glue_job_config: {"MaxRetries": retry_limit, **create_job_kwargs}.
        const kwargs = effectiveArg(task, 'create_job_kwargs');
        let glue: number | undefined;
        let at: Range | undefined;
        const related: { line: number; column: number; message: string }[] = [];
        if (kwargs.state === 'unknown') return;
        if (kwargs.state === 'known' && kwargs.value.py.t !== 'none') {
          const l = lookupPath(kwargs.value, ['MaxRetries']);
          if (l.state === 'unknown') return;
          if (l.state === 'found') {
            const v = l.entry.value;
            if (v.k !== 'known' || v.py.t !== 'int') return;
            glue = v.py.v;
            const place = argumentPlace(task, kwargs, 'create_job_kwargs');
            at = place.at;
            related.push(...place.related);
            if (l.entry.loc) related.push({ line: l.entry.loc.line, column: l.entry.loc.column, message: 'MaxRetries set here' });
          }
        }
        if (glue === undefined) {
          const limit = effectiveArg(task, 'retry_limit');
          if (limit.state !== 'known' || limit.value.py.t !== 'int') return;
          glue = limit.value.py.v;
          const place = argumentPlace(task, limit, 'retry_limit');
          at = place.at;
          related.push(...place.related);
        }
        if (glue <= 0 || !at) return;
        const retries = effectiveArg(task, 'retries');
        if (retries.state === 'known') related.push({ line: retries.loc.line, column: retries.loc.column, message: `retries=${airflow} set here` });
        ctx.report({
          at,
          messageId: 'multiplied',
          data: { task: taskLabel(task), glue, airflow, runs: (glue + 1) * (airflow + 1) },
          task,
          help: 'keep one retry layer: retry_limit=0 with Airflow retries (visible in the UI), or retries=0 on this task with Glue retries',
          related,
        });
      },
    };
  },
});

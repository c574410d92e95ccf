/**
 * Airflow's "might this file contain a DAG" pre-filter (`dag_discovery_safe_mode`, on by default).
 *
 * - Airflow 2 (`airflow/utils/file.py`, `might_contain_dag_via_default_heuristic`): the file's
 *   bytes, lower-cased, contain both `dag` and `airflow`.
 * - Airflow 3 (`shared/module_loading/src/airflow_shared/module_loading/dag_file.py`, same
 *   function name): they contain `airflow`, and `dag` or `asset` (a file of `@asset`-decorated
 *   functions defines DAGs without saying "dag").
 *
 * airlint accepts the union, which is Airflow 3's rule: every file Airflow 2 would parse passes,
 * and so do asset files, which Airflow 3 parses. (A file Airflow 2 would skip for lacking "dag"
 * is not linted for Airflow 2 then either way: it has no DAG.)
 *
 * Python lower-cases bytes, so only ASCII letters fold; a case-insensitive JS regex without the
 * `u` flag folds exactly those for these all-ASCII words. (Both versions also accept any zip
 * archive, which airlint does not lint.)
 */
const AIRFLOW = /airflow/i;
const DAG_OR_ASSET = /dag|asset/i;

export function mightContainDag(content: string): boolean {
  return AIRFLOW.test(content) && DAG_OR_ASSET.test(content);
}

import { defineRule } from '../src/engine/rule.js';
import { taskLabel } from '../src/model/index.js';
import { emrOverrides, entryRelated, listAt, lookupPath, strAt } from '../src/model/aws.js';

export default defineRule({
  id: 'emr-spot-primary-node',
  category: 'aws',
  severity: 'warning',
  recommended: true,
  fixable: false,
  summary: 'job_flow_overrides that run the EMR primary (MASTER) node on Spot capacity, which EC2 can reclaim at any time.',
  messages: {
    group: 'task "{task}" creates an EMR cluster whose MASTER instance group uses Market="SPOT": losing the primary node ends the cluster',
    fleet: 'task "{task}" creates an EMR cluster whose MASTER instance fleet asks for Spot capacity (TargetSpotCapacity={spot}): losing the primary node ends the cluster',
  },
  create(ctx) {
    return {
      task(task) {
        const cfg = emrOverrides(task);
        if (!cfg) return;
        const help = 'run the primary node ON_DEMAND (TargetOnDemandCapacity for fleets) and use Spot for TASK nodes';
        for (const group of listAt(cfg.dict, ['Instances', 'InstanceGroups']) ?? []) {
          const role = strAt(group, ['InstanceRole']);
          const market = strAt(group, ['Market']);
          if (!role || role === 'unknown' || role.value !== 'MASTER' || !market || market === 'unknown' || market.value !== 'SPOT') continue;
          const related = entryRelated(market.entry, 'Market="SPOT" set here');
          ctx.report({ at: cfg.carrier, messageId: 'group', data: { task: taskLabel(task) }, task, help, related });
        }
        for (const fleet of listAt(cfg.dict, ['Instances', 'InstanceFleets']) ?? []) {
          const type = strAt(fleet, ['InstanceFleetType']);
          const spot = lookupPath(fleet, ['TargetSpotCapacity']);
          if (!type || type === 'unknown' || type.value !== 'MASTER' || spot.state !== 'found') continue;
          const v = spot.entry.value;
          if (v.k !== 'known' || v.py.t !== 'int' || v.py.v <= 0) continue;
          const related = entryRelated(spot.entry, 'TargetSpotCapacity set here');
          ctx.report({ at: cfg.carrier, messageId: 'fleet', data: { task: taskLabel(task), spot: v.py.v }, task, help, related });
        }
      },
    };
  },
});

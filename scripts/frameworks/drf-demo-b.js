// The two frameworks of the DRF paper (Ghodsi et al., NSDI 2011, section 4) sharing one agent
// of <9 cpus, 18432 MB>. Run both against a single agent of that size:
//
//   mezzo local --agents 1 --resources 'cpus:9;mem:18432' \
//       --framework scripts/frameworks/drf-demo-a.js --framework scripts/frameworks/drf-demo-b.js
//
// A runs tasks of <1 cpu, 4096 MB> (dominant share: memory, 2/9 per task); B runs tasks of
// <3 cpus, 1024 MB> (dominant share: cpu, 1/3 per task). Each takes ONE task per offer and
// hands the rest straight back (refuseSeconds 0), so after every launch the allocator picks
// again, by lowest dominant share:
//   A 0 -> A 2/9; B 0 -> B 1/3; A 2/9 -> A 4/9; B 1/3 -> B 2/3; A 4/9 -> A 2/3.
// Now A holds <3, 12288>, B <6, 2048>: the cpus are gone, both dominant shares are 2/3 (the
// paper's equilibrium), and what is left, <0, 4096>, fits neither task.
//
// A framework that gets an offer its task does not fit has converged: it stops launching,
// remembers how many tasks it runs, and declines with a refuse filter long enough for the
// other framework to be offered the same leftover and converge as well. It finishes on the
// next offer it gets (finishing tears its tasks down, which frees resources; by then both
// have converged, so the freed resources change neither count).
// Expected results: A {"tasks": 3}, B {"tasks": 2}.

const TASK = { cpus: 3, mem: 1024 };
const CONVERGED_REFUSE_SECONDS = 5;

let launched = 0;   // tasks launched and not ended
let converged;      // the task count when the first offer did not fit

module.exports = {
  name: 'drf-demo-b',

  offers(offers, ctx) {
    for (const offer of offers) {
      if (converged !== undefined) {
        ctx.finish({ tasks: converged });
        return;
      }
      if (offer.cpus >= TASK.cpus && offer.mem >= TASK.mem) {
        ctx.launch(offer, [{ name: 'drf-demo-b', cpus: TASK.cpus, mem: TASK.mem, command: 'sleep 600' }],
          { refuseSeconds: 0 });
        launched++;
      } else {
        converged = launched;
        ctx.log(`converged with ${launched} tasks; offer left ${offer.cpus} cpus, ${offer.mem} mem`);
        ctx.decline(offer, { refuseSeconds: CONVERGED_REFUSE_SECONDS });
      }
    }
  },

  update(status, ctx) {
    if (['TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE'].includes(status.state)) {
      launched--;
      ctx.log(`task ${status.taskId} ended ${status.state}: ${status.message || ''}`);
    }
  },
};

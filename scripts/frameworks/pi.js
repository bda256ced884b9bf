// Monte Carlo estimate of pi across N JavaScript tasks, combined by the scheduler.
//
//   mezzo local --agents 2 --framework scripts/frameworks/pi.js --param tasks=8 --param samples=500000
//
// Each task (tasks/pi-task.js) draws `samples` points in the unit square from its own seeded
// generator and counts those inside the quarter circle; the scheduler adds the counts up.
// Task i always uses seed i, so the result is the same on every run.

const TASK = { cpus: 0.5, mem: 128 };
const GIVE_UP_AFTER = 3; // failed attempts of one part before the whole job gives up

let parts;          // how many tasks
let samples;        // samples per task
const waiting = []; // seeds not launched yet (a failed part goes back here)
const running = new Map(); // task id -> seed
const failures = new Map(); // seed -> failed attempts
let done = 0, inside = 0, total = 0;

function positiveInt(value, fallback, name) {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new TypeError(`param ${name} must be a positive integer, not ${value}`);
  return n;
}

module.exports = {
  name: 'pi',

  subscribed(ctx) {
    if (parts !== undefined) return; // re-subscribed after a master failover: keep going
    try {
      parts = positiveInt(ctx.params.tasks, 4, 'tasks');
      samples = positiveInt(ctx.params.samples, 200000, 'samples');
    } catch (e) {
      ctx.fail(e.message);
      return;
    }
    for (let seed = 1; seed <= parts; seed++) waiting.push(seed);
    ctx.log(`pi: ${parts} tasks of ${samples} samples`);
  },

  offers(offers, ctx) {
    for (const offer of offers) {
      const batch = [];
      let cpus = offer.cpus, mem = offer.mem;
      while (waiting.length > batch.length && cpus >= TASK.cpus && mem >= TASK.mem) {
        const seed = waiting[batch.length];
        batch.push({ name: 'pi', cpus: TASK.cpus, mem: TASK.mem, js: 'tasks/pi-task.js', args: { seed, samples } });
        cpus -= TASK.cpus;
        mem -= TASK.mem;
      }
      if (batch.length === 0) {
        ctx.decline(offer, { refuseSeconds: waiting.length === 0 ? 60 : 1 });
        continue;
      }
      const ids = ctx.launch(offer, batch);
      ids.forEach((id, i) => running.set(id, batch[i].args.seed));
      waiting.splice(0, batch.length);
    }
    if (waiting.length === 0) ctx.suppress(); // nothing more to place: stop receiving offers
  },

  update(status, ctx) {
    const seed = running.get(status.taskId);
    if (seed === undefined) return; // an update of a part already counted
    if (status.state === 'TASK_FINISHED') {
      running.delete(status.taskId);
      inside += status.data.inside;
      total += status.data.samples;
      if (++done === parts) {
        ctx.finish({ pi: 4 * inside / total, tasks: parts, samples: total });
      }
    } else if (['TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE'].includes(status.state)) {
      running.delete(status.taskId);
      const failed = (failures.get(seed) || 0) + 1;
      failures.set(seed, failed);
      ctx.log(`part ${seed} ended ${status.state}: ${status.message || ''}`);
      if (failed >= GIVE_UP_AFTER) {
        ctx.fail(`part ${seed} failed ${failed} times: ${status.message || status.state}`);
        return;
      }
      waiting.push(seed);
      ctx.revive();
    }
  },
};

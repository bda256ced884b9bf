// A list of shell commands, each retried when it fails.
//
//   mezzo local --agents 1 --framework scripts/frameworks/batch.js \
//       --param 'commands=["echo one","sleep 1","exit 3"]' --param retries=1
//
// Every command runs as its own task; a failed attempt is launched again, up to `retries`
// more times. The result lists each command with how many attempts it took, in the order the
// commands were given: {succeeded: [{command, attempts}], failed: [{command, attempts, state}]}.
// The default list has one command that always fails, to show the retries.

const DEFAULT_COMMANDS = ['echo hello from mezzo', 'test 2 -gt 1', 'false', 'uname -s > /dev/null'];
const TASK = { cpus: 0.1, mem: 32 };
const TERMINAL_FAILURES = ['TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE'];

let jobs;        // [{command, attempts, state}] in the given order
let retries;
const waiting = [];        // indexes of jobs to launch
const running = new Map(); // task id -> job index

function commands(param) {
  if (param === undefined) return DEFAULT_COMMANDS;
  const list = JSON.parse(param);
  if (!Array.isArray(list) || list.length === 0 || !list.every((c) => typeof c === 'string' && c.trim() !== '')) {
    throw new TypeError('param commands must be a JSON array of non-empty strings');
  }
  return list;
}

function finishIfDone(ctx) {
  if (!jobs.every((j) => j.state === 'succeeded' || j.state === 'failed')) return;
  ctx.finish({
    succeeded: jobs.filter((j) => j.state === 'succeeded').map((j) => ({ command: j.command, attempts: j.attempts })),
    failed: jobs.filter((j) => j.state === 'failed')
      .map((j) => ({ command: j.command, attempts: j.attempts, state: j.last })),
  });
}

module.exports = {
  name: 'batch',

  subscribed(ctx) {
    if (jobs !== undefined) return;
    try {
      jobs = commands(ctx.params.commands).map((command) => ({ command, attempts: 0, state: 'waiting' }));
      retries = ctx.params.retries === undefined ? 2 : Number(ctx.params.retries);
      if (!Number.isInteger(retries) || retries < 0) throw new TypeError('param retries must be an integer >= 0');
    } catch (e) {
      jobs = [];
      ctx.fail(e.message);
      return;
    }
    jobs.forEach((_, i) => waiting.push(i));
  },

  offers(offers, ctx) {
    for (const offer of offers) {
      const batch = [];
      let cpus = offer.cpus, mem = offer.mem;
      while (waiting.length > 0 && cpus >= TASK.cpus && mem >= TASK.mem) {
        const index = waiting.shift();
        jobs[index].attempts++;
        jobs[index].state = 'running';
        batch.push({ index, task: { name: `cmd-${index}`, cpus: TASK.cpus, mem: TASK.mem, command: jobs[index].command } });
        cpus -= TASK.cpus;
        mem -= TASK.mem;
      }
      if (batch.length === 0) {
        ctx.decline(offer, { refuseSeconds: 5 });
        continue;
      }
      const ids = ctx.launch(offer, batch.map((b) => b.task));
      ids.forEach((id, i) => running.set(id, batch[i].index));
    }
    if (waiting.length === 0) ctx.suppress();
  },

  update(status, ctx) {
    const index = running.get(status.taskId);
    if (index === undefined) return;
    const job = jobs[index];
    if (status.state === 'TASK_FINISHED') {
      running.delete(status.taskId);
      job.state = 'succeeded';
    } else if (TERMINAL_FAILURES.includes(status.state)) {
      running.delete(status.taskId);
      job.last = status.state;
      ctx.log(`'${job.command}' attempt ${job.attempts} ended ${status.state}: ${status.message || ''}`);
      if (job.attempts <= retries) {
        job.state = 'waiting';
        waiting.push(index);
        ctx.revive();
      } else {
        job.state = 'failed';
      }
    } else {
      return;
    }
    finishIfDone(ctx);
  },
};

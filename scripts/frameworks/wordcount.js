// Word count, Spark style: one map task per input split, then one reduce task.
//
//   mezzo local --agents 2 --framework scripts/frameworks/wordcount.js \
//       --param input=/data/a.txt,/data/b.txt
//   mezzo local --hdfs --agents 2 --framework scripts/frameworks/wordcount.js
//
// Without HDFS, `input` is a comma-separated list of text files that the agents can read
// (absolute paths: a task runs in its own sandbox directory). Each file is one split. A map
// task (tasks/wc-map.js) counts the words of its file; when every map is done, one reduce task
// (tasks/wc-reduce.js) gets all the counts in its args and merges them. A word is a
// lowercased run of letters, digits and apostrophes. The result:
// {words: <distinct words>, total: <words>, top: [[word, count] x 10]} (ties by word).
//
// With HDFS (ctx.hdfs.uri is set: `mezzo local --hdfs`, or --hdfs-default-fs), everything goes
// through hdfs:// instead. Without `input`, the framework uploads SAMPLE below to
// <fs>/mezzo/wordcount/<framework id>/input/ (`input` may name hdfs:// files instead). Each
// map reads its split from HDFS and writes its counts next to it (maps/map-<i>.json); the
// reduce reads those and writes result.json; the framework reads the result back and adds
// {read: [input URIs], wrote: [result URI]} to the summary.

const SAMPLE = [
  'It was the best of times, it was the worst of times, it was the age of wisdom,\n'
    + 'it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,\n',
  'it was the season of Light, it was the season of Darkness, it was the spring of hope,\n'
    + 'it was the winter of despair, we had everything before us, we had nothing before us,\n',
  'we were all going direct to Heaven, we were all going direct the other way.\n',
];

const TASK = { cpus: 0.5, mem: 256 };
const MAX_ATTEMPTS = 3;
const FAILED = ['TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE'];

let splits;                // file paths, or hdfs:// URIs
let base;                  // with HDFS: where this run's files go
let maps;                  // split index -> counts object (or, with HDFS, the URI of the map's output)
let mapsDone = 0;
const waiting = [];        // task objects to launch
const running = new Map(); // task id -> {task, attempt}
const attempts = new Map(); // task name -> attempts

/** The splits of an HDFS run: the `input` given, else the sample, uploaded first. */
function hdfsSplits(ctx) {
  base = `${ctx.hdfs.uri}/mezzo/wordcount/${ctx.frameworkId}`;
  const given = String(ctx.params.input || '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (given.length > 0) return given.map((p) => (p.startsWith('/') ? ctx.hdfs.uri + p : p));
  return SAMPLE.map((text, i) => ctx.hdfs.write(`${base}/input/part-${i}.txt`, text, true));
}

function summary(counts) {
  const entries = Object.entries(counts);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { words: entries.length, total, top: entries.slice(0, 10) };
}

module.exports = {
  name: 'wordcount',

  subscribed(ctx) {
    if (splits !== undefined) return;
    if (ctx.hdfs.uri !== null) {
      try {
        splits = hdfsSplits(ctx);
      } catch (e) {
        ctx.fail(`cannot prepare the input in HDFS: ${e.message}`);
        return;
      }
    } else {
      splits = String(ctx.params.input || '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    }
    if (splits.length === 0) {
      ctx.fail('param input must name at least one file (input=/path/a.txt,/path/b.txt)');
      return;
    }
    maps = new Array(splits.length);
    splits.forEach((path, i) => waiting.push({
      name: `map-${i}`, cpus: TASK.cpus, mem: TASK.mem, js: 'tasks/wc-map.js',
      args: base === undefined ? { split: i, path } : { split: i, path, output: `${base}/maps/map-${i}.json` },
    }));
  },

  offers(offers, ctx) {
    for (const offer of offers) {
      const batch = [];
      let cpus = offer.cpus, mem = offer.mem;
      while (waiting.length > batch.length && cpus >= TASK.cpus && mem >= TASK.mem) {
        batch.push(waiting[batch.length]);
        cpus -= TASK.cpus;
        mem -= TASK.mem;
      }
      if (batch.length === 0) {
        ctx.decline(offer, { refuseSeconds: 5 });
        continue;
      }
      waiting.splice(0, batch.length);
      ctx.launch(offer, batch).forEach((id, i) => running.set(id, batch[i]));
    }
    if (waiting.length === 0) ctx.suppress();
  },

  update(status, ctx) {
    const task = running.get(status.taskId);
    if (task === undefined) return;
    if (status.state === 'TASK_FINISHED') {
      running.delete(status.taskId);
      if (task.name === 'reduce') {
        if (base === undefined) {
          ctx.finish(summary(status.data));
        } else {
          const result = status.data.output;
          try {
            ctx.finish({ ...summary(JSON.parse(ctx.hdfs.read(result))), read: splits, wrote: [result] });
          } catch (e) {
            ctx.fail(`cannot read the result ${result}: ${e.message}`);
          }
        }
        return;
      }
      maps[task.args.split] = base === undefined ? status.data : status.data.output;
      if (++mapsDone === splits.length) {
        const args = base === undefined ? { parts: maps } : { parts: maps, output: `${base}/result.json` };
        waiting.push({ name: 'reduce', cpus: TASK.cpus, mem: TASK.mem, js: 'tasks/wc-reduce.js', args });
        ctx.revive();
      }
    } else if (FAILED.includes(status.state)) {
      running.delete(status.taskId);
      const tries = (attempts.get(task.name) || 1);
      ctx.log(`${task.name} attempt ${tries} ended ${status.state}: ${status.message || ''}`);
      if (tries >= MAX_ATTEMPTS) {
        ctx.fail(`${task.name} failed ${tries} times: ${status.message || status.state}`);
        return;
      }
      attempts.set(task.name, tries + 1);
      waiting.push(task);
      ctx.revive();
    }
  },
};

// One part of pi.js: counts how many of `args.samples` random points of the unit square fall
// inside the quarter circle. The generator (mulberry32) is seeded with `args.seed`, so a part
// gives the same answer wherever and however often it runs.
module.exports = function (args, task) {
  let state = args.seed >>> 0;
  function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  let inside = 0;
  for (let i = 0; i < args.samples; i++) {
    const x = random(), y = random();
    if (x * x + y * y <= 1) inside++;
  }
  task.log(`seed ${args.seed}: ${inside} of ${args.samples} inside`);
  return { inside, samples: args.samples };
};

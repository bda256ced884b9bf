// The reduce of wordcount.js: merges the counts of every map into one.
module.exports = function (args, task) {
  const merged = new Map();
  for (const part of args.parts) {
    for (const [word, n] of Object.entries(part)) merged.set(word, (merged.get(word) || 0) + n);
  }
  task.log(`merged ${args.parts.length} parts: ${merged.size} distinct words`);
  return Object.fromEntries(merged);
};

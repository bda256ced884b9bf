// The reduce of wordcount.js: merges the counts of every map into one. In an HDFS run, `parts`
// are the URIs of the maps' outputs and the merged counts go to `output`.
module.exports = function (args, task) {
  const hdfs = args.output !== undefined;
  const merged = new Map();
  for (const part of args.parts) {
    const counts = hdfs ? JSON.parse(task.hdfs.read(part)) : part;
    for (const [word, n] of Object.entries(counts)) merged.set(word, (merged.get(word) || 0) + n);
  }
  task.log(`merged ${args.parts.length} parts: ${merged.size} distinct words`);
  if (!hdfs) return Object.fromEntries(merged);
  task.hdfs.write(args.output, JSON.stringify(Object.fromEntries(merged)), true);
  return { output: args.output, words: merged.size };
};

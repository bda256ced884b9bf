// The map of wordcount.js: the words of one file and how often each occurs. With an `output`
// (an HDFS run), the file is read from HDFS and the counts are written to `output`; the task
// returns only where they are, so the status stays small.
module.exports = function (args, task) {
  const text = args.output === undefined ? task.readText(args.path) : task.hdfs.read(args.path);
  const counts = new Map(); // a Map, so words like "constructor" or "__proto__" are plain keys
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}']+/gu) || []) {
    counts.set(word, (counts.get(word) || 0) + 1);
  }
  task.log(`${args.path}: ${counts.size} distinct words`);
  if (args.output === undefined) return Object.fromEntries(counts);
  // Overwrite: an earlier attempt of this map may have written part of it.
  task.hdfs.write(args.output, JSON.stringify(Object.fromEntries(counts)), true);
  return { output: args.output, words: counts.size };
};

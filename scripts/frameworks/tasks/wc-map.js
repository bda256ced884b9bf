// The map of wordcount.js: the words of one file and how often each occurs.
module.exports = function (args, task) {
  const counts = new Map(); // a Map, so words like "constructor" or "__proto__" are plain keys
  for (const word of task.readText(args.path).toLowerCase().match(/[\p{L}\p{N}']+/gu) || []) {
    counts.set(word, (counts.get(word) || 0) + 1);
  }
  task.log(`${args.path}: ${counts.size} distinct words`);
  return Object.fromEntries(counts);
};

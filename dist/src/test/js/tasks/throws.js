// A JavaScript task that fails: its error and stack must reach the framework in the
// TASK_FAILED status's message.
function explode(what) {
  throw new Error("task says " + what);
}

module.exports = function (args, task) {
  explode(args.what);
};

// Launches one JavaScript task that throws, and finishes with what its status said.
let launched = false;
module.exports = {
  name: "throwing-task",
  offers(offers, ctx) {
    for (const offer of offers) {
      if (!launched && offer.cpus >= 0.1 && offer.mem >= 64) {
        ctx.launch(offer, [{ name: "thrower", cpus: 0.1, mem: 64, js: "tasks/throws.js", args: { what: "boom" } }]);
        launched = true;
      } else {
        ctx.decline(offer, { refuseSeconds: 60 });
      }
    }
  },
  update(status, ctx) {
    if (["TASK_FAILED", "TASK_FINISHED", "TASK_ERROR", "TASK_LOST"].includes(status.state)) {
      ctx.finish({ state: status.state, message: status.message || "" });
    }
  },
};

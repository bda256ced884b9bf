// A hosted framework that keeps one shell task running until it is stopped; used to show
// hot-loading by dropping this file into the deploy directory and stopping by deleting it.
let launched = false;
module.exports = {
  name: "long-running",
  offers(offers, ctx) {
    for (const offer of offers) {
      if (!launched && offer.cpus >= 0.1 && offer.mem >= 32) {
        ctx.launch(offer, [{ name: "sleeper", cpus: 0.1, mem: 32, command: "sleep 600" }]);
        launched = true;
      } else {
        ctx.decline(offer, { refuseSeconds: 60 });
      }
    }
  },
};

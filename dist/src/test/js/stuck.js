// A framework whose offers callback never returns. Mezzo must stop the callback after the
// callback limit, fail the framework and keep serving everyone else.
module.exports = {
  name: "stuck",
  offers(offers, ctx) {
    for (;;) {
    }
  },
};

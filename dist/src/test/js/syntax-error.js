// A framework with a syntax error on line 5: Mezzo must name the file and the line and
// register nothing.
module.exports = {
  name: "broken",
  offers(offers, ctx) { ctx.decline(offers[0] }
};

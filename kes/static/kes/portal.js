/* Start the design system's components; texts follow the page language. */
(function () {
  "use strict";
  var DKFDS = window.DKFDS;
  if (!DKFDS) { return; }
  if (document.documentElement.lang !== "en") { DKFDS.init(); return; }
  // DKFDS.init() would start the character counters with Danish texts: hide them from it.
  var limits = Array.prototype.slice.call(document.querySelectorAll(".form-limit"));
  limits.forEach(function (el) { el.classList.remove("form-limit"); });
  DKFDS.init();
  limits.forEach(function (el) {
    el.classList.add("form-limit");
    new DKFDS.CharacterLimit(el, {
      character_remaining: "You have {value} character left",
      characters_remaining: "You have {value} characters left",
      character_too_many: "You have {value} character too many",
      characters_too_many: "You have {value} characters too many"
    }).init();
  });
})();

/* The services step's filter: without JavaScript the grouped list is all there is; with it a
   search field hides the services that do not match, hides a topic with none left, and says
   how many are shown (a live region). Ticked services always stay visible. */
(function () {
  "use strict";
  var picker = document.querySelector("[data-service-picker]");
  if (!picker) { return; }
  var box = picker.querySelector("[data-service-filter]");
  var input = picker.querySelector("#service-filter");
  var count = picker.querySelector("#service-filter-count");
  var options = Array.prototype.slice.call(picker.querySelectorAll("[data-service-option]"));
  var groups = Array.prototype.slice.call(picker.querySelectorAll("[data-service-group]"));
  if (!box || !input || !count) { return; }
  box.hidden = false;
  var timer = null;
  function normalise(text) { return text.toLowerCase().replace(/\s+/g, " ").trim(); }
  function apply() {
    var words = normalise(input.value).split(" ").filter(Boolean);
    var shown = 0;
    options.forEach(function (option) {
      var text = option.getAttribute("data-search") || "";
      var ticked = option.querySelector("input").checked;
      var match = ticked || words.every(function (word) { return text.indexOf(word) !== -1; });
      option.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-service-option]:not([hidden])");
    });
    var text;
    if (!words.length) { text = ""; }
    else if (shown === 0) { text = count.getAttribute("data-count-none"); }
    else if (shown === 1) { text = count.getAttribute("data-count-one"); }
    else { text = count.getAttribute("data-count-many").replace("{n}", shown); }
    // A short pause, so a screen reader hears the count once typing stops.
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { count.textContent = text; }, 400);
  }
  input.addEventListener("input", apply);
  // Enter in the search field filters; it must not send the form.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); apply(); }
  });
})();

/* The decision form shows only the parts of the chosen outcome (elements with
   data-outcomes="outcome …"); without JavaScript every part shows and the server drops
   those of other outcomes. Before a choice, the parts wait hidden. */
(function () {
  var form = document.querySelector("[data-decision-form]");
  if (!form) return;
  var radios = form.querySelectorAll('input[name="outcome"]');
  var parts = form.querySelectorAll("[data-outcomes]");
  function show() {
    var chosen = form.querySelector('input[name="outcome"]:checked');
    var value = chosen ? chosen.value : "";
    parts.forEach(function (part) {
      part.hidden = part.getAttribute("data-outcomes").split(" ").indexOf(value) === -1;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", show); });
  show();
})();

/* Start the design system's components; texts follow the page language. */
/* The date picker's texts in English (the design system ships Danish ones only). */
var DATE_PICKER_EN = {
  open_calendar: "Open calendar",
  choose_a_date: "Choose a date",
  choose_a_date_between: "Choose a date between {minDay} {minMonthStr} {minYear} and {maxDay} {maxMonthStr} {maxYear}",
  choose_a_date_before: "Choose a date. You can choose up to {maxDay} {maxMonthStr} {maxYear}.",
  choose_a_date_after: "Choose a date. You can choose from {minDay} {minMonthStr} {minYear} onwards.",
  aria_label_date: "{dayStr} {day} {monthStr} {year}",
  current_month_displayed: "Showing {monthLabel} {focusedYear}",
  first_possible_date: "First date you can choose",
  last_possible_date: "Last date you can choose",
  previous_year: "Go back one year",
  previous_month: "Go back one month",
  next_month: "Go forward one month",
  next_year: "Go forward one year",
  select_month: "Choose month",
  select_year: "Choose year",
  previous_years: "Go back {years} years",
  next_years: "Go forward {years} years",
  guide: "With the keyboard, the left and right arrow keys change the day, up and down the week, page up and page down the month, and shift with page up or page down the year. Home and end go to the start or the end of a week.",
  months_displayed: "Choose a month",
  years_displayed: "Showing the years {start} to {end}. Choose a year.",
  january: "January", february: "February", march: "March", april: "April", may: "May",
  june: "June", july: "July", august: "August", september: "September", october: "October",
  november: "November", december: "December",
  monday: "Monday", tuesday: "Tuesday", wednesday: "Wednesday", thursday: "Thursday",
  friday: "Friday", saturday: "Saturday", sunday: "Sunday"
};
(function () {
  "use strict";
  var DKFDS = window.DKFDS;
  if (!DKFDS) { return; }
  var english = document.documentElement.lang === "en";
  // The date picker speaks Danish unless told otherwise; its calendar button then gets the
  // name of its field ("Open calendar: First day"), so two pickers on a page differ.
  if (english && DKFDS.datePicker) { DKFDS.datePicker.setLanguage(DATE_PICKER_EN); }
  function nameCalendarButtons() {
    var open = english ? DATE_PICKER_EN.open_calendar : "Åbn kalender";
    document.querySelectorAll(".date-picker").forEach(function (picker) {
      var button = picker.querySelector(".date-picker__button");
      var input = picker.querySelector(".date-picker__external-input");
      var label = input && input.id && document.querySelector("label[for='" + input.id + "']");
      if (!button || !label) { return; }
      var name = label.textContent.replace(/\s+/g, " ").trim();
      var fieldset = picker.closest("fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      if (legend && legend.textContent.trim() !== name) {
        name = legend.textContent.replace(/\s+/g, " ").trim() + " – " + name;
      }
      button.setAttribute("aria-label", open + ": " + name);
    });
  }
  if (!english) { DKFDS.init(); nameCalendarButtons(); return; }
  // DKFDS.init() would start the character counters with Danish texts: hide them from it.
  var limits = Array.prototype.slice.call(document.querySelectorAll(".form-limit"));
  limits.forEach(function (el) { el.classList.remove("form-limit"); });
  DKFDS.init();
  nameCalendarButtons();
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

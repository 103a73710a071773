// Keyboard help for every form: a page that comes back with problems puts the focus on its error summary, and a
// summary link to a field that a typeahead covers focuses the typeahead; a row added by "Add row" (htmx) gets the
// focus on its first field, so the keyboard continues where the new row is.
(function () {
  "use strict";

  var addedRows = null;

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    var details = field.closest("details");
    if (details) {
      details.open = true;
    }
    event.preventDefault();
    (field.tomselect ? field.tomselect : field).focus();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var button = event.detail.elt;
    addedRows = button && button.name === "add_row" ? button.value : null;
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!addedRows) {
      return;
    }
    var rowset = document.getElementById("rows-" + addedRows);
    addedRows = null;
    var rows = rowset ? rowset.querySelectorAll(".rowset__row") : [];
    if (rows.length) {
      var first = rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    }
  });
})();

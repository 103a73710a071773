// Typeahead for long choice lists (units, people, strategy goals, a booking's initiative and programme): every
// select[data-autocomplete] becomes a Tom Select (static/vendor/) that filters the choices in the page and asks the
// select's JSON endpoint (apps/core/options.py) for names in the other languages. Without JavaScript the plain
// select stays, every choice in it. A select[data-sectors-summary] also updates the "sectors taking part" line.
(function () {
  "use strict";

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  }

  function enhance(select) {
    if (select.tomselect || typeof TomSelect === "undefined") {
      return;
    }
    var url = select.getAttribute("data-autocomplete");
    var none = select.getAttribute("data-autocomplete-none") || "";
    var settings = {
      maxOptions: 50,
      searchField: ["text", "search"],  // "search": every language's name, sent by the endpoint
      closeAfterSelect: !select.multiple,
      clearAfterSelect: true,  // the next name is typed from scratch
      allowEmptyOption: !select.multiple,
      shouldLoad: function (query) { return query.length >= 2; },
      load: function (query, callback) {
        fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { callback(data.results); }, function () { callback(); });
      },
      render: {
        no_results: function () { return '<div class="no-results">' + escapeHtml(none) + "</div>"; }
      },
      onChange: function () { updateSummary(select.getAttribute("data-sectors-summary")); }
    };
    if (select.multiple) {
      settings.plugins = { remove_button: { title: select.getAttribute("data-autocomplete-remove") || "" } };
    }
    // A group is known by its label (the sector's name), as the endpoint names the group of each option it sends.
    select.querySelectorAll("optgroup").forEach(function (group) { group.setAttribute("data-value", group.label); });
    var control = new TomSelect(select, settings);
    // The typeahead is the field now: screen readers hear it (with the select's error state and help) and not the
    // hidden select, whose label Tom Select has moved to the typeahead.
    ["aria-invalid", "aria-describedby"].forEach(function (name) {
      if (select.hasAttribute(name)) {
        control.control_input.setAttribute(name, select.getAttribute(name));
      }
    });
    select.setAttribute("aria-hidden", "true");
  }

  function sectorsOf(select) {
    if (select.tomselect) {
      var control = select.tomselect;
      return control.items.map(function (value) { return (control.options[value] || {}).optgroup; });
    }
    var row = select.closest(".rowset__row");
    var removed = row && row.querySelector("input[name$='-DELETE']:checked");
    return removed ? [] : Array.prototype.map.call(select.selectedOptions, function (option) {
      var group = option.closest("optgroup");
      return group && option.value ? group.label : null;
    });
  }

  function updateSummary(id) {
    var summary = id && document.getElementById(id);
    if (!summary) {
      return;
    }
    var names = {};
    document.querySelectorAll("select[data-sectors-summary='" + id + "']").forEach(function (select) {
      sectorsOf(select).forEach(function (name) { if (name) { names[name] = true; } });
    });
    var sorted = Object.keys(names).sort(function (a, b) { return a.localeCompare(b); });
    summary.querySelector("[data-sectors-names]").textContent = sorted.join(", ") || summary.getAttribute("data-none");
  }

  function enhanceWithin(root) {
    root.querySelectorAll("select[data-autocomplete]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceWithin(document);
    document.querySelectorAll(".sectors-summary[id]").forEach(function (summary) { updateSummary(summary.id); });
  });
  document.addEventListener("htmx:afterSettle", function (event) { enhanceWithin(event.detail.elt || document); });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("select[data-sectors-summary]") && !target.tomselect) {
      updateSummary(target.getAttribute("data-sectors-summary"));
    } else if (target.matches(".rowset__row input[name$='-DELETE']")) {
      var select = target.closest(".rowset__row").querySelector("select[data-sectors-summary]");
      if (select) { updateSummary(select.getAttribute("data-sectors-summary")); }
    }
  });
})();

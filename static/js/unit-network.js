// Draws the unit or the person network (Cytoscape.js with the fCoSE layout) from the JSON the page embeds with json_script.
// The table below the picture has the same facts; this file only adds the picture and the click on a unit.
(function () {
  "use strict";

  // The n-th group's colour is the stylesheet's --chart-n; the group's number is in the label too, so the
  // picture never relies on colour alone.
  var COLOURS = 7;

  function colour(index) {
    var value = getComputedStyle(document.documentElement).getPropertyValue("--chart-" + (index % COLOURS + 1));
    return value.trim() || "#777";
  }

  // A diagonal hatch for culture units, as an image (the CSP allows data: images, not inline styles).
  var HATCH = "data:image/svg+xml;utf8," + encodeURIComponent(
    "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>" +
    "<path d='M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4' stroke='black' stroke-width='1.5' stroke-opacity='.55'/></svg>"
  );

  function showInitiatives(container, url, unitId, panel) {
    var target = url.replace("/0/", "/" + encodeURIComponent(unitId) + "/");
    fetch(target, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) { panel.innerHTML = html; })
      .catch(function () { panel.textContent = container.dataset.errorLabel || "–"; });
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.graph);
    if (!source || typeof cytoscape === "undefined") { return; }
    if (typeof cytoscapeFcose !== "undefined") { cytoscape.use(cytoscapeFcose); }
    var data = JSON.parse(source.textContent);
    var culture = container.dataset.cultureLabel;
    var group = container.dataset.groupLabel;
    var panel = document.getElementById("unit-initiatives");
    var elements = data.nodes.map(function (node) {
      var label = node.label + " (" + group + " " + (node.community + 1) + ")" + (node.culture ? " · " + culture : "") +
        (node.spanner ? " · " + container.dataset.spannerLabel : "");
      return { group: "nodes", data: {
        id: node.id, label: label, colour: colour(node.community), size: 18 + Math.min(node.ties, 20) * 2
      }, classes: (node.culture ? "culture" : "") + (node.hub ? " hub" : "") };
    }).concat(data.edges.map(function (edge, index) {
      return { group: "edges", data: {
        id: "e" + index, source: edge.source, target: edge.target, width: 1 + Math.min(edge.initiatives, 8)
      } };
    }));
    var cy = cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      // A small network is not blown up to fill the box (its labels would overlap).
      maxZoom: 1.5,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "wrap", "text-max-width": "140px",
          "color": "#1a1a1a", "text-background-color": "#fff", "text-background-opacity": 0.8,
          "border-width": 1, "border-color": "#1a1a1a"
        } },
        { selector: "node.culture", style: {
          "shape": "diamond", "background-image": HATCH, "background-repeat": "repeat",
          "background-width": "8px", "background-height": "8px"
        } },
        { selector: "node.hub", style: { "border-width": 5 } },
        { selector: "node:selected", style: { "overlay-opacity": 0.25, "overlay-color": "#000" } },
        { selector: "edge", style: { "width": "data(width)", "line-color": "#8a8a8a", "opacity": 0.6 } }
      ],
      layout: { name: typeof cytoscapeFcose !== "undefined" ? "fcose" : "cose", randomize: true, animate: false }
    });
    cy.on("tap", "node", function (event) {
      showInitiatives(container, container.dataset.initiativesUrl, event.target.id(), panel);
    });
    // Tests and keyboard users reach the same list from the table's links.
    container.unitNetwork = cy;
    document.querySelectorAll("a.unit-link").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        showInitiatives(container, container.dataset.initiativesUrl, link.dataset.unit, panel);
        var node = cy.getElementById(link.dataset.unit);
        cy.elements().unselect();
        node.select();
        panel.closest("section").scrollIntoView({ block: "nearest" });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("unit-network");
    if (container) { draw(container); }
  });
})();

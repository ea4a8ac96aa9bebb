/* Draws /api/network (the page's JSON twin) with the vendored Cytoscape.js; the page lists the same edges
   as a table, so nothing is lost without JavaScript. Arrow width = number of statements, colour = stance.
   The stances come from the page (data-stances, the legend's list from vocab.py) and their colours from the
   stylesheet's --<stance> variables, so the legend and the drawing cannot disagree. */
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var css = getComputedStyle(document.documentElement);
  var colours = {};
  (box.dataset.stances || "").split(" ").forEach(function (s) {
    if (s) { colours[s] = css.getPropertyValue("--" + s).trim(); }
  });
  fetch(box.dataset.src, {headers: {Accept: "application/json"}})
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var elements = [];
      var maxw = 1;
      data.edges.items.forEach(function (e) { maxw = Math.max(maxw, e.weight); });
      data.nodes.forEach(function (n) {
        elements.push({data: {id: n.id, label: n.name || n.id, size: 18 + 6 * Math.sqrt(n["in"] + n.out),
                              known: n.type ? 1 : 0}});
      });
      data.edges.items.forEach(function (e, i) {
        elements.push({data: {id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                              width: 1.5 + 6 * e.weight / maxw, colour: colours[e.stance] || colours.unknown,
                              label: e.stance + (e.weight > 1 ? " ×" + e.weight : "")}});
      });
      var cy = cytoscape({
        container: box,
        elements: elements,
        wheelSensitivity: 0.3,
        style: [
          {selector: "node", style: {"label": "data(label)", "width": "data(size)", "height": "data(size)",
            "background-color": "#1a5fb4", "color": "#1d2430", "font-size": 15, "text-valign": "bottom",
            "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 140, "text-background-color": "#fff",
            "text-background-opacity": 0.8, "text-background-padding": 2}},
          {selector: "node[known = 0]", style: {"background-color": "#9aa5b5"}},
          {selector: "edge", style: {"width": "data(width)", "line-color": "data(colour)",
            "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier",
            "arrow-scale": 1.1, "opacity": 0.85}},
          {selector: "edge:selected, edge.hover", style: {"label": "data(label)", "font-size": 11,
            "text-background-color": "#fff", "text-background-opacity": 1}}
        ],
        maxZoom: 1.4,
        minZoom: 0.1,
        layout: elements.length > 600
          ? {name: "concentric", animate: false, padding: 30, concentric: function (n) { return n.degree(); }}
          : {name: "cose", animate: false, padding: 40, randomize: false, numIter: 2500, nodeOverlap: 40,
             componentSpacing: 60, nodeRepulsion: function () { return 60000; },
             idealEdgeLength: function () { return 90; }, edgeElasticity: function () { return 80; },
             gravity: 0.2, nestingFactor: 1.2}
      });
      cy.on("tap", "node", function (evt) {
        var id = evt.target.id();
        if (/^E[0-9A-Za-z-]+$/.test(id)) { window.location.href = "/entities/" + encodeURIComponent(id); }
      });
      cy.on("mouseover", "edge", function (evt) { evt.target.addClass("hover"); });
      cy.on("mouseout", "edge", function (evt) { evt.target.removeClass("hover"); });
      box.dataset.nodes = String(cy.nodes().length);
      box.dataset.edges = String(cy.edges().length);
      window.claimgraphNetwork = cy;
    })
    .catch(function (err) { box.dataset.error = String(err); box.textContent = "Could not draw the network: " + err; });
})();

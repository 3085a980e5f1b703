// The graph view: the neighbourhood from /graph/<key>.json drawn with Cytoscape.js.
// Depth is fetched again from the server; kinds are shown or hidden in place.
// A click on a node shows its name with links to its page and to its own graph.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") return;
  var focus = box.getAttribute("data-focus");
  var depthSelect = document.getElementById("graph-depth");
  var info = document.getElementById("graph-info");
  var status = document.getElementById("graph-status");
  var kindSet = document.getElementById("graph-kinds");
  var hiddenKinds = {};
  var COLOURS = {
    Person: "#b5522b", PoliceForce: "#1f5fa8", Inspectorate: "#5b3f99", PccOffice: "#2f7d4f",
    GovernmentBody: "#6b6b6b", Charity: "#8a6d1f", StaffAssociation: "#7a4b6a", Organisation: "#4d6b7a",
    Inspection: "#0f7c86", Finding: "#9a3550",
  };
  var cy = null;

  function elements(data) {
    var nodes = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.short, full: n.label, kind: n.kind, distance: n.distance,
                                       href: n.href, graph: n.graph, colour: COLOURS[n.kind] || "#555" },
               classes: n.id === data.focus ? "focus" : "" };
    });
    var edges = data.edges.map(function (e) {
      return { group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label, kind: e.kind,
                                       width: Math.min(1 + Math.log(e.count) * 1.5, 6) } };
    });
    return nodes.concat(edges);
  }

  var STYLE = [
    { selector: "node", style: {
      "background-color": "data(colour)", "label": "data(label)", "width": 18, "height": 18,
      "font-size": 14, "font-family": "system-ui, sans-serif", "color": "#1d1d1f",
      "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 150,
      "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
      "min-zoomed-font-size": 6 } },
    { selector: "node.quiet", style: { "label": "" } },
    { selector: "node.quiet.hovered, node.quiet:selected", style: { "label": "data(label)", "z-index": 10 } },
    { selector: "node.focus", style: { "width": 30, "height": 30, "font-size": 17, "font-weight": "bold",
                                       "border-width": 3, "border-color": "#111" } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#f2a900" } },
    { selector: "edge", style: {
      "width": "data(width)", "line-color": "#9aa3ad", "curve-style": "bezier",
      "target-arrow-shape": "triangle", "target-arrow-color": "#9aa3ad", "arrow-scale": 0.8,
      "font-size": 10, "color": "#444", "text-rotation": "autorotate",
      "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
    { selector: "edge.labelled, edge:selected", style: { "label": "data(label)" } },
    { selector: ".faded", style: { "opacity": 0.25 } },
  ];

  function applyKinds() {
    if (!cy) return;
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var visible = n.hasClass("focus") || !hiddenKinds[n.data("kind")];
        n.style("display", visible ? "element" : "none");
      });
    });
  }

  function kindBoxes(kinds) {
    // one check box per kind present at this depth; a kind unticked stays unticked
    if (!kindSet) return;
    kindSet.querySelectorAll("label").forEach(function (l) { l.remove(); });
    kinds.forEach(function (k) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "kind";
      box.value = k.id;
      box.checked = !hiddenKinds[k.id];
      box.addEventListener("change", function () { hiddenKinds[k.id] = !box.checked; applyKinds(); });
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = COLOURS[k.id] || "#555";
      label.append(box, swatch, " " + k.label + " (" + k.count + ")");
      kindSet.appendChild(label);
    });
  }

  function quieten() {
    // many findings: their (long) names appear when pointed at or selected, the rest stay readable
    var findings = cy.nodes('[kind = "Finding"]');
    findings.toggleClass("quiet", findings.length > 12);
  }

  function fit() {
    // fit the drawing, but never so small that names cannot be read: pan and zoom from there
    cy.fit(undefined, 30);
    if (cy.zoom() < 0.75) {
      cy.zoom(0.75);
      cy.center(cy.$("node.focus"));
    }
  }

  function show(node) {
    info.textContent = "";
    var name = document.createElement("strong");
    name.textContent = node.data("full");
    var page = document.createElement("a");
    page.href = node.data("href");
    page.textContent = "open its page";
    var graph = document.createElement("a");
    graph.href = node.data("graph");
    graph.textContent = "centre the graph on it";
    info.append(name, " · ", page, " · ", graph);
  }

  function draw(data) {
    if (cy) cy.destroy();
    cy = cytoscape({ container: box, elements: elements(data), style: STYLE,
                     minZoom: 0.2, maxZoom: 3 });
    // rings by distance first (a fixed start), then a force-directed pass that keeps labels apart
    cy.layout({ name: "concentric", animate: false, minNodeSpacing: 40,
                concentric: function (n) { return 10 - n.data("distance"); }, levelWidth: function () { return 1; } }).run();
    cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
                // spread the drawing over the box, which is wider than tall (cose alone drew tall and narrow)
                boundingBox: { x1: 0, y1: 0, w: Math.max(box.clientWidth, 600) * (data.nodes.length > 30 ? 1.6 : 1), h: Math.max(box.clientHeight, 400) * (data.nodes.length > 30 ? 1.6 : 1) },
                nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 90; },
                gravity: 0.6, nodeOverlap: 60, padding: 30, numIter: 1000, fit: false }).run();
    quieten();
    fit();
    kindBoxes(data.kinds);
    applyKinds();
    cy.on("tap", "node", function (evt) { show(evt.target); });
    // edge names only for the node under the pointer (all of them at once pile up)
    cy.on("mouseover", "node", function (evt) {
      evt.target.addClass("hovered");
      evt.target.connectedEdges().addClass("labelled");
      evt.target.neighborhood("node").addClass("hovered");
      cy.elements().not(evt.target.closedNeighborhood()).addClass("faded");
    });
    cy.on("mouseout", "node", function () { cy.elements().removeClass("faded labelled hovered"); });
    cy.on("dbltap", "node", function (evt) { window.location.href = evt.target.data("graph"); });
    var hidden = data.hidden ? " (" + data.hidden + " more too far out to draw)" : "";
    status.textContent = data.nodes.length + " nodes, " + data.edges.length + " links within " + data.depth +
      (data.depth === 1 ? " step" : " steps") + hidden + ".";
    box.setAttribute("data-ready", "true");
    window.inspectkgGraph = cy;  // for the browser tests and the curious
  }

  function load(depth) {
    box.removeAttribute("data-ready");
    status.textContent = "Loading…";
    var url = "/graph/" + focus + ".json?depth=" + encodeURIComponent(depth);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) return r.json().then(function (e) { throw new Error(e.error || r.statusText); });
        return r.json();
      })
      .then(draw)
      .catch(function (err) { status.textContent = "Could not load the graph: " + err.message; });
  }

  if (depthSelect) {
    depthSelect.addEventListener("change", function () {
      var url = new URL(window.location.href);
      url.searchParams.set("depth", depthSelect.value);
      window.history.replaceState(null, "", url.href);
      load(depthSelect.value);
    });
  }
  load(depthSelect ? depthSelect.value : box.getAttribute("data-depth") || "1");
})();

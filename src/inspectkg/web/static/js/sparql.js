// The SPARQL editor: YASGUI (served from /static/vendor/) against this server's endpoint.
// The saved queries are its examples: each button opens one in a tab.  A link with
// ?query=... opens that query (YASGUI reads the address); results stay on this server.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var data = document.getElementById("saved-queries");
  if (!root || typeof Yasgui === "undefined") return;
  var examples = data ? JSON.parse(data.textContent) : [];
  var endpoint = new URL(root.getAttribute("data-endpoint") || "/sparql", window.location.href).href;
  var first = examples.length ? examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";

  // remote look-ups (vocabulary and prefix services) are off: this page talks to this server only
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.value = first;
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "inspectkg-sparql",
    tabName: "Query",
    yasqe: { value: first, autocompleters: ["prefixes", "variables"] },
  });

  function tabNamed(name) {
    var ids = Object.keys(yasgui._tabs || {});
    for (var i = 0; i < ids.length; i++) {
      var tab = yasgui.getTab(ids[i]);
      if (tab && tab.getName() === name) return tab;
    }
    return null;
  }

  function open(example) {
    var tab = tabNamed(example.title);
    if (tab) {
      yasgui.selectTabId(tab.getId());
      tab.setQuery(example.query);
    } else {
      tab = yasgui.addTab(true, { name: example.title, yasqe: { value: example.query },
                                  requestConfig: { endpoint: endpoint } });
    }
    return tab;
  }

  // YASGUI's controls, made nameable and reachable for assistive technology (checked by axe-core):
  // the endpoint field and the editor get labels, the editor's scrolling area a tab stop, and the
  // "+" button inside the tab list is announced as the tab it makes.  New tabs are fixed as they appear.
  function accessible() {
    root.querySelectorAll("input.autocomplete:not([aria-label])").forEach(function (e) {
      e.setAttribute("aria-label", "SPARQL endpoint");
    });
    root.querySelectorAll(".CodeMirror textarea:not([aria-label])").forEach(function (e) {
      e.setAttribute("aria-label", "SPARQL query");
    });
    root.querySelectorAll(".tabsList input:not([aria-label])").forEach(function (e) {
      e.setAttribute("aria-label", "Tab name");
    });
    root.querySelectorAll(".CodeMirror-scroll:not([aria-label])").forEach(function (e) {
      e.setAttribute("tabindex", "0");
      e.setAttribute("aria-label", "SPARQL query text");
    });
    root.querySelectorAll("select.tableSizer:not([aria-label])").forEach(function (e) {
      e.setAttribute("aria-label", "Rows per page");
    });
    root.querySelectorAll(".tabsList button.addTab:not([role])").forEach(function (e) {
      e.setAttribute("role", "tab");
      e.setAttribute("aria-selected", "false");
    });
  }
  accessible();
  new MutationObserver(accessible).observe(root, { childList: true, subtree: true });

  document.querySelectorAll("button[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = examples[Number(button.getAttribute("data-example"))];
      if (example) open(example).getYasqe().focus();
    });
  });
  root.setAttribute("data-ready", "true");
  window.inspectkgYasgui = yasgui;  // for the browser tests and the curious
})();

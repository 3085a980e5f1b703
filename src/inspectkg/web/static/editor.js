// SPARQL editor: a highlighted <pre> mirror under a transparent textarea, and a results table.
(function () {
  "use strict";
  var area = document.getElementById("sparql-query");
  var mirror = document.getElementById("sparql-mirror");
  var form = document.getElementById("sparql-form");
  var status = document.getElementById("sparql-status");
  var out = document.getElementById("sparql-results");
  if (!area || !mirror || !form) return;

  var KEYWORDS = ("SELECT DISTINCT REDUCED CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE OPTIONAL FILTER " +
    "UNION MINUS GRAPH SERVICE BIND VALUES AS GROUP BY ORDER HAVING LIMIT OFFSET ASC DESC NOT EXISTS IN " +
    "COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT STR LANG LCASE UCASE CONTAINS STRSTARTS STRENDS REGEX " +
    "ISIRI ISLITERAL ISBLANK BOUND IF COALESCE DATATYPE YEAR SEPARATOR A TRUE FALSE").split(" ");
  var KW = {};
  KEYWORDS.forEach(function (k) { KW[k] = true; });
  var TOKEN = /(#[^\n]*)|("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(<[^<>"{}|^`\\\s]*>)|([?$][A-Za-z_0-9]+)|([A-Za-z][\w-]*)?:([\w.-]*[\w-])?|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]+)/g;

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function span(cls, text) { return '<span class="' + cls + '">' + esc(text) + "</span>"; }

  function highlight(text) {
    var html = "", last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[0] === "") { TOKEN.lastIndex++; continue; }
      html += esc(text.slice(last, m.index));
      if (m[1]) html += span("tok-com", m[0]);
      else if (m[2]) html += span("tok-str", m[0]);
      else if (m[3]) html += span("tok-iri", m[0]);
      else if (m[4]) html += span("tok-var", m[0]);
      else if (m[7]) html += span("tok-num", m[0]);
      else if (m[8]) html += KW[m[8].toUpperCase()] ? span("tok-kw", m[0]) : esc(m[0]);
      else html += span("tok-pn", m[0]);
      last = m.index + m[0].length;
    }
    return html + esc(text.slice(last)) + "\n";
  }

  function sync() {
    mirror.innerHTML = highlight(area.value);
    mirror.parentNode.scrollTop = area.scrollTop;
    mirror.parentNode.scrollLeft = area.scrollLeft;
  }
  area.addEventListener("input", sync);
  area.addEventListener("scroll", sync);
  area.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
    if (e.key === "Tab") {
      e.preventDefault();
      var s = area.selectionStart;
      area.value = area.value.slice(0, s) + "  " + area.value.slice(area.selectionEnd);
      area.selectionStart = area.selectionEnd = s + 2;
      sync();
    }
  });
  document.querySelectorAll("button.example").forEach(function (b) {
    b.addEventListener("click", function () { area.value = b.getAttribute("data-query"); sync(); area.focus(); });
  });

  var LOCAL = "https://w3id.org/inspectkg/id/";
  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri" && term.value.indexOf(LOCAL) === 0) {
      var a = document.createElement("a");
      a.href = "/id/" + term.value.slice(LOCAL.length);
      a.textContent = "ikd:" + term.value.slice(LOCAL.length);
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
    }
    return td;
  }

  function showTable(data) {
    out.textContent = "";
    var h = document.createElement("h2");
    if (data.boolean !== undefined) {
      h.textContent = "Answer: " + data.boolean;
      out.appendChild(h);
      return;
    }
    var vars = data.head.vars, rows = data.results.bindings;
    h.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
    out.appendChild(h);
    var table = document.createElement("table");
    table.className = "grid";
    var tr = document.createElement("tr");
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; tr.appendChild(th); });
    var thead = document.createElement("thead"); thead.appendChild(tr); table.appendChild(thead);
    var tbody = document.createElement("tbody");
    rows.forEach(function (row) {
      var r = document.createElement("tr");
      vars.forEach(function (v) { r.appendChild(cell(row[v])); });
      tbody.appendChild(r);
    });
    table.appendChild(tbody);
    out.appendChild(table);
  }

  function showError(text) {
    out.textContent = "";
    var p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    out.appendChild(p);
  }

  function run() {
    var endpoint = form.getAttribute("data-endpoint") || "/sparql";
    status.textContent = "Running…";
    var started = Date.now();
    fetch(endpoint + "?query=" + encodeURIComponent(area.value), {
      headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.9" }
    }).then(function (resp) {
      var type = resp.headers.get("Content-Type") || "";
      return resp.text().then(function (body) {
        status.textContent = "Done in " + (Date.now() - started) + " ms";
        if (!resp.ok) {
          var message = body;
          try { message = JSON.parse(body).error || body; } catch (e) { /* not JSON */ }
          showError("Error " + resp.status + ": " + message);
        } else if (type.indexOf("json") >= 0) {
          showTable(JSON.parse(body));
        } else {
          out.textContent = "";
          var h = document.createElement("h2"); h.textContent = "Triples (Turtle)"; out.appendChild(h);
          var pre = document.createElement("pre"); pre.textContent = body; out.appendChild(pre);
        }
      });
    }).catch(function (err) {
      status.textContent = "";
      showError("The query could not be sent: " + err);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  sync();
})();

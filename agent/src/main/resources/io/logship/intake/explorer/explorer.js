// logship explorer: talks to the local intake's JSON API (/api/search, /api/facets, /api/histogram, /api/tail,
// /api/summary). No framework, no external resources. Every value from a record is put on the page with
// textContent or as an SVG text node, never as markup, so a record cannot inject script.
"use strict";

(function () {
  const PAGE_SIZE = 50;
  const TAIL_EVERY_MS = 1500;
  const HISTOGRAM_BUCKETS = 60;
  const RANGES = { "15m": 15 * 60e3, "1h": 3600e3, "1d": 86400e3, "7d": 7 * 86400e3 };
  const STATUS_COLORS = {
    emergency: "#7b0a0a", alert: "#a30f0f", critical: "#c21a1a", error: "#e0352b", warn: "#f29d0b",
    notice: "#6d5fd3", info: "#2f7bd9", debug: "#8a94a0", trace: "#b4bcc5", ok: "#2e9e5b",
  };
  const OTHER_STATUS_COLOR = "#a3774a";
  const STATUS_ORDER = Object.keys(STATUS_COLORS);
  const STATUS_ALIASES = { warning: "warn", fatal: "critical", crit: "critical", err: "error", emerg: "emergency" };
  const STACK_KEYS = ["error.stack", "error.stack_trace", "stack_trace", "stacktrace", "exception"];
  const SVG = "http://www.w3.org/2000/svg";

  const $ = (id) => document.getElementById(id);
  const state = {
    query: "",
    range: "15m",
    customFrom: null,
    customTo: null,
    from: 0,
    to: 0,
    records: [],
    ids: new Set(),
    total: 0,
    cursor: null,
    selectedId: null,
    live: false,
    lastId: null,
    tailTimer: null,
    generation: 0,
    storedRecords: null,
    searched: false,
  };

  // ---- URL <-> state ------------------------------------------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(location.search);
    let query = params.get("query");
    if (query === null) {
      // Links to the old page (?service=&status=&q=) still open the matching view.
      query = [
        params.get("service") ? "service:" + quoteValue(params.get("service")) : "",
        params.get("status") ? "status:" + quoteValue(params.get("status")) : "",
        params.get("q") || "",
      ].filter(Boolean).join(" ");
    }
    state.query = query;
    const from = parseTime(params.get("from"));
    const to = parseTime(params.get("to"));
    if (from !== null && to !== null && from < to) {
      state.range = "custom";
      state.customFrom = from;
      state.customTo = to;
    } else {
      state.range = RANGES[params.get("range")] ? params.get("range") : "15m";
    }
    state.live = params.get("live") === "1";
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    if (state.query) params.set("query", state.query);
    if (state.range === "custom") {
      params.set("from", String(state.customFrom));
      params.set("to", String(state.customTo));
    } else if (state.range !== "15m") {
      params.set("range", state.range);
    }
    if (state.live) params.set("live", "1");
    const search = params.toString();
    const url = location.pathname + (search ? "?" + search : "");
    if (url !== location.pathname + location.search) {
      (push ? history.pushState : history.replaceState).call(history, null, "", url);
    }
  }

  function parseTime(text) {
    if (!text) return null;
    if (/^\d+$/.test(text)) return Number(text);
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }

  function syncControls() {
    $("query").value = state.query;
    $("range").value = state.range;
    $("custom-range").hidden = state.range !== "custom";
    if (state.range === "custom") {
      $("from").value = toLocalInput(state.customFrom);
      $("to").value = toLocalInput(state.customTo);
    }
    $("live-toggle").setAttribute("aria-pressed", String(state.live));
    $("live-toggle").textContent = state.live ? "Live tail: on" : "Live tail";
  }

  function computeWindow() {
    if (state.range === "custom") {
      state.from = state.customFrom;
      state.to = state.customTo;
    } else {
      state.to = Date.now() + 1;
      state.from = state.to - RANGES[state.range];
    }
  }

  // ---- API ----------------------------------------------------------------------------------------------------

  async function api(path, params) {
    const url = path + "?" + new URLSearchParams(params).toString();
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = body && (body.error || (body.errors && body.errors.join("; ")));
      throw new Error(message || path + " answered HTTP " + response.status);
    }
    return body;
  }

  function windowParams(extra) {
    return Object.assign({ query: state.query, from: String(state.from), to: String(state.to) }, extra);
  }

  // ---- search: records, facets, histogram, summary ------------------------------------------------------------

  async function runSearch(push) {
    writeUrl(push);
    computeWindow();
    const generation = ++state.generation;
    showError(null);
    const search = api("/api/search", windowParams({ limit: String(PAGE_SIZE) }));
    const facets = api("/api/facets", windowParams({}));
    const histogram = api("/api/histogram", windowParams({ buckets: String(HISTOGRAM_BUCKETS) }));
    const summary = refreshSummary();
    let tailStarted = Promise.resolve();
    try {
      const page = await search;
      if (generation !== state.generation) return;
      state.records = [];
      state.ids = new Set();
      state.total = page.total;
      state.cursor = page.next_cursor || null;
      state.searched = true;
      $("records").replaceChildren();
      appendRecords(page.records, false);
      updateCount();
      renderEmpty();
      tailStarted = restartTail();
    } catch (e) {
      if (generation === state.generation) showError(e.message);
    }
    const rendered = [
      summary,
      tailStarted,
      facets.then((f) => generation === state.generation && renderFacets(f.facets || [])),
      histogram.then((h) => generation === state.generation && renderHistogram(h)),
    ];
    const results = await Promise.allSettled(rendered);
    for (const result of results) {
      if (result.status === "rejected" && generation === state.generation) showError(result.reason.message);
    }
    // How many searches have been shown in full: lets a script (or a test) wait for the page to settle.
    if (generation === state.generation) document.body.dataset.searches = String(generation);
  }

  async function loadMore() {
    if (!state.cursor) return;
    const generation = state.generation;
    $("more").disabled = true;
    try {
      const page = await api("/api/search", windowParams({ limit: String(PAGE_SIZE), cursor: state.cursor }));
      if (generation !== state.generation) return;
      state.cursor = page.next_cursor || null;
      appendRecords(page.records, false);
      updateCount();
    } catch (e) {
      showError(e.message);
    } finally {
      $("more").disabled = false;
    }
  }

  async function refreshSummary() {
    try {
      const s = await api("/api/summary", {});
      state.storedRecords = s.stored_records;
      const parts = [
        formatNumber(s.stored_records) + " records stored (" + formatBytes(s.stored_bytes) + ")",
        formatNumber(s.expired_records) + " expired by retention",
      ];
      if (s.max_bytes) parts.push("keeps up to " + formatBytes(s.max_bytes) + ", " + formatDuration(s.max_age_ms));
      if (s.oldest) parts.push("oldest " + formatTime(s.oldest));
      $("summary").textContent = parts.join(" · ");
      renderEmpty();
    } catch (e) {
      $("summary").textContent = "summary unavailable: " + e.message;
    }
  }

  function updateCount() {
    const shown = state.records.length;
    $("count").textContent = shown === 0 ? "" :
      formatNumber(shown) + " of " + formatNumber(state.total) + (state.total === 1 ? " record" : " records");
    $("more").hidden = !state.cursor;
  }

  // ---- the record list ----------------------------------------------------------------------------------------

  function appendRecords(records, atTop) {
    const list = $("records");
    const fragment = document.createDocumentFragment();
    const rows = [];
    for (const record of records) {
      if (state.ids.has(record.id)) continue;
      state.ids.add(record.id);
      rows.push(record);
      fragment.appendChild(recordRow(record, atTop));
    }
    if (atTop) {
      // The tail answers oldest first: the newest ends up on top.
      for (const row of Array.from(fragment.childNodes)) list.insertBefore(row, list.firstChild);
      state.records = rows.reverse().concat(state.records);
    } else {
      list.appendChild(fragment);
      state.records = state.records.concat(rows);
    }
    return rows.length;
  }

  function recordRow(record, fresh) {
    const row = document.createElement("li");
    row.className = "record" + (fresh ? " fresh" : "");
    row.dataset.id = String(record.id);
    row.style.setProperty("--status", statusColor(record.status));
    row.appendChild(cell("time", formatTime(record.timestamp)));
    row.appendChild(cell("status", record.status || ""));
    row.appendChild(cell("service", record.service || ""));
    row.lastChild.title = record.service || "";
    row.appendChild(cell("message", record.message || ""));
    row.tabIndex = 0;
    row.addEventListener("click", () => openDetail(record));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter") openDetail(record);
    });
    return row;
  }

  function cell(className, text) {
    const span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function renderEmpty() {
    const box = $("empty");
    box.replaceChildren();
    if (!state.searched || state.records.length > 0 || $("error").hidden === false) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    if (state.storedRecords === 0) {
      const origin = location.protocol + "//" + location.host;
      box.appendChild(heading("No records yet"));
      box.appendChild(paragraph("This intake has stored nothing. Send a record and it shows up here:"));
      box.appendChild(pre(
        "# through a running agent (it listens on 127.0.0.1:10518 and delivers here)\n" +
        "logship-agent send '{\"message\":\"hello\",\"service\":\"demo\"}'\n\n" +
        "# or from bash alone, one JSON object per line\n" +
        "echo '{\"message\":\"hello\",\"service\":\"demo\",\"status\":\"info\"}' > /dev/tcp/127.0.0.1/10518\n\n" +
        "# or straight to this intake's Datadog-compatible API\n" +
        "curl -X POST " + origin + "/api/v2/logs -H 'Content-Type: application/json' \\\n" +
        "     -d '[{\"message\":\"hello\",\"service\":\"demo\"}]'"));
    } else if (state.storedRecords !== null) {
      box.appendChild(heading("No records match"));
      box.appendChild(paragraph(
        (state.query ? "Nothing matches \u201c" + state.query + "\u201d" : "Nothing was stored") +
        " in " + describeRange() + ". Widen the time range or remove a term."));
    } else {
      box.hidden = true;
    }
  }

  function heading(text) {
    const h = document.createElement("h2");
    h.textContent = text;
    return h;
  }

  function paragraph(text) {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  function pre(text, className) {
    const p = document.createElement("pre");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function describeRange() {
    if (state.range === "custom") return formatTime(state.customFrom) + " \u2013 " + formatTime(state.customTo);
    return $("range").selectedOptions[0].textContent.toLowerCase();
  }

  // ---- record detail ------------------------------------------------------------------------------------------

  function openDetail(record) {
    state.selectedId = record.id;
    for (const row of document.querySelectorAll(".record.selected")) row.classList.remove("selected");
    const row = document.querySelector('.record[data-id="' + CSS.escape(String(record.id)) + '"]');
    if (row) row.classList.add("selected");
    const panel = $("detail");
    panel.style.setProperty("--status", statusColor(record.status));
    $("detail-title").textContent = (record.status || "record").toUpperCase() + " \u00b7 " +
      (record.service || "no service") + " \u00b7 " + formatTime(record.timestamp);
    const body = $("detail-body");
    body.replaceChildren();
    const fields = document.createElement("dl");
    for (const [name, value] of [["id", record.id], ["timestamp", formatTime(record.timestamp)],
      ["received", record.received_at ? formatTime(record.received_at) : ""], ["status", record.status],
      ["service", record.service], ["host", record.host], ["source", record.source]]) {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value === undefined || value === null ? "" : String(value);
      fields.append(dt, dd);
    }
    body.appendChild(fields);
    body.appendChild(subheading("Message"));
    body.appendChild(pre(record.message || "", "message"));
    const stack = stackTrace(record.attributes || {});
    if (stack) {
      body.appendChild(subheading("Stack trace"));
      body.appendChild(pre(stack, "stack"));
    }
    body.appendChild(subheading("Attributes"));
    body.appendChild(pre(JSON.stringify(record.attributes || {}, null, 2), "json"));
    panel.hidden = false;
    $("detail-close").focus();
  }

  function closeDetail() {
    $("detail").hidden = true;
    state.selectedId = null;
    for (const row of document.querySelectorAll(".record.selected")) row.classList.remove("selected");
  }

  function subheading(text) {
    const h = document.createElement("h3");
    h.textContent = text;
    return h;
  }

  /** The stack trace under the names loggers use: error.stack (Datadog), stack_trace (logstash), exception, ... */
  function stackTrace(attributes) {
    for (const key of STACK_KEYS) {
      const value = key in attributes ? attributes[key] : lookup(attributes, key.split("."));
      if (typeof value === "string" && value.trim()) return value;
    }
    return null;
  }

  function lookup(object, path) {
    let value = object;
    for (const part of path) {
      if (value === null || typeof value !== "object" || !(part in value)) return undefined;
      value = value[part];
    }
    return value;
  }

  // ---- facets -------------------------------------------------------------------------------------------------

  function renderFacets(facets) {
    const box = $("facets");
    box.replaceChildren();
    for (const facet of facets) {
      if (!facet.values || facet.values.length === 0) continue;
      const section = document.createElement("section");
      section.className = "facet";
      section.dataset.facet = facet.name;
      section.appendChild(Object.assign(document.createElement("h3"), { textContent: facet.name }));
      const list = document.createElement("ul");
      for (const entry of facet.values) {
        const value = String(entry.value);
        const item = document.createElement("li");
        const add = document.createElement("button");
        add.type = "button";
        add.className = "facet-value";
        add.dataset.value = value;
        add.title = "Click: " + facet.name + ":" + value + " \u00b7 shift/alt-click: exclude it";
        if (facet.name === "status") {
          const swatch = document.createElement("span");
          swatch.className = "swatch";
          swatch.style.background = statusColor(value);
          add.appendChild(swatch);
        }
        add.appendChild(document.createTextNode(value));
        add.addEventListener("click", (event) => addTerm(facet.name, value, event.shiftKey || event.altKey));
        const count = cell("facet-count", formatNumber(entry.count));
        const exclude = document.createElement("button");
        exclude.type = "button";
        exclude.className = "facet-exclude";
        exclude.textContent = "\u2212";
        exclude.title = "Exclude " + facet.name + ":" + value;
        exclude.addEventListener("click", () => addTerm(facet.name, value, true));
        item.append(add, count, exclude);
        list.appendChild(item);
      }
      section.appendChild(list);
      box.appendChild(section);
    }
  }

  function addTerm(name, value, exclude) {
    const term = (exclude ? "-" : "") + name + ":" + quoteValue(value);
    const opposite = (exclude ? "" : "-") + name + ":" + quoteValue(value);
    const terms = splitTerms(state.query).filter((t) => t !== opposite);
    if (!terms.includes(term)) terms.push(term);
    state.query = terms.join(" ");
    $("query").value = state.query;
    runSearch(true);
  }

  /** Splits a query on spaces outside quotes (enough to add or swap a facet term). */
  function splitTerms(query) {
    return query.match(/(?:[^\s"]+|"(?:[^"\\]|\\.)*")+/g) || [];
  }

  function quoteValue(value) {
    return /^[\w.\-\/@+]+$/.test(value) ? value : '"' + value.replace(/(["\\])/g, "\\$1") + '"';
  }

  // ---- histogram ----------------------------------------------------------------------------------------------

  function renderHistogram(data) {
    const box = $("histogram");
    box.replaceChildren();
    const buckets = data.buckets || [];
    const statuses = new Set();
    let max = 0;
    for (const bucket of buckets) {
      let sum = 0;
      for (const [status, count] of Object.entries(bucket.counts || {})) {
        statuses.add(status);
        sum += count;
      }
      max = Math.max(max, sum);
    }
    const order = Array.from(statuses).sort((a, b) => statusRank(a) - statusRank(b));
    const width = 1000;
    const height = 110;
    const top = 6;
    const bottom = 16;
    const left = 34;
    const plot = height - top - bottom;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    const scale = max > 0 ? niceCeiling(max) : 1;
    for (const fraction of [0, 0.5, 1]) {
      if (!Number.isInteger(scale * fraction)) continue;
      const y = top + plot - plot * fraction;
      svg.appendChild(svgElement("line", { x1: left, x2: width, y1: y, y2: y, class: "gridline" }));
      svg.appendChild(svgText(formatNumber(scale * fraction), { x: left - 4, y: y + 3, "text-anchor": "end", class: "axis" }));
    }
    const slot = buckets.length > 0 ? (width - left) / buckets.length : 0;
    buckets.forEach((bucket, index) => {
      const x = left + index * slot;
      let y = top + plot;
      const counts = bucket.counts || {};
      const group = svgElement("g", { class: "bar", "data-start": bucket.start });
      const tip = [formatTime(bucket.start)];
      for (const status of order.slice().reverse()) {
        const count = counts[status] || 0;
        if (count === 0) continue;
        const h = (count / scale) * plot;
        y -= h;
        group.appendChild(svgElement("rect", {
          x: x + 0.5, y: y, width: Math.max(slot - 1, 1), height: h, fill: statusColor(status), "data-status": status,
        }));
      }
      for (const status of order) if (counts[status]) tip.push(status + ": " + formatNumber(counts[status]));
      const title = document.createElementNS(SVG, "title");
      title.textContent = tip.join("\n");
      group.appendChild(title);
      svg.appendChild(group);
    });
    enableRangeSelection(svg, buckets, data.interval_ms || 0, left, slot, top, plot);
    for (const index of [0, Math.floor(buckets.length / 2), buckets.length - 1]) {
      if (index < 0 || index >= buckets.length || (index > 0 && index === Math.floor(buckets.length / 2) && buckets.length < 3)) continue;
      const anchor = index === 0 ? "start" : index === buckets.length - 1 ? "end" : "middle";
      const x = left + index * slot + (anchor === "end" ? slot : 0);
      svg.appendChild(svgText(formatTick(buckets[index].start), { x: x, y: height - 3, "text-anchor": anchor, class: "axis" }));
    }
    box.appendChild(svg);
    const legend = document.createElement("div");
    legend.className = "legend";
    for (const status of order) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = statusColor(status);
      item.append(swatch, document.createTextNode(status));
      legend.appendChild(item);
    }
    if (order.length === 0) legend.appendChild(document.createTextNode("no records in " + describeRange()));
    box.appendChild(legend);
  }

  /** Click a bar to zoom into its interval, or drag across bars to zoom into the dragged span. */
  function enableRangeSelection(svg, buckets, interval, left, slot, top, plot) {
    if (buckets.length === 0 || !(interval > 0)) return;
    const band = svgElement("rect", { class: "selection", y: top, height: plot, width: 0, x: 0, visibility: "hidden" });
    svg.appendChild(band);
    let anchor = null;
    const indexAt = (event) => {
      const box = svg.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * svg.viewBox.baseVal.width;
      return Math.min(buckets.length - 1, Math.max(0, Math.floor((x - left) / slot)));
    };
    const span = (a, b) => [Math.min(a, b), Math.max(a, b)];
    svg.addEventListener("mousedown", (event) => {
      anchor = indexAt(event);
      event.preventDefault();
    });
    svg.addEventListener("mousemove", (event) => {
      if (anchor === null) return;
      const [first, last] = span(anchor, indexAt(event));
      band.setAttribute("x", String(left + first * slot));
      band.setAttribute("width", String((last - first + 1) * slot));
      band.setAttribute("visibility", "visible");
    });
    svg.addEventListener("mouseup", (event) => {
      if (anchor === null) return;
      const [first, last] = span(anchor, indexAt(event));
      anchor = null;
      zoomTo(buckets[first].start, buckets[last].start + interval);
    });
    svg.addEventListener("mouseleave", () => {
      anchor = null;
      band.setAttribute("visibility", "hidden");
    });
  }

  function zoomTo(from, to) {
    if (!(to > from)) return;
    state.range = "custom";
    state.customFrom = from;
    state.customTo = to;
    syncControls();
    runSearch(true);
  }

  function svgElement(name, attributes) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  }

  function svgText(text, attributes) {
    const element = svgElement("text", attributes);
    element.textContent = text;
    return element;
  }

  function niceCeiling(value) {
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
    return 10 * power;
  }

  // ---- live tail ----------------------------------------------------------------------------------------------

  async function restartTail() {
    stopTail();
    if (!state.live) return;
    const generation = state.generation;
    let newest = state.records.reduce((max, r) => (r.id > max ? r.id : max), 0);
    try {
      // Without "after" the tail answers the newest matching record: from there on, only new ones are shown.
      const data = await api("/api/tail", { query: state.query, limit: "1" });
      if (typeof data.last_id === "number") newest = Math.max(newest, data.last_id);
    } catch (e) {
      showError("live tail: " + e.message);
    }
    if (generation !== state.generation || !state.live || state.tailTimer !== null) return;
    state.lastId = newest;
    state.tailTimer = setTimeout(pollTail, TAIL_EVERY_MS);
  }

  function stopTail() {
    if (state.tailTimer !== null) clearTimeout(state.tailTimer);
    state.tailTimer = null;
  }

  async function pollTail() {
    state.tailTimer = null;
    const generation = state.generation;
    try {
      const data = await api("/api/tail", { query: state.query, after: String(state.lastId), limit: "200" });
      if (generation !== state.generation || !state.live) return;
      if (typeof data.last_id === "number") state.lastId = Math.max(state.lastId, data.last_id);
      const added = appendRecords(data.records || [], true);
      if (added > 0) {
        state.total += added;
        updateCount();
        renderEmpty();
        refreshSummary();
      }
    } catch (e) {
      showError("live tail: " + e.message);
    }
    if (state.live && generation === state.generation && state.tailTimer === null) {
      state.tailTimer = setTimeout(pollTail, TAIL_EVERY_MS);
    }
  }

  function toggleLive() {
    state.live = !state.live;
    syncControls();
    writeUrl(false);
    if (state.live) {
      // Restart from a fresh window, so that the list and the tail agree on what "now" is.
      runSearch(false);
    } else {
      stopTail();
    }
  }

  // ---- formatting ---------------------------------------------------------------------------------------------

  function normalStatus(status) {
    const s = String(status || "").toLowerCase();
    return STATUS_ALIASES[s] || s;
  }

  function statusRank(status) {
    const index = STATUS_ORDER.indexOf(normalStatus(status));
    return index < 0 ? STATUS_ORDER.length : index;
  }

  function statusColor(status) {
    const s = normalStatus(status);
    return STATUS_COLORS[s] || OTHER_STATUS_COLOR;
  }

  function pad(n, width) {
    return String(n).padStart(width || 2, "0");
  }

  function formatTime(ms) {
    if (ms === null || ms === undefined || Number.isNaN(Number(ms))) return "";
    const d = new Date(Number(ms));
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" +
      pad(d.getMinutes()) + ":" + pad(d.getSeconds()) + "." + pad(d.getMilliseconds(), 3);
  }

  function formatTick(ms) {
    const d = new Date(ms);
    const span = state.to - state.from;
    const time = pad(d.getHours()) + ":" + pad(d.getMinutes()) + (span <= 3600e3 ? ":" + pad(d.getSeconds()) : "");
    return span > 86400e3 ? pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + time : time;
  }

  function toLocalInput(ms) {
    return formatTime(ms).slice(0, 19).replace(" ", "T");
  }

  function formatNumber(n) {
    return Number(n || 0).toLocaleString("en-US");
  }

  function formatBytes(n) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = Number(n || 0);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + " " + units[unit];
  }

  function formatDuration(ms) {
    if (!ms) return "no age limit";
    const days = ms / 86400e3;
    return days >= 1 && Number.isInteger(days) ? days + " d" : Math.round(ms / 3600e3) + " h";
  }

  function showError(message) {
    $("error").hidden = !message;
    $("error").textContent = message || "";
    if (message) {
      $("empty").hidden = true;
    }
  }

  // ---- wiring -------------------------------------------------------------------------------------------------

  function applyCustomRange() {
    // Inputs hold whole seconds: an input left as shown keeps the exact bound (a zoom's milliseconds).
    const from = $("from").value === toLocalInput(state.customFrom) ? state.customFrom : parseTime($("from").value);
    const to = $("to").value === toLocalInput(state.customTo) ? state.customTo : parseTime($("to").value);
    if (from === null || to === null || from >= to) {
      showError("custom range: 'from' must be a time before 'to'");
      return false;
    }
    state.customFrom = from;
    state.customTo = to;
    return true;
  }

  function start() {
    readUrl();
    syncControls();
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.query = $("query").value.trim();
      if (state.range === "custom" && !applyCustomRange()) return;
      runSearch(true);
    });
    $("range").addEventListener("change", () => {
      state.range = $("range").value;
      if (state.range === "custom") {
        state.customTo = state.customTo || Date.now();
        state.customFrom = state.customFrom || state.customTo - RANGES["1h"];
        syncControls();
        return; // waits for Search (or Enter) with the chosen from/to
      }
      syncControls();
      runSearch(true);
    });
    $("live-toggle").addEventListener("click", toggleLive);
    $("more").addEventListener("click", loadMore);
    $("detail-close").addEventListener("click", closeDetail);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !$("detail").hidden) closeDetail();
    });
    window.addEventListener("popstate", () => {
      readUrl();
      syncControls();
      runSearch(false);
    });
    runSearch(false);
  }

  document.addEventListener("DOMContentLoaded", start);
})();

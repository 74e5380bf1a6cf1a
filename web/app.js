// truce dashboard: one page, no framework, no network beyond this server.
// Views are chosen by the URL's hash (#/, #/events/ID, #/agreements/ID, …)
// so every view can be bookmarked and the back button works. Text from the
// record is only ever set as text (never as HTML).
"use strict";

// ------------------------------------------------------------------ helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error((body && body.error && body.error.message) || `${response.status} ${response.statusText}`);
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

function token() { return localStorage.getItem("truce-token") || ""; }

const main = () => document.getElementById("main");
function show(...nodes) { main().replaceChildren(...nodes); }
function failure(e) { return h("p", { class: "error", role: "alert" }, String(e.message || e)); }

const PLOVER_COLORS = {
  ASSAULT: "#b3261e", COERCE: "#e65100", THREATEN: "#f57c00", MOBILIZE: "#8d6e63", PROTEST: "#ad1457",
  ACCUSE: "#c2185b", REJECT: "#6a1b9a", SANCTION: "#4e342e", REQUEST: "#1565c0", CONSULT: "#0277bd",
  AGREE: "#2e7d32", COOPERATE: "#558b2f", SUPPORT: "#00897b", AID: "#00acc1", CONCEDE: "#7cb342",
  RETREAT: "#9e9d24", "": "#9e9e9e",
};
const color = (p) => PLOVER_COLORS[p || ""] || "#9e9e9e";
const MODALITIES = ["asserted", "planned", "requested", "alleged", "denied", "hypothetical"];

const actors = (list) => (list || []).map((a) => a.code || a.text).join(", ") || "—";
const badge = (cls, text) => h("span", { class: `badge ${cls}` }, text);
const short = (t, n = 160) => (t && t.length > n ? `${t.slice(0, n - 1)}…` : t || "");

// Spans are byte offsets into the UTF-8 text; JavaScript strings count
// UTF-16 units, so slicing goes through the bytes.
function slices(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  const out = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > bytes.length || end < start) continue;
    out.push(decode(at, start), h("mark", {}, decode(start, end)));
    at = end;
  }
  out.push(decode(at, bytes.length));
  return out;
}

// ------------------------------------------------------------------ routing

function route() {
  const hash = location.hash.slice(1) || "/";
  const [path, search] = hash.split("?");
  const params = Object.fromEntries(new URLSearchParams(search || ""));
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const view = parts[0] || "events";
  for (const a of document.querySelectorAll("header nav a")) a.classList.toggle("active", a.dataset.view === view);
  show(h("p", { class: "muted" }, "Loading…"));
  const run = {
    events: () => (parts[1] ? viewEvent(parts[1]) : viewEvents(params)),
    agreements: () => (parts[1] ? viewBoard(parts[1], params) : viewAgreements()),
    documents: () => viewDocument(parts[1]),
    search: () => viewSearch(params.q || ""),
    add: () => viewAdd(),
    audit: () => viewAudit(params),
  }[view] || (() => show(h("p", { class: "error" }, "No such view.")));
  Promise.resolve(run()).catch((e) => show(failure(e)));
}

async function counts() {
  try {
    const c = await api("/api/health");
    document.getElementById("counts").textContent =
      `${c.documents} reports · ${c.events} events · ${c.agreements} agreements`;
  } catch (_) { /* the views say what failed */ }
}

// ------------------------------------------------------------------ events: filters, timeline, map, list

const FILTERS = ["from", "to", "actor", "plover", "modality", "place", "review", "agreement"];

function filterForm(params) {
  const field = (name, label, input) => h("label", {}, label, input);
  const text = (name, placeholder) => h("input", { name, value: params[name] || "", placeholder, size: 10 });
  const select = (name, options) =>
    h("select", { name }, h("option", { value: "" }, "any"),
      options.map((o) => h("option", { value: o, selected: params[name] === o }, o)));
  const form = h("form", { class: "filters", role: "search" },
    field("from", "From", h("input", { type: "date", name: "from", value: params.from || "" })),
    field("to", "To", h("input", { type: "date", name: "to", value: params.to || "" })),
    field("actor", "Actor code", text("actor", "AZE, ARMMIL")),
    field("plover", "Category", select("plover", Object.keys(PLOVER_COLORS).filter(Boolean))),
    field("modality", "Modality", select("modality", MODALITIES)),
    field("place", "Place", text("place", "name")),
    field("review", "Review", select("review", ["unreviewed", "verified", "corrected", "rejected", "any"])),
    params.agreement ? h("input", { type: "hidden", name: "agreement", value: params.agreement }) : null,
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", class: "secondary", onclick: () => { location.hash = "#/"; } }, "Clear"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    location.hash = `#/${query(values)}`;
  });
  return form;
}

async function viewEvents(params) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params[k]]));
  const offset = Number(params.offset || 0);
  const [timeline, places, page] = await Promise.all([
    api(`/api/timeline${query(filters)}`),
    api(`/api/places${query({ ...filters, limit: 1000 })}`),
    api(`/api/events${query({ ...filters, offset, limit: 50 })}`),
  ]);
  const mapBox = h("div", { id: "map" });
  show(
    h("h1", {}, params.agreement ? `Events of ${params.agreement}` : "Events"),
    h("div", { class: "panel" }, filterForm(params)),
    h("div", { class: "grid" },
      h("div", {},
        h("div", { class: "panel", id: "timeline" }, h("h2", {}, "Timeline"), timelineChart(timeline.days, params)),
        h("div", { class: "panel" }, h("h2", {}, `Events (${page.total}${page.more ? "+" : ""})`), eventTable(page.items), pager(page, params))),
      h("div", { class: "panel" }, h("h2", {}, `Map (${places.places.length} places)`), mapBox)),
  );
  drawMap(mapBox, places.places, params.place);
}

function timelineChart(days, params) {
  if (!days.length) return h("p", { class: "muted" }, "No dated events match.");
  const W = 800, H = 170, left = 28, bottom = 20;
  const byDay = new Map();
  for (const d of days) {
    if (!byDay.has(d.day)) byDay.set(d.day, []);
    byDay.get(d.day).push(d);
  }
  const ms = (day) => Date.parse(`${day}T00:00:00Z`);
  const keys = [...byDay.keys()].sort();
  const t0 = ms(keys[0]), t1 = ms(keys[keys.length - 1]) + 86400000;
  const x = (day) => left + ((ms(day) - t0) / (t1 - t0)) * (W - left - 4);
  const width = Math.max(1.5, ((W - left - 4) * 86400000) / (t1 - t0) - 0.5);
  const max = Math.max(...keys.map((k) => byDay.get(k).reduce((n, d) => n + d.events, 0)));
  const y = (n) => ((H - bottom - 6) * n) / max;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events a day by category" });
  for (const k of keys) {
    let base = H - bottom;
    const stack = byDay.get(k).sort((a, b) => (a.plover > b.plover ? 1 : -1));
    for (const d of stack) {
      const hgt = y(d.events);
      base -= hgt;
      svg.append(s("rect", {
        x: x(k), y: base, width, height: Math.max(hgt, 0.5), fill: color(d.plover),
        opacity: d.modality === "asserted" ? 1 : 0.45, class: "bar", "data-day": k,
        onclick: () => { location.hash = `#/${query({ ...params, from: k, to: k, offset: "" })}`; },
      }, s("title", {}, `${k}: ${d.events} ${d.plover || "uncategorised"} (${d.modality})`)));
    }
  }
  svg.append(s("text", { x: left, y: H - 4 }, keys[0]), s("text", { x: W - 70, y: H - 4 }, keys[keys.length - 1]),
    s("text", { x: 0, y: 12 }, String(max)));
  const seen = [...new Set(days.map((d) => d.plover))].sort();
  const legend = h("div", { class: "legend" }, seen.map((p) => h("span", { style: `--c:${color(p)}` }, p || "other")),
    h("span", { class: "muted", style: "--c:transparent" }, "faint: not asserted (planned, demanded, alleged…)"));
  return h("div", {}, svg, legend);
}

let worldPromise = null;
function world() {
  worldPromise = worldPromise || api("/assets/vendor/countries-50m.json")
    .then((topology) => topojson.feature(topology, topology.objects.countries));
  return worldPromise;
}

async function drawMap(box, places, selected) {
  const W = 560, H = 420;
  const countries = await world();
  const projection = d3.geoNaturalEarth1();
  if (places.length) {
    let [w, s_, e, n] = [180, 90, -180, -90];
    for (const p of places) { w = Math.min(w, p.lon); e = Math.max(e, p.lon); s_ = Math.min(s_, p.lat); n = Math.max(n, p.lat); }
    // At least a few degrees around the events, so one town is not the whole map.
    const pad = Math.max(2, (e - w) * 0.15, (n - s_) * 0.15);
    const box = { type: "MultiPoint", coordinates: [[w - pad, s_ - pad], [e + pad, n + pad], [w - pad, n + pad], [e + pad, s_ - pad]] };
    projection.fitExtent([[8, 8], [W - 8, H - 8]], box);
  } else {
    projection.fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" });
  }
  const path = d3.geoPath(projection);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Map of events" });
  for (const f of countries.features) {
    const d = path(f);
    if (d) svg.append(s("path", { d, class: "land" }, s("title", {}, f.properties.name)));
  }
  const most = Math.max(1, ...places.map((p) => p.events));
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    svg.append(s("circle", {
      cx: xy[0], cy: xy[1], r: 3 + 12 * Math.sqrt(p.events / most),
      class: `dot${selected && p.place === selected ? " selected" : ""}`, "data-place": p.place,
      onclick: () => {
        const params = Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] || ""));
        location.hash = `#/${query({ ...params, place: p.place, offset: "" })}`;
      },
    }, s("title", {}, `${p.place}: ${p.events} events (${p.first_day || "?"} to ${p.last_day || "?"})`)));
  }
  box.replaceChildren(svg, places.length ? h("p", { class: "muted" }, "Click a place to list its events.")
    : h("p", { class: "muted" }, "No located events match."));
}

function eventTable(items) {
  if (!items.length) return h("p", { class: "muted" }, "No events match.");
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, ["Date", "Who", "Did what", "To whom", "Modality", "Place", "Sentence", "Review"].map((t) => h("th", {}, t)))),
    h("tbody", {}, items.map((e) => h("tr", {
      class: "clickable", "data-event": e.id, onclick: () => { location.hash = `#/events/${encodeURIComponent(e.id)}`; },
    },
      h("td", {}, e.date || "—"),
      h("td", {}, actors(e.source)),
      h("td", {}, h("span", { class: "badge", style: `background:${color(e.plover)}` }, e.plover || "other"), " ", e.cameo),
      h("td", {}, actors(e.target)),
      h("td", {}, e.modality),
      h("td", {}, (e.location && (e.location.name || e.location.text)) || "—"),
      h("td", { class: "sentence" }, short(e.evidence && e.evidence.text)),
      h("td", {}, badge(`review-${e.review.state}`, e.review.state))))));
}

function pager(page, params) {
  const go = (offset) => () => { location.hash = `#/${query({ ...params, offset })}`; };
  return h("div", { class: "pager" },
    h("button", { class: "secondary", disabled: page.offset === 0, onclick: go(Math.max(0, page.offset - page.limit)) }, "Previous"),
    h("span", { class: "muted" }, `${page.total ? page.offset + 1 : 0}–${Math.min(page.offset + page.limit, page.total)} of ${page.total}${page.more ? "+" : ""}`),
    h("button", { class: "secondary", disabled: !page.more && page.offset + page.limit >= page.total, onclick: go(page.offset + page.limit) }, "Next"));
}

// ------------------------------------------------------------------ one event: evidence and review

async function viewEvent(id) {
  const page = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = page.event;
  const loc = e.location;
  const fields = h("dl", { class: "fields" }, [
    ["Date", `${e.date || "—"}${e.date_precision ? ` (${e.date_precision})` : ""}${e.time ? ` · ${e.time}` : ""}`],
    ["Who", actors(e.source)], ["To whom", actors(e.target)],
    ["Did what", `${e.cameo} · ${e.plover || "no PLOVER category"} · Goldstein ${e.goldstein}`],
    ["Modality", e.modality],
    ["Place", loc ? `${loc.name || loc.text}${loc.country ? `, ${loc.country}` : ""} (${loc.precision})` : "—"],
    ["Review", `${e.review.state}${e.review.reviewer ? ` by ${e.review.reviewer} at ${e.review.at}` : ""}`],
    ["Report", page.document ? h("a", { href: `#/documents/${encodeURIComponent(page.document.id)}` },
      page.document.title || page.document.input) : "—"],
  ].flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  const report = page.text ? h("div", { class: "report", id: "report" }, slices(page.text, [e.evidence.span])) : null;
  const mentions = page.mentions.length
    ? h("ul", { class: "evidence" }, page.mentions.map(mentionItem))
    : h("p", { class: "muted" }, "No other report of this happening.");
  show(
    h("h1", {}, `Event ${e.id}`),
    h("div", { class: "grid" },
      h("div", {},
        h("div", { class: "panel" }, fields),
        h("div", { class: "panel" }, h("h2", {}, "The report, its sentence marked"), report),
        h("div", { class: "panel" }, h("h2", {}, "Other reports of the same happening"), mentions)),
      h("div", {},
        h("div", { class: "panel" }, h("h2", {}, "Review"), reviewPanel(e)),
        h("div", { class: "panel" }, h("h2", {}, "Review history"), reviewHistory(page.reviews)))),
  );
  const mark = document.querySelector("#report mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// What the last review changed, shown on the event's page after it reloads.
let lastReview = null;

// Another report of the same happening: its sentence, and the whole report
// with that sentence marked when opened (fetched then).
function mentionItem(m) {
  const body = h("div", { class: "report" }, h("p", { class: "muted" }, "Loading…"));
  const details = h("details", { class: "mention" },
    h("summary", {}, h("a", { href: `#/events/${encodeURIComponent(m.event)}` }, `${m.reported || "?"} · ${m.outlet || m.report}`),
      ` (${m.modality}): `, h("mark", {}, m.sentence)),
    body);
  details.addEventListener("toggle", async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = "1";
    try {
      const doc = await api(`/api/documents/${encodeURIComponent(m.doc)}`);
      body.replaceChildren(...(m.span ? slices(doc.text, [m.span]) : [doc.text]));
    } catch (e) { body.replaceChildren(failure(e)); }
  });
  return h("li", {}, details);
}

function reviewPanel(e) {
  const status = h("div", { id: "review-status", role: "status" },
    lastReview && lastReview.event === e.id ? verdictChanges(lastReview.changed) : null);
  lastReview = null;
  const loc = e.location || {};
  const input = (name, value, attrs = {}) => h("input", { name, value: value ?? "", ...attrs });
  const form = h("form", { class: "review-form", id: "correction" },
    h("label", {}, "Source codes", input("source", (e.source || []).map((a) => a.code).filter(Boolean).join(", "))),
    h("label", {}, "Target codes", input("target", (e.target || []).map((a) => a.code).filter(Boolean).join(", "))),
    h("label", {}, "CAMEO code", input("cameo", e.cameo, { size: 5 })),
    h("label", {}, "Date", input("date", (e.date || "").slice(0, 10), { type: "date" })),
    h("label", {}, "Modality", h("select", { name: "modality" }, MODALITIES.map((m) => h("option", { value: m, selected: m === e.modality }, m)))),
    h("label", {}, "Place", input("place", loc.name || loc.text || "")),
    h("label", {}, "Latitude", input("lat", loc.lat ?? "", { type: "number", step: "any" })),
    h("label", {}, "Longitude", input("lon", loc.lon ?? "", { type: "number", step: "any" })));
  const note = h("textarea", { name: "note", rows: 2, placeholder: "Why (kept in the log)", style: "width:100%" });
  const send = async (body) => {
    status.replaceChildren(h("span", { class: "muted" }, "Saving…"));
    try {
      const answer = await api(`/api/events/${encodeURIComponent(e.id)}/reviews`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token()}` },
        body: JSON.stringify({ ...body, note: note.value || undefined }),
      });
      lastReview = { event: e.id, changed: answer.verdicts_changed };
      await viewEvent(e.id);
    } catch (err) {
      status.replaceChildren(failure(err));
    }
  };
  const corrected = () => {
    const v = Object.fromEntries(new FormData(form));
    const codes = (t) => t.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
    const changes = {};
    const was = (list) => (list || []).map((a) => a.code).filter(Boolean).join(",");
    if (codes(v.source).join(",") !== was(e.source)) changes.source = codes(v.source);
    if (codes(v.target).join(",") !== was(e.target)) changes.target = codes(v.target);
    if (v.cameo && v.cameo !== e.cameo) changes.cameo = v.cameo.trim();
    if (v.date && v.date !== (e.date || "").slice(0, 10)) changes.date = v.date;
    if (v.modality !== e.modality) changes.modality = v.modality;
    const place = v.place.trim();
    const lat = v.lat === "" ? null : Number(v.lat), lon = v.lon === "" ? null : Number(v.lon);
    if (place && (place !== (loc.name || loc.text) || lat !== (loc.lat ?? null) || lon !== (loc.lon ?? null))) {
      changes.place = { name: place, lat, lon };
    }
    return send({ action: "corrected", changes });
  };
  return h("div", {},
    token() ? null : h("p", { class: "muted" }, "Enter the write token (top right) to review."),
    h("div", { class: "actions" },
      h("button", { id: "verify", onclick: () => send({ action: "verified" }) }, "Verify"),
      h("button", { id: "reject", class: "danger", onclick: () => send({ action: "rejected" }) }, "Reject"),
      h("button", { id: "reopen", class: "secondary", onclick: () => send({ action: "reopened" }) }, "Reopen")),
    h("h2", {}, "Correct"), form, note,
    h("div", { class: "actions" }, h("button", { id: "save-correction", onclick: corrected }, "Save correction")),
    status);
}

function verdictChanges(changed) {
  if (!changed.length) return h("p", { class: "ok" }, "Review recorded; no verdict changed.");
  return h("div", {}, h("p", { class: "ok" }, `Review recorded; ${changed.length} verdict(s) changed:`),
    h("ul", { id: "verdicts-changed" }, changed.map((c) => h("li", {},
      h("a", { href: `#/agreements/${encodeURIComponent(c.agreement)}` }, c.agreement),
      ` provision ${c.provision}, ${c.party}: ${c.from || "none"} → `, badge(`status-${c.to}`, c.to)))));
}

function reviewHistory(reviews) {
  if (!reviews.length) return h("p", { class: "muted" }, "Not reviewed yet.");
  return h("table", {}, h("tbody", {}, reviews.map((r) => h("tr", {},
    h("td", {}, r.at), h("td", {}, r.reviewer), h("td", {}, badge(`review-${r.action}`, r.action)),
    h("td", {}, r.changes ? JSON.stringify(r.changes) : ""), h("td", {}, r.note || "")))));
}

// ------------------------------------------------------------------ agreements and boards

async function viewAgreements() {
  const list = await api("/api/agreements");
  if (!list.items.length) {
    return show(h("h1", {}, "Agreements"), h("p", { class: "muted" }, "No agreement in the record yet: add one with `truce agreement add FILE`."));
  }
  show(h("h1", {}, "Agreements"), h("div", { class: "panel" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Agreement", "Effective (UTC)", "Ends", "Parties"].map((t) => h("th", {}, t)))),
    h("tbody", {}, list.items.map((a) => h("tr", {},
      h("td", {}, h("a", { href: `#/agreements/${encodeURIComponent(a.id)}` }, a.title), h("div", { class: "muted" }, a.id)),
      h("td", {}, a.effective || a.signed || "—"), h("td", {}, a.ends || "—"),
      h("td", {}, a.agreement.party.map((p) => `${p.name} (${p.code}${p.role && p.role !== "party" ? `, ${p.role}` : ""})`).join("; "))))))));
}

const today = () => new Date().toISOString().slice(0, 10);
const dayNumber = (d) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86400000);
const dayOf = (n) => new Date(n * 86400000).toISOString().slice(0, 10);

async function viewBoard(id, params) {
  const a = await api(`/api/agreements/${encodeURIComponent(id)}`);
  const start = a.effective_day || a.signed || today();
  const end = today();
  const asOf = params.as_of || end;
  const label = h("strong", { id: "as-of" }, asOf);
  const slider = h("input", { type: "range", id: "as-of-slider", min: dayNumber(start), max: dayNumber(end), value: dayNumber(asOf), "aria-label": "Board as of day" });
  const boardBox = h("div", { id: "board" }, h("p", { class: "muted" }, "Loading…"));
  const historyBox = h("div", { id: "history" }, h("p", { class: "muted" }, "Loading…"));
  const load = async (day) => {
    try {
      boardBox.replaceChildren(boardTable(await api(`/api/agreements/${encodeURIComponent(id)}/board?as_of=${day}`)));
    } catch (e) { boardBox.replaceChildren(failure(e)); }
  };
  slider.addEventListener("input", () => { label.textContent = dayOf(Number(slider.value)); });
  slider.addEventListener("change", () => {
    const day = dayOf(Number(slider.value));
    history.replaceState(null, "", `#/agreements/${encodeURIComponent(id)}?as_of=${day}`);
    load(day);
  });
  show(
    h("h1", {}, a.title),
    h("p", { class: "muted" }, `${a.id} · effective ${a.effective || "?"} UTC${a.ends ? ` · ends ${a.ends}` : ""} · `,
      h("a", { href: `#/${query({ agreement: a.id })}` }, "its parties' events")),
    h("div", { class: "panel" }, h("div", { class: "slider" }, "Board as of", slider, label)),
    h("div", { class: "panel" }, boardBox),
    h("div", { class: "panel" }, h("h2", {}, "How the verdicts moved"), historyBox));
  load(asOf);
  api(`/api/agreements/${encodeURIComponent(id)}/history?to=${end}`)
    .then((hist) => historyBox.replaceChildren(historyTable(hist.changes)))
    .catch((e) => historyBox.replaceChildren(failure(e)));
}

function boardTable(board) {
  const rows = [];
  for (const v of board.verdicts) {
    const evidence = h("tr", { class: "evidence-row", hidden: true }, h("td", { colspan: 8 }, evidenceList(v)));
    rows.push(h("tr", {
      class: "clickable verdict", "data-provision": v.provision, "data-party": v.party,
      onclick: () => { evidence.hidden = !evidence.hidden; },
    },
      h("td", {}, v.provision), h("td", {}, v.kind), h("td", {}, v.party),
      h("td", {}, badge(`status-${v.status}`, v.status)),
      h("td", {}, v.since || "—"), h("td", {}, v.deadline || "—"),
      h("td", {}, `${Math.round(v.confidence * 100)}% · ${v.independent_sources}/${v.sources} sources`),
      h("td", {}, v.progress ? `${v.progress} — ${v.rationale}` : v.rationale)), evidence);
  }
  return h("div", {},
    h("p", { class: "muted" }, `${board.reports_known} reports known by ${board.as_of}. Click a verdict for its evidence.`),
    h("table", {}, h("thead", {}, h("tr", {}, ["Provision", "Kind", "Party", "Verdict", "Since", "Deadline", "Confidence", "Why"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows)));
}

function evidenceList(v) {
  if (!v.evidence.length) return h("p", { class: "muted" }, "No evidence.");
  return h("ul", { class: "evidence" }, v.evidence.map((c) => h("li", {},
    h("a", { href: `#/events/${encodeURIComponent(c.event)}` }, `${c.reported || "?"} · ${c.outlet || c.report}`),
    ` — ${c.role}${c.copy_of ? ` (copy of ${c.copy_of})` : ""}${c.independent ? ", independent" : ""}: `,
    h("span", { class: "sentence" }, c.sentence))),
  v.evidence_total > v.evidence.length ? h("li", { class: "muted" }, `and ${v.evidence_total - v.evidence.length} more`) : null);
}

function historyTable(changes) {
  if (!changes.length) return h("p", { class: "muted" }, "No verdict has moved.");
  return h("table", {}, h("tbody", {}, changes.map((c) => h("tr", {},
    h("td", {}, h("a", { href: `${location.hash.split("?")[0]}?as_of=${c.date}` }, c.date)),
    h("td", {}, `provision ${c.provision}`), h("td", {}, c.party),
    h("td", {}, c.from ? badge(`status-${c.from}`, c.from) : "—", " → ", badge(`status-${c.to}`, c.to)),
    h("td", {}, c.rationale)))));
}

// ------------------------------------------------------------------ reports, search, audit

async function viewDocument(id) {
  const page = await api(`/api/documents/${encodeURIComponent(id)}`);
  const d = page.document;
  show(h("h1", {}, d.title || d.input),
    h("p", { class: "muted" }, `${d.date || "undated"} · ${d.outlet || "unknown outlet"} · ${page.events.length} events`),
    h("div", { class: "grid" },
      h("div", { class: "panel" }, h("div", { class: "report" }, slices(page.text, [...new Map(page.events.map((e) => [e.evidence.span.join(), e.evidence.span])).values()]))),
      h("div", { class: "panel" }, eventTable(page.events))));
}

function marked(snippet) {
  // The server marks matches with U+0001 … U+0002.
  return snippet.split("\u0001").flatMap((part, i) => {
    if (i === 0) return [part];
    const [hit, rest] = part.split("\u0002");
    return [h("mark", {}, hit), rest || ""];
  });
}

async function viewSearch(q) {
  const input = h("input", { name: "q", value: q, size: 40, placeholder: "words in the reports", "aria-label": "Search words" });
  const form = h("form", { class: "filters", role: "search" }, input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = `#/search${query({ q: input.value })}`; });
  if (!q) return show(h("h1", {}, "Search the reports"), h("div", { class: "panel" }, form));
  const hits = await api(`/api/search${query({ q, limit: 100 })}`);
  show(h("h1", {}, "Search the reports"), h("div", { class: "panel" }, form),
    h("div", { class: "panel" }, hits.items.length ? h("ul", { class: "evidence" }, hits.items.map((hit) => h("li", {},
      h("a", { href: `#/documents/${encodeURIComponent(hit.id)}` }, hit.title || hit.id),
      h("span", { class: "muted" }, ` ${hit.date || ""} ${hit.outlet || ""}`), h("div", {}, marked(hit.snippet)))))
      : h("p", { class: "muted" }, "Nothing found.")));
}

async function viewAudit(params) {
  const offset = Number(params.offset || 0);
  const log = await api(`/api/audit${query({ offset, limit: 100 })}`);
  show(h("h1", {}, "Review log"), h("div", { class: "panel" }, log.items.length ? h("table", {},
    h("thead", {}, h("tr", {}, ["When", "Who", "Action", "Event", "Changes", "Note"].map((t) => h("th", {}, t)))),
    h("tbody", {}, log.items.map((r) => h("tr", {},
      h("td", {}, r.at), h("td", {}, r.reviewer), h("td", {}, badge(`review-${r.action}`, r.action)),
      h("td", {}, h("a", { href: `#/events/${encodeURIComponent(r.event)}` }, r.event)),
      h("td", {}, r.changes ? JSON.stringify(r.changes) : ""), h("td", {}, r.note || "")))))
    : h("p", { class: "muted" }, "No review yet.")));
}

// A report pasted in: coded, stored, and the verdicts it changes recomputed.
function viewAdd() {
  const field = (label, input) => h("label", {}, label, input);
  const form = h("form", { class: "review-form", id: "add-report" },
    field("Date", h("input", { type: "date", name: "date", required: true })),
    field("Outlet", h("input", { name: "outlet", placeholder: "as in the outlets file" })),
    field("Title", h("input", { name: "title" })));
  const text = h("textarea", { name: "text", rows: 14, style: "width:100%", placeholder: "The report's text, as it arrived" });
  const status = h("div", { id: "add-status", role: "status" });
  const submit = async (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    status.replaceChildren(h("span", { class: "muted" }, "Coding…"));
    try {
      const body = { text: text.value, date: v.date || undefined, outlet: v.outlet || undefined, title: v.title || undefined };
      const answer = await api("/api/documents", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token()}` },
        body: JSON.stringify(body),
      });
      counts();
      status.replaceChildren(h("p", { class: "ok" },
        `${answer.new ? "Stored" : "Already in the record"}: ${answer.events} events from ${answer.sentences} sentences. `,
        h("a", { href: `#/documents/${encodeURIComponent(answer.id)}`, id: "added" }, "Open the report"),
        answer.alerts.length ? ` — ${answer.alerts.length} verdict(s) turned alarming.` : ""));
    } catch (e) { status.replaceChildren(failure(e)); }
  };
  show(h("h1", {}, "Add a report"),
    h("div", { class: "panel" },
      token() ? null : h("p", { class: "muted" }, "Enter the write token (top right) to add reports."),
      form, text, h("div", { class: "actions" }, h("button", { id: "add-submit", onclick: submit }, "Code and store")), status));
}

// ------------------------------------------------------------------ start

const tokenInput = document.getElementById("token");
tokenInput.value = token();
tokenInput.addEventListener("change", () => localStorage.setItem("truce-token", tokenInput.value.trim()));
window.addEventListener("hashchange", route);
counts();
route();

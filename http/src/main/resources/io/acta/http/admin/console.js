// The operations console: polls the node's /admin/api and draws what it answers. Plain browser
// JavaScript, no build step and no library: the page is a few tables and one chart.
"use strict";

const POLL_MS = 2000;
const HISTORY = 150; // samples kept for the chart: five minutes at one every two seconds
const TOKEN_KEY = "acta.console.token";

const samples = []; // {at, behind, rate}
let lastCommands = null;

const $ = (selector) => document.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function show(target, text, error) {
  const s = $(target);
  s.textContent = text;
  s.className = error ? "error" : "";
}
const status = (text, error = false) => show("#status", text, error);
const outcome = (text, error = false) => show("#action", text, error);

/** Calls the API with the operator's token, if one was given; a 401 asks for one. */
async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/admin/api/" + path, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    $("#login").hidden = false;
    throw new Error("a bearer token with the operator role is needed");
  }
  if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
  return body;
}

function fill(tbody, rows, columns, emptyText) {
  tbody.replaceChildren();
  if (rows.length === 0) {
    tbody.append(el("tr", {}, el("td", { colspan: columns, class: "empty" }, emptyText)));
  }
  for (const r of rows) tbody.append(r);
}

function duration(ms) {
  if (ms == null) return "–";
  if (ms < 1000) return ms + " ms";
  const s = Math.round(ms / 1000);
  return s < 120 ? s + " s" : Math.round(s / 60) + " min";
}

function drawCluster(c) {
  $("#node").textContent = "node " + c.self + (c.leader === c.self ? " (leader)" : "");
  fill(
    $("#members tbody"),
    c.members.map((m) =>
      el(
        "tr",
        { "data-member": m.address },
        el("td", {}, m.address + (m.address === c.leader ? " ★" : "")),
        el("td", { class: m.status === "Up" ? "ok" : "warn" }, m.status),
        el("td", {}, m.roles.join(", ")),
        el("td", { class: m.reachable ? "ok" : "bad" }, m.reachable ? "yes" : "no")
      )
    ),
    4,
    "no members"
  );
  const nodes = c.members.map((m) => m.address);
  const head = $("#shards thead");
  head.replaceChildren(el("tr", {}, el("th", {}, "Entity type"), ...nodes.map((n) => el("th", {}, n))));
  fill(
    $("#shards tbody"),
    Object.entries(c.shards).map(([type, regions]) =>
      el(
        "tr",
        { "data-entity-type": type },
        el("td", {}, type),
        ...nodes.map((n) => {
          const r = regions[n];
          return el("td", { class: "num" }, r ? r.shards + " shards, " + r.entities + " entities" : "–");
        })
      )
    ),
    nodes.length + 1,
    "no entity types"
  );
}

function projectionState(p) {
  if (p.failures.length > 0) return ["stuck", "bad"];
  if (!p.measured) return ["not measured yet", "warn"];
  return p.eventsBehind === 0 ? ["caught up", "ok"] : ["catching up", "warn"];
}

function rebuildCell(p) {
  const r = p.rebuild;
  if (!r) return "";
  const cell = (cls, ...content) => el("span", { class: "rebuild " + cls, "data-rebuild": p.name }, ...content);
  if (r.state === "running" && !r.here)
    return cell("warn", "rebuilding v" + r.version + " on another node, " + r.eventsToGo + " events to go");
  if (r.state === "running") {
    const percent = Math.floor(r.progress * 100);
    return cell(
      "warn",
      "rebuilding v" + r.version + " ",
      el("progress", { max: 100, value: percent }),
      " " + percent + " % (" + r.eventsDone + " of " + r.totalEvents + " events), ETA " +
        duration(r.remainingMillis)
    );
  }
  if (r.state === "done")
    return cell("ok", "rebuilt v" + r.version + ": " + r.totalEvents + " events in " + duration(r.tookMillis));
  return cell("bad", "rebuild of v" + r.version + " failed: " + r.message);
}

function drawProjections(doc) {
  fill(
    $("#projections tbody"),
    doc.projections.map((p) => {
      const [state, cls] = projectionState(p);
      const slices =
        p.kind === "subscription"
          ? "topic " + p.topic + ": " + p.applied + " applied, " + p.parked + " parked (largest partition lag)"
          : p.slices.map((s) => s.entityType + "/" + s.slice + ": " + s.eventsBehind).join("  ");
      const actions = el("td", {});
      if (p.kind === "view") {
        const running = p.rebuild && p.rebuild.state === "running";
        if (!running)
          actions.append(
            el("button", { "data-rebuild-button": p.name, onclick: () => rebuild(p.name) }, "Rebuild")
          );
      }
      return el(
        "tr",
        { "data-projection": p.kind + ":" + p.name },
        el("td", {}, p.kind),
        el("td", {}, p.name),
        el("td", { class: "num" }, p.version ?? "–"),
        el("td", { class: "num lag" }, p.eventsBehind),
        el("td", { class: "num" }, duration(p.timeBehindMillis)),
        el("td", { class: "slices" }, slices),
        el("td", { class: cls }, el("span", {}, state), " ", rebuildCell(p)),
        actions
      );
    }),
    8,
    "no views, reactions or feeds on this node"
  );
  const failures = doc.projections.flatMap((p) => p.failures.map((f) => ({ p, f })));
  fill(
    $("#failures tbody"),
    failures.map(({ p, f }) =>
      el(
        "tr",
        { "data-failure": p.kind + ":" + p.name + ":" + f.persistenceId + "#" + f.sequenceNr },
        el("td", {}, p.kind + " " + p.name),
        el("td", {}, f.persistenceId + " #" + f.sequenceNr),
        el("td", { class: "bad" }, f.message),
        el("td", {}, new Date(f.at).toLocaleTimeString()),
        el("td", {}, el("button", { "data-skip": f.persistenceId + "#" + f.sequenceNr,
          onclick: () => skip(p, f) }, "Skip"))
      )
    ),
    5,
    "none"
  );
}

function drawProcesses(doc) {
  fill(
    $("#in-flight tbody"),
    doc.inFlight.map((p) =>
      el(
        "tr",
        { "data-in-flight": p.processType + "|" + p.processId },
        el("td", {}, p.processType + "|" + p.processId),
        el("td", {}, p.step),
        el("td", {}, new Date(p.since).toLocaleTimeString()),
        el("td", { class: p.due && new Date(p.due) < new Date() ? "warn" : "" },
          p.due ? new Date(p.due).toLocaleString() : "")
      )
    ),
    4,
    "none"
  );
  fill(
    $("#processes tbody"),
    doc.stuck.map((s) => {
      const id = s.processType + "|" + s.processId;
      return el(
        "tr",
        { "data-process": id },
        el("td", {}, id),
        el("td", {}, s.step),
        el("td", { class: "bad" }, s.reason),
        el("td", { class: "num" }, s.attempts),
        el("td", {}, new Date(s.since).toLocaleTimeString()),
        el(
          "td",
          {},
          el("button", { onclick: () => processAction(s, "retry") }, "Retry"),
          " ",
          el("button", { onclick: () => processAction(s, "abandon") }, "Abandon")
        )
      );
    }),
    6,
    "none"
  );
}

/** Asks before any action that changes something; resolves to the reason typed, or null. */
function confirmAction(text, askReason = false) {
  const dialog = $("#confirm");
  $("#confirm-text").textContent = text;
  $("#reason-label").hidden = !askReason;
  $("#reason").value = "";
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => resolve(dialog.returnValue === "yes" ? $("#reason").value || "" : null),
      { once: true }
    );
    dialog.showModal();
  });
}

/** Runs an operator's action; says what it did, or why it could not. */
async function act(done, refused, call) {
  try {
    await call();
    outcome(done);
    await refresh();
  } catch (e) {
    outcome(refused + ": " + e.message, true);
  }
}

async function skip(p, f) {
  const text = "Skip event " + f.persistenceId + " #" + f.sequenceNr + " in " + p.kind + " '" +
    p.name + "'? It will never be applied there.";
  if ((await confirmAction(text)) === null) return;
  const kind = { view: "views", reaction: "reactions", feed: "feeds" }[p.kind];
  const event = f.persistenceId + " #" + f.sequenceNr;
  await act("skipped " + event, "cannot skip " + event, () =>
    api(kind + "/" + encodeURIComponent(p.name) + "/skip", {
      method: "POST",
      body: JSON.stringify({ persistenceId: f.persistenceId, sequenceNr: f.sequenceNr }),
    })
  );
}

async function rebuild(name) {
  const text = "Rebuild view '" + name + "' from the start of the journal? The current version " +
    "keeps serving until the new one has caught up.";
  if ((await confirmAction(text)) === null) return;
  await act("rebuild of " + name + " started", "cannot rebuild " + name, () =>
    api("views/" + encodeURIComponent(name) + "/rebuild", { method: "POST", body: "{}" })
  );
}

async function processAction(s, action) {
  const id = s.processType + "|" + s.processId;
  const reason = await confirmAction(
    action === "retry" ? "Retry the step of process " + id + " now?"
      : "Abandon the step process " + id + " waits on? Its compensation runs.",
    action === "abandon"
  );
  if (reason === null) return;
  await act((action === "retry" ? "retried " : "abandoned ") + id, "cannot " + action + " " + id, () =>
    api("processes/" + encodeURIComponent(s.processType) + "/" + encodeURIComponent(s.processId) +
      "/" + action, { method: "POST", body: JSON.stringify(action === "abandon" ? { reason } : {}) })
  );
}

function record(projections, rates) {
  const behind = projections.projections.reduce((sum, p) => sum + p.eventsBehind, 0);
  const commands = Object.values(rates.commands).reduce((a, b) => a + b, 0);
  let rate = 0;
  if (lastCommands) rate = ((commands - lastCommands.count) * 1000) / Math.max(1, rates.at - lastCommands.at);
  lastCommands = { count: commands, at: rates.at };
  samples.push({ at: rates.at, behind, rate });
  while (samples.length > HISTORY) samples.shift();
}

/** Two lines on their own scales, newest at the right, over a fixed window. */
function drawChart() {
  const svg = $("#chart");
  // Drawn in the element's own pixels, so that text keeps its shape at any window width.
  const w = Math.max(300, svg.clientWidth), h = 160, pad = 14;
  svg.setAttribute("viewBox", "0 0 " + w + " " + h);
  const now = samples.length ? samples[samples.length - 1].at : Date.now();
  const span = HISTORY * POLL_MS;
  const x = (at) => w - ((now - at) / span) * w;
  const line = (key, cls) => {
    const max = Math.max(1, ...samples.map((s) => s[key]));
    const points = samples.map((s) => x(s.at).toFixed(1) + "," + (h - pad - ((h - 2 * pad) * s[key]) / max).toFixed(1));
    const path = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    path.setAttribute("class", cls);
    path.setAttribute("points", points.join(" "));
    const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
    label.setAttribute("x", cls === "lag" ? 4 : w - 4);
    label.setAttribute("y", 11);
    label.setAttribute("text-anchor", cls === "lag" ? "start" : "end");
    label.textContent = "max " + Math.round(max) + (cls === "lag" ? " events" : " /s");
    return [path, label];
  };
  svg.replaceChildren(...line("behind", "lag"), ...line("rate", "rate"));
}

async function refresh() {
  try {
    const [cluster, projections, processes, rates] = await Promise.all([
      api("cluster"),
      api("projections").catch((e) => ({ projections: [], unavailable: e.message })),
      api("processes"),
      api("rates"),
    ]);
    $("#login").hidden = true;
    drawCluster(cluster);
    drawProjections(projections);
    drawProcesses(processes);
    record(projections, rates);
    drawChart();
    status("updated " + new Date().toLocaleTimeString());
  } catch (e) {
    status(e.message, true);
  }
}

// The live tail: the API's Server-Sent Events read through fetch, which (unlike EventSource) can
// send the operator's token.
const TAIL_ROWS = 50;
let tailAbort = null;

async function follow(types) {
  stopFollowing();
  const query = types.map((t) => "type=" + encodeURIComponent(t)).join("&");
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  tailAbort = new AbortController();
  $("#tail-stop").disabled = false;
  $("#tail-state").textContent = "opening the tail";
  try {
    const response = await fetch("/admin/api/events" + (query ? "?" + query : ""), {
      headers,
      signal: tailAbort.signal,
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error((body.error && body.error.message) || response.statusText);
    }
    // Only now: the node has taken the request, and every event persisted from here on comes.
    $("#tail-state").textContent = "following " + (types.length ? types.join(", ") : "every type");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (data) showEvent(JSON.parse(data));
      }
    }
    $("#tail-state").textContent = "the node ended the tail";
  } catch (e) {
    if (e.name !== "AbortError") $("#tail-state").textContent = "tail stopped: " + e.message;
  } finally {
    $("#tail-stop").disabled = true;
  }
}

function stopFollowing() {
  if (tailAbort) tailAbort.abort();
  tailAbort = null;
  $("#tail-state").textContent = "";
}

function showEvent(e) {
  const body = $("#tail tbody");
  body.prepend(
    el(
      "tr",
      { "data-event": e.entityType + "|" + e.entityId + "#" + e.sequenceNr },
      el("td", {}, new Date(e.timestamp).toLocaleTimeString()),
      el("td", {}, e.entityType + "|" + e.entityId),
      el("td", { class: "num" }, e.sequenceNr),
      el("td", {}, e.type),
      el("td", { class: "slices" }, JSON.stringify(e.event))
    )
  );
  while (body.children.length > TAIL_ROWS) body.lastChild.remove();
}

$("#tail-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const types = $("#tail-types").value.split(",").map((t) => t.trim()).filter((t) => t);
  follow(types);
});
$("#tail-stop").addEventListener("click", stopFollowing);

$("#login").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $("#token").value.trim());
  $("#token").value = "";
  refresh();
});

refresh();
setInterval(refresh, POLL_MS);

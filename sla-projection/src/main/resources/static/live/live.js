// The operations page: loads pending SLAs, the last day's breaches and today's met ratio, then keeps them current from
// the server-sent events of api/v1/sla/stream. The stream is read with fetch() rather than EventSource, which cannot send
// the Authorization header; the token (when access control is on) stays in this tab's session storage.
"use strict";

const PENDING_SHOWN = 100;
const RECONNECT_MS = 2000;
const TODAY_REFRESH_MS = 2000;
const DAY_MS = 24 * 3600 * 1000;
const TOKEN_KEY = "incident-sla.token";

const state = {
    pending: new Map(),
    breaches: new Map(),
    contracts: new Set(),
    serverOffsetMs: 0,
    stream: null,
    generation: 0,
    todayTimer: null,
};

const $ = (id) => document.getElementById(id);

function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

function headers(accept) {
    const result = { Accept: accept };
    if (token()) {
        result.Authorization = "Bearer " + token();
    }
    return result;
}

function filters() {
    return { contractId: $("filter-contract").value, severity: $("filter-severity").value };
}

function query(extra) {
    const params = new URLSearchParams();
    const chosen = filters();
    if (chosen.contractId) params.set("contractId", chosen.contractId);
    if (chosen.severity) params.set("severity", chosen.severity);
    Object.entries(extra || {}).forEach(([name, value]) => params.set(name, value));
    const text = params.toString();
    return text ? "?" + text : "";
}

class SignedOut extends Error {
    constructor(status) {
        super("HTTP " + status);
        this.status = status;
    }
}

async function getJson(path) {
    const response = await fetch(path, { headers: headers("application/json") });
    if (response.status === 401 || response.status === 403) throw new SignedOut(response.status);
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
}

// Java's Duration.toString(): PT2H, PT-14M-57.5S, PT0.25S
function durationMs(text) {
    const match = /^PT(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?$/.exec(text || "");
    if (!match) return null;
    return ((+(match[1] || 0)) * 3600 + (+(match[2] || 0)) * 60 + (+(match[3] || 0))) * 1000;
}

function learnServerTime(item) {
    const left = durationMs(item.timeLeft);
    if (left !== null) {
        state.serverOffsetMs = Date.parse(item.dueAt) - left - Date.now();
    }
}

function now() {
    return Date.now() + state.serverOffsetMs;
}

function countdown(ms) {
    const sign = ms < 0 ? "−" : "";
    let seconds = Math.floor(Math.abs(ms) / 1000);
    const days = Math.floor(seconds / 86400);
    seconds -= days * 86400;
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    const rest = seconds % 60;
    const two = (n) => String(n).padStart(2, "0");
    return sign + (days ? days + "d " : "") + (days || hours ? hours + ":" + two(minutes) : minutes) + ":" + two(rest);
}

function clockTime(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    const sameDay = new Date(now()).toDateString() === date.toDateString();
    return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}

function cell(row, text, className, title) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    if (title) td.title = title;
    row.appendChild(td);
    return td;
}

function badge(row, text, kind) {
    const td = document.createElement("td");
    const span = document.createElement("span");
    span.className = "badge " + kind;
    span.textContent = text;
    td.appendChild(span);
    row.appendChild(td);
}

function matches(item) {
    const chosen = filters();
    return (!chosen.contractId || item.contractId === chosen.contractId) && (!chosen.severity || item.severity === chosen.severity);
}

function noteContract(id) {
    if (id && !state.contracts.has(id)) {
        state.contracts.add(id);
        const select = $("filter-contract");
        const option = document.createElement("option");
        option.value = id;
        option.textContent = id;
        const after = [...select.options].slice(1).find((existing) => existing.value > id);
        select.insertBefore(option, after || null);
    }
}

function renderPending() {
    const body = $("pending-body");
    const items = [...state.pending.values()].filter(matches).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const rows = items.slice(0, PENDING_SHOWN).map((item) => {
        const row = document.createElement("tr");
        row.dataset.incident = item.incidentId;
        if (item.fresh) row.classList.add("fresh");
        cell(row, item.incidentId);
        cell(row, item.contractId);
        cell(row, item.severity);
        cell(row, item.program, null, item.rule);
        cell(row, clockTime(item.dueAt), null, item.dueAt);
        const left = cell(row, "", "num countdown");
        left.dataset.due = item.dueAt;
        return row;
    });
    body.replaceChildren(...rows);
    items.forEach((item) => delete item.fresh);
    $("pending-empty").hidden = items.length > 0;
    $("pending-count").textContent = items.length;
    $("at-risk-count").textContent = items.filter((item) => item.warned).length;
    $("pending-note").textContent = items.length > PENDING_SHOWN ? "(the " + PENDING_SHOWN + " nearest of " + items.length + ")" : "";
    tick();
}

function renderBreaches() {
    const body = $("breaches-body");
    const since = now() - DAY_MS;
    const items = [...state.breaches.values()].filter(matches).filter((item) => Date.parse(item.detectedAt) >= since)
        .sort((a, b) => Date.parse(b.detectedAt) - Date.parse(a.detectedAt));
    body.replaceChildren(...items.map((item) => {
        const row = document.createElement("tr");
        row.dataset.incident = item.incidentId;
        if (item.fresh) row.classList.add("fresh");
        cell(row, item.incidentId);
        cell(row, item.contractId);
        cell(row, item.severity);
        cell(row, item.program, null, item.rule);
        cell(row, clockTime(item.dueAt), null, item.dueAt);
        cell(row, clockTime(item.detectedAt), null, item.detectedAt);
        badge(row, item.respondedAt ? "responded late" : "awaiting response", item.respondedAt ? "warn" : "bad");
        return row;
    }));
    items.forEach((item) => delete item.fresh);
    $("breaches-empty").hidden = items.length > 0;
    $("breached-count").textContent = items.length;
}

function pruneBreaches() {
    const since = now() - DAY_MS;
    const old = [...state.breaches.values()].filter((item) => Date.parse(item.detectedAt) < since);
    if (old.length) {
        old.forEach((item) => state.breaches.delete(item.incidentId));
        renderBreaches();
    }
}

function tick() {
    const at = now();
    document.querySelectorAll("#pending-body td.countdown").forEach((td) => {
        const left = Date.parse(td.dataset.due) - at;
        td.textContent = countdown(left);
        const row = td.parentElement;
        const item = state.pending.get(row.dataset.incident);
        row.classList.toggle("overdue", left < 0);
        row.classList.toggle("at-risk", left >= 0 && !!item && (item.warned || Date.parse(item.atRiskAt) <= at));
    });
}

function renderToday(today) {
    $("met-ratio").textContent = today.metRatio === null ? "–" : (today.metRatio * 100).toFixed(1) + " %";
    $("met-detail").textContent = today.met + " met, " + today.breached + " breached";
}

async function refreshToday() {
    try {
        renderToday(await getJson("api/v1/sla/today" + query()));
    } catch (error) {
        handleFailure(error);
    }
}

function refreshTodaySoon() {
    if (!state.todayTimer) {
        state.todayTimer = setTimeout(() => {
            state.todayTimer = null;
            refreshToday();
        }, TODAY_REFRESH_MS);
    }
}

function apply(event, item) {
    noteContract(item.contractId);
    learnServerTime(item);
    item.fresh = true;
    if (event === "pending" || event === "at-risk") {
        state.pending.set(item.incidentId, item);
    } else {
        state.pending.delete(item.incidentId);
    }
    if (event === "breached") {
        state.breaches.set(item.incidentId, item);
        refreshTodaySoon();
    } else if (event === "stopped") {
        const known = state.breaches.get(item.incidentId);
        if (known && item.detectedAt) {
            state.breaches.set(item.incidentId, item);
        }
        refreshTodaySoon();
    }
    renderPending();
    renderBreaches();
}

async function loadSnapshot() {
    const [pending, breaches, today] = await Promise.all([
        getJson("api/v1/sla/pending" + query({ limit: 1000 })),
        getJson("api/v1/sla/breaches?limit=1000"),
        getJson("api/v1/sla/today" + query()),
    ]);
    state.pending = new Map(pending.map((item) => [item.incidentId, item]));
    state.breaches = new Map(breaches.map((item) => [item.incidentId, item]));
    pending.forEach((item) => { noteContract(item.contractId); learnServerTime(item); });
    breaches.forEach((item) => noteContract(item.contractId));
    renderToday(today);
    renderPending();
    renderBreaches();
}

function setConnection(stateName, text) {
    const badgeElement = $("connection");
    badgeElement.dataset.state = stateName;
    badgeElement.textContent = text;
}

function handleFailure(error) {
    if (error instanceof SignedOut) {
        signedOut(error.status);
        return true;
    }
    return false;
}

function signedOut(status) {
    state.generation++;
    if (state.stream) state.stream.abort();
    setConnection("signed-out", status === 403 ? "token lacks sla-reader" : "token needed");
    $("token-reason").textContent = status === 403
        ? "This token does not carry the role sla-reader. Paste another."
        : "This service needs a bearer token with the role sla-reader.";
    $("token-form").hidden = false;
}

// Reads one SSE response: "event:" and "data:" lines, a blank line ends an event, ":" starts a comment.
async function readEvents(response, onEvent, onOpen) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let event = "message";
    let data = [];
    let opened = false;
    for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let newline;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
            if (!opened) {
                opened = true;
                await onOpen();
            }
            if (line === "") {
                if (data.length) onEvent(event, data.join("\n"));
                event = "message";
                data = [];
            } else if (line.startsWith("event:")) {
                event = line.slice(6).trim();
            } else if (line.startsWith("data:")) {
                data.push(line.slice(5).replace(/^ /, ""));
            }
        }
    }
}

async function connect() {
    const generation = ++state.generation;
    if (state.stream) state.stream.abort();
    const controller = new AbortController();
    state.stream = controller;
    setConnection("connecting", "connecting");
    try {
        const response = await fetch("api/v1/sla/stream" + query(), {
            headers: headers("text/event-stream"), signal: controller.signal, cache: "no-store",
        });
        if (response.status === 401 || response.status === 403) throw new SignedOut(response.status);
        if (!response.ok) throw new Error("stream: HTTP " + response.status);
        await readEvents(response, (event, data) => apply(event, JSON.parse(data)), async () => {
            // Connected: whatever commits from now on comes on the stream (read once the snapshot is in), what came
            // before, the snapshot holds.
            await loadSnapshot();
            setConnection("live", "live");
        });
    } catch (error) {
        if (handleFailure(error) || generation !== state.generation) return;
        console.warn("live stream:", error);
    }
    if (generation === state.generation) {
        setConnection("reconnecting", "reconnecting");
        setTimeout(() => { if (generation === state.generation) connect(); }, RECONNECT_MS);
    }
}

function start() {
    $("token-form").addEventListener("submit", (submitted) => {
        submitted.preventDefault();
        const value = $("token-input").value.trim().replace(/^Bearer\s+/i, "");
        if (value) {
            sessionStorage.setItem(TOKEN_KEY, value);
            $("token-input").value = "";
            $("token-form").hidden = true;
            $("sign-out").hidden = false;
            connect();
        }
    });
    $("sign-out").addEventListener("click", () => {
        sessionStorage.removeItem(TOKEN_KEY);
        $("sign-out").hidden = true;
        signedOut(401);
    });
    $("sign-out").hidden = !token();
    $("filter-contract").addEventListener("change", connect);
    $("filter-severity").addEventListener("change", connect);
    setInterval(() => {
        tick();
        pruneBreaches();
    }, 1000);
    connect();
}

start();

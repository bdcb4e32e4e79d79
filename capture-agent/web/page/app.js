// capture-agent's page: the status live from /api/events, the sequences
// from /api/sequences.  No library, no build step; see capture-agent(8).
"use strict";

const $ = (id) => document.getElementById(id);
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const TOKEN = meta("csrf-token");
const ACTIONS = meta("actions") === "yes";
let last = null;		// the last status
let current = null;		// the sequence shown: {name, data}

function ago(ms) {
	if (!ms) return "never";
	const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
	if (s < 60) return `${s} s ago`;
	if (s < 3600) return `${Math.round(s / 60)} min ago`;
	return new Date(ms).toLocaleString();
}

function bytes(n) {
	if (n < 0) return "?";
	const u = ["B", "KB", "MB", "GB", "TB"];
	let i = 0;
	while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
	return `${n.toFixed(i ? 1 : 0)} ${u[i]}`;
}

function badge(el, text, kind) {
	el.textContent = text;
	el.className = "badge" + (kind ? " " + kind : "");
}

function frameUrl(seq, n, camera) {
	return `/api/sequences/${seq}/frames/${n}.jpeg` +
	    (camera ? `?camera=${encodeURIComponent(camera)}` : "");
}

// ---- the status ----

function showStatus(s) {
	last = s;
	const p = s.printer;
	badge($("printer-state"), p.state, p.state === "connected" ? "ok" :
	    p.state === "unreachable" ? "bad" : "");
	$("printer-type").textContent = p.type;
	$("printer-address").textContent = p.address;
	$("printer-poll").textContent = ago(p.last_poll);
	$("printer-error").textContent = p.error ? `${p.error} (${ago(p.error_at)})` : "none";
	const b = s.blocked;
	$("blocked").textContent = b.at ?
	    `${ago(b.at)}, the print waited ${b.ms} ms (${b.count} so far)` :
	    "none yet";
	$("disk").textContent = s.disk.free < 0 ? "?" :
	    `${bytes(s.disk.free)} of ${bytes(s.disk.total)}`;
	const q = s.sequence;
	$("seq-name").textContent = q.name || "no sequence";
	$("seq-name").href = q.name ? `#/sequence/${q.name}` : "#/sequences";
	$("seq-frames").textContent = q.frames;
	$("seq-latest-at").textContent = q.latest_at ? `, the latest ${ago(q.latest_at)}` : "";
	const img = $("latest-frame");
	if (q.name && q.latest > 0) {
		const src = frameUrl(q.name, q.latest, q.latest_camera);
		if (img.dataset.src !== src) {
			img.dataset.src = src;
			img.src = src;
		}
		img.hidden = false;
		$("latest-caption").textContent = `frame ${q.latest}` +
		    (q.latest_camera ? ` (${q.latest_camera})` : "");
	}
	const tb = $("cameras").tBodies[0];
	tb.replaceChildren(...s.cameras.map((c) => {
		const tr = document.createElement("tr");
		const st = document.createElement("span");
		badge(st, c.state, c.state === "ok" ? "ok" : c.state === "failed" ? "bad" : "");
		const td = [c.name, "", c.at ? `${c.ms} ms, ${ago(c.at)}` : ""].map((t) => {
			const d = document.createElement("td");
			d.textContent = t;
			return d;
		});
		td[1].append(st);
		if (c.error) {
			const e = document.createElement("div");
			e.className = "small";
			e.textContent = c.error;
			td[1].append(e);
		}
		tr.append(...td);
		return tr;
	}));
	const r = s.render;
	$("render-state").textContent = r.state;
	$("render-sequence").textContent = r.sequence;
	$("render-progress").hidden = r.state !== "rendering";
	$("render-progress").max = Math.max(1, r.frames);
	$("render-progress").value = r.frame;
	$("render-message").textContent = r.message;
	$("version").textContent = `capture-agent ${s.version}`;
	if (current && current.name === q.name && current.data &&
	    current.data.frames !== q.frames)
		loadSequence(current.name, true);
	if (current && r.sequence === current.name && r.state !== current.render) {
		current.render = r.state;
		if (r.state === "done") loadSequence(current.name, true);
	}
	showRenderNote();
}

// A reconnecting EventSource: the browser retries on a dropped stream;
// one that the server closed for good (an error answer) is made again.
function connect() {
	const es = new EventSource("/api/events");
	es.addEventListener("status", (e) => {
		badge($("conn"), "live", "ok");
		showStatus(JSON.parse(e.data));
	});
	es.onerror = () => {
		badge($("conn"), "reconnecting", "warn");
		if (es.readyState === EventSource.CLOSED)
			setTimeout(connect, 3000);
	};
}

// ---- the sequences ----

async function getJSON(url) {
	const r = await fetch(url, { cache: "no-store" });
	if (!r.ok) throw new Error(`${url}: ${r.status}`);
	return r.json();
}

async function loadSequences() {
	const d = await getJSON("/api/sequences");
	$("sequences-empty").hidden = d.sequences.length > 0;
	$("sequences").replaceChildren(...d.sequences.map((s) => {
		const li = document.createElement("li");
		li.className = "sequence-card";
		const a = document.createElement("a");
		a.href = `#/sequence/${s.name}`;
		const img = document.createElement("img");
		img.loading = "lazy";
		img.alt = `sequence ${s.name}`;
		if (s.frames > 0) img.src = s.thumbnail;
		const name = document.createElement("div");
		name.className = "name";
		name.textContent = new Date(s.started).toLocaleString();
		const facts = document.createElement("div");
		facts.className = "small";
		facts.textContent = `${s.frames} frames, ${bytes(s.bytes)}` +
		    (s.finished ? "" : ", not finished") +
		    (s.cameras.some((c) => c.video) ? ", video" : "");
		a.append(img, name, facts);
		li.append(a);
		return li;
	}));
}

function cameraShown() {
	return current && current.data ? current.data.cameras[$("sq-camera").selectedIndex || 0] : null;
}

// The frame numbers of a camera, from its runs [first, last].
function numbers(cam) {
	const v = [];
	for (const [a, b] of cam.runs || [])
		for (let i = a; i <= b; i++) v.push(i);
	return v;
}

function showCamera(keepPlace) {
	const s = current.data, cam = cameraShown();
	if (!cam) return;
	const nums = numbers(cam);
	current.numbers = nums;
	const sc = $("scrubber");
	const atEnd = Number(sc.value) >= Number(sc.max);
	sc.max = Math.max(0, nums.length - 1);
	if (!keepPlace || atEnd) sc.value = sc.max;
	scrub();
	const q = cam.name ? `?camera=${encodeURIComponent(cam.name)}` : "";
	$("contact-sheet").src = `${cam.contact_sheet}${cam.contact_sheet.includes("?") ? "&" : "?"}t=${s.frames}`;
	const v = $("video");
	if (cam.video) {
		if (!v.src.endsWith(cam.video.url) && !keepPlace) v.src = cam.video.url;
		else if (!v.getAttribute("src")) v.src = cam.video.url;
		v.hidden = false;
		$("video-none").hidden = true;
		$("video-download").hidden = false;
		$("video-download").href = cam.video.url + (q ? "&" : "?") + "download=1";
	} else {
		v.removeAttribute("src");
		v.hidden = true;
		$("video-none").hidden = false;
		$("video-download").hidden = true;
	}
}

function scrub() {
	const i = Number($("scrubber").value), n = current.numbers[i];
	if (n === undefined) {
		$("scrub-label").textContent = "-";
		return;
	}
	$("scrub-label").textContent = `${n} (${i + 1} of ${current.numbers.length})`;
	$("scrub-frame").src = frameUrl(current.name, n, cameraShown().name);
}

async function loadSequence(name, keepPlace) {
	let s;
	try {
		s = await getJSON(`/api/sequences/${name}`);
	} catch (e) {
		$("sq-title").textContent = `No sequence ${name}`;
		return;
	}
	if (!current || current.name !== name) return;
	current.data = s;
	$("sq-title").textContent = `Sequence ${new Date(s.started).toLocaleString()}`;
	$("sq-facts").textContent = `${s.name}: ${s.frames} frames, ${bytes(s.bytes)}` +
	    (s.finished ? ", finished" : ", not finished");
	const sel = $("sq-camera");
	if (sel.options.length !== s.cameras.length) {
		sel.replaceChildren(...s.cameras.map((c) => new Option(c.name || "camera")));
	}
	$("sq-cameras").hidden = s.cameras.length < 2;
	$("frames-download").href = s.download;
	$("sq-actions").hidden = !ACTIONS;
	showCamera(keepPlace);
}

function showRenderNote() {
	if (!current || !last) return;
	const r = last.render;
	$("render-btn").disabled = r.state === "rendering";
	if (r.sequence !== current.name) return;
	if (r.state === "rendering")
		$("action-message").textContent = r.frames ?
		    `rendering: frame ${r.frame} of ${r.frames}` : "rendering...";
	else if (r.state === "done")
		$("action-message").textContent = "rendered";
	else if (r.state === "failed")
		$("action-message").textContent = `the render failed: ${r.message}`;
}

async function post(what) {
	const r = await fetch(`/api/sequences/${current.name}/${what}`, {
		method: "POST", headers: { "X-CSRF-Token": TOKEN },
	});
	const body = await r.json().catch(() => ({}));
	return { ok: r.ok, status: r.status, body };
}

async function render() {
	$("action-message").textContent = "asking for a render...";
	const r = await post("render");
	$("action-message").textContent = r.ok ? "rendering..." :
	    `not rendered: ${r.body.error || r.status}`;
}

function askDelete() {
	$("confirm-name").textContent = current.name;
	$("confirm-frames").textContent = current.data ? current.data.frames : "?";
	$("confirm-delete").showModal();
}

async function confirmed() {
	if ($("confirm-delete").returnValue !== "delete") return;
	const r = await post("delete");
	if (r.ok) location.hash = "#/sequences";
	else $("action-message").textContent = `not deleted: ${r.body.error || r.status}`;
}

// ---- the views ----

function route() {
	const h = location.hash || "#/";
	const m = h.match(/^#\/sequence\/([0-9.-]+)$/);
	for (const v of document.querySelectorAll(".view")) v.hidden = true;
	if (m) {
		if (!current || current.name !== m[1]) {
			current = { name: m[1] };
			$("video").removeAttribute("src");
			$("sq-camera").replaceChildren();
			$("action-message").textContent = "";
		}
		$("view-sequence").hidden = false;
		loadSequence(m[1], false);
		return;
	}
	current = null;
	if (h === "#/sequences") {
		$("view-sequences").hidden = false;
		loadSequences().catch(() => {});
	} else
		$("view-status").hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
	$("scrubber").addEventListener("input", scrub);
	$("sq-camera").addEventListener("change", () => showCamera(false));
	$("render-btn").addEventListener("click", render);
	$("delete-btn").addEventListener("click", askDelete);
	$("confirm-delete").addEventListener("close", confirmed);
	window.addEventListener("hashchange", route);
	setInterval(() => { if (last) showStatus(last); }, 5000);
	route();
	connect();
});

// capture-agent's page in Debian's headless Chromium, driven by
// playwright-core (no browser download: executablePath /usr/bin/chromium).
// Run by tests/e2e/web_browser.sh while the Duet simulator prints and
// the test camera fires: prints "ok - ..." / "not ok - ..." lines.
// Usage: node page.test.js URL SHOTS_DIR README_PNG
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const [url, shots, readmePng] = process.argv.slice(2);
let failed = 0;
function tap(ok, what) {
	console.log(`${ok ? "ok" : "not ok"} - ${what}`);
	if (!ok) failed++;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms) {
	const end = Date.now() + ms;
	let v;
	while (Date.now() < end) {
		try {
			if ((v = await fn())) return v;
		} catch (e) { /* not yet */ }
		await sleep(200);
	}
	return v;
}

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gl-chromium-"));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		viewport: { width: 1100, height: 900 },
		args: ["--headless", "--no-sandbox", "--disable-gpu",
		    "--disable-quic", "--no-first-run",
		    "--disable-background-networking",
		    "--disable-component-update", "--disable-sync"],
		// a fresh --user-data-dir: playwright passes the profile as it
	});
	try {
		const page = ctx.pages()[0] || await ctx.newPage();
		const errors = [];
		page.on("pageerror", (e) => errors.push(String(e)));
		page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
		const offsite = [];
		page.on("request", (r) => { if (!r.url().startsWith(url)) offsite.push(r.url()); });

		await page.goto(url);
		tap(await page.title() === "capture-agent", "the page loads");
		const live = await until("live", async () =>
		    (await page.textContent("#conn")) === "live", 15000);
		tap(live, "the event stream is live");
		const frames = async () => Number(await page.textContent("#seq-frames"));
		const n1 = await until("frames", async () => (await frames()) > 0 && frames(), 60000);
		tap(n1 > 0, `the frame count shows frames (${n1})`);
		const src1 = await until("img", () => page.getAttribute("#latest-frame", "src"), 20000);
		tap(!!src1, `the latest frame is shown (${src1})`);
		await until("loaded", () => page.evaluate(() => {
			const i = document.getElementById("latest-frame");
			return i.complete && i.naturalWidth > 0;
		}), 10000);
		await page.screenshot({ path: path.join(shots, "status-1.png") });
		const n2 = await until("more", async () => (await frames()) > n1 + 2 && frames(), 60000);
		tap(n2 > n1, `the frame count goes up without a reload (${n1} -> ${n2})`);
		const src2 = await until("img2", async () => {
			const s = await page.getAttribute("#latest-frame", "src");
			return s !== src1 && s;
		}, 30000);
		tap(!!src2 && src2 !== src1, `the latest frame changes (${src2})`);
		const natural = await until("decoded", () => page.evaluate(() => {
			const i = document.getElementById("latest-frame");
			return i.complete && i.naturalWidth;
		}), 10000);
		tap(natural === 320, `it is a real frame from the camera (${natural} px wide)`);
		tap((await page.textContent("#printer-state")) === "connected", "the printer shows connected");
		const cam = await page.textContent("#cameras tbody");
		tap(/cam/.test(cam) && /ok/.test(cam), "the camera shows ok");
		tap(/waited/.test(await page.textContent("#blocked")), "the last snapshot's wait is shown");
		tap(/of/.test(await page.textContent("#disk")), "the disk space is shown");
		await page.screenshot({ path: path.join(shots, "status-2.png") });
		if (readmePng) {
			await page.setViewportSize({ width: 960, height: 640 });
			await page.screenshot({ path: readmePng });
			await page.setViewportSize({ width: 1100, height: 900 });
		}

		// wait for the print to end (the status says so), then the list
		const over = await until("over", () => page.evaluate(async () =>
		    !(await (await fetch("/api/status")).json()).sequence.recording), 150000);
		tap(over, "the print ends (gLapseFinish)");
		await page.click("text=Sequences");
		await page.waitForSelector(".sequence-card", { timeout: 10000 });
		const cards = await page.$$(".sequence-card");
		tap(cards.length === 1, `the sequences list shows the sequence (${cards.length})`);
		const thumb = await until("thumb", () => page.evaluate(() => {
			const i = document.querySelector(".sequence-card img");
			return i && i.complete && i.naturalWidth;
		}), 20000);
		tap(thumb > 0, `with a thumbnail (${thumb} px)`);
		tap(/frames/.test(await page.textContent(".sequence-card")), "with its frame count");
		await page.screenshot({ path: path.join(shots, "sequences.png") });

		await page.click(".sequence-card a");
		await page.waitForSelector("#view-sequence:not([hidden])");
		const sheet = await until("sheet", () => page.evaluate(() => {
			const i = document.getElementById("contact-sheet");
			return i.complete && i.naturalWidth;
		}), 30000);
		tap(sheet > 0, `the sequence page shows its contact sheet (${sheet} px)`);
		const max = Number(await until("scrub", () => page.getAttribute("#scrubber", "max"), 10000));
		tap(max + 1 === n2 || max > 0, `the scrubber steps through the frames (0..${max})`);
		await page.fill("#scrubber", "0");
		await page.dispatchEvent("#scrubber", "input");
		const first = await page.getAttribute("#scrub-frame", "src");
		tap(/\/frames\/1\.jpeg$/.test(first), `scrubbed to the first frame (${first})`);
		await page.fill("#scrubber", String(Math.floor(max / 2)));
		await page.dispatchEvent("#scrubber", "input");
		const mid = await page.getAttribute("#scrub-frame", "src");
		tap(mid !== first, `and to the middle (${mid})`);
		tap(await page.isVisible("#video-none"), "no video before a render");

		// render from the page: POST with the token, progress, then the video
		await page.click("#render-btn");
		const rendered = await until("video", () => page.isVisible("#video"), 120000);
		tap(rendered, "the render from the page ends in a video on the page");
		const msg = await page.textContent("#action-message");
		tap(/render/.test(msg), `the page says how the render went (${msg.trim()})`);
		await page.evaluate(() => { const v = document.getElementById("video"); v.muted = true; return v.play(); });
		const t = await until("plays", () => page.evaluate(() =>
		    document.getElementById("video").currentTime > 0.3 &&
		    document.getElementById("video").currentTime), 20000);
		tap(t > 0.3, `the video plays (currentTime ${t})`);
		await page.screenshot({ path: path.join(shots, "sequence.png"), fullPage: true });

		// on a phone
		await page.setViewportSize({ width: 390, height: 844 });
		await sleep(300);
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		tap(wide <= 390, `readable on a phone: no sideways scroll (${wide} px)`);
		await page.screenshot({ path: path.join(shots, "phone.png"), fullPage: true });
		await page.setViewportSize({ width: 1100, height: 900 });

		// delete, with the confirmation
		await page.click("#delete-btn");
		tap(await page.isVisible("#confirm-delete"), "delete asks first");
		await page.click("#confirm-cancel");
		tap(!(await page.isVisible("#confirm-delete")), "cancel keeps it");
		await page.click("#delete-btn");
		await page.click("#confirm-ok");
		await page.waitForSelector("#view-sequences:not([hidden])", { timeout: 10000 });
		const gone = await until("gone", async () =>
		    (await page.$$(".sequence-card")).length === 0, 10000);
		tap(gone, "delete, confirmed, removes the sequence from the list");

		tap(errors.length === 0, `no script errors (${errors.join("; ")})`);
		tap(offsite.length === 0, `nothing loaded from anywhere else (${offsite.join(" ")})`);
	} catch (e) {
		tap(false, `the browser test ran through (${e.message})`);
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
})();

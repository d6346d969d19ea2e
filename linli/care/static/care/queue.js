// The phone's queue of visits typed without a network (IndexedDB "linli-care", one row per visit
// key), its "N 条待发送" banner, and the sending: all waiting visits in one POST to
// /api/v1/care/visits/sync as soon as the network is back (each answered ok or refused; a refused
// one stays on the phone, shown with the reason, until the worker removes it). Rows belong to the
// worker who typed them: another worker on a shared phone neither sees nor sends them, and logout
// clears the whole store (the server's Clear-Site-Data, and this script before the logout form goes).
// Also registers the service worker that keeps the visit pages for a stairwell without signal.
(() => {
  const box = document.querySelector("[data-care-queue]");
  const DB = "linli-care";
  const STORE = "visits";
  const MAX_CHARS = 3 * 1024 * 1024; // per request, under the server's 5 MB
  const user = box ? box.dataset.user : "";

  if ("serviceWorker" in navigator && box && box.dataset.worker) {
    navigator.serviceWorker.register(box.dataset.worker, { scope: box.dataset.scope }).catch(() => {});
  }

  const open = () => new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const run = async (mode, work) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      let result;
      const request = work(t.objectStore(STORE));
      if (request) request.onsuccess = () => { result = request.result; };
      t.oncomplete = () => { db.close(); resolve(result); };
      t.onerror = () => { db.close(); reject(t.error); };
    });
  };
  const mine = async () => ((await run("readonly", (s) => s.getAll())) || []).filter((row) => row.user === user);
  const put = (row) => run("readwrite", (s) => s.put(row));
  const remove = (key) => run("readwrite", (s) => s.delete(key));

  let csrf = "";
  const text = (template, n) => template.replace("{n}", String(n));

  const show = async () => {
    if (!box) return;
    const rows = await mine();
    const waiting = rows.filter((r) => r.state === "waiting");
    const refused = rows.filter((r) => r.state === "refused");
    box.querySelector("[data-queue-count]").textContent = waiting.length ? text(box.dataset.waiting, waiting.length) : "";
    const list = box.querySelector("[data-queue-refused]");
    list.replaceChildren();
    refused.forEach((row) => {
      const li = document.createElement("li");
      li.className = "mb-1";
      li.append(`${row.label || ""} ${new Date(row.body.visited_at).toLocaleString()}：${row.message} `);
      const drop = document.createElement("button");
      drop.type = "button";
      drop.className = "btn btn-sm btn-danger py-0"; // solid: the outline red on the warning yellow is under AA
      drop.textContent = box.dataset.drop;
      drop.addEventListener("click", async () => { await remove(row.key); show(); });
      li.append(drop);
      list.append(li);
    });
    box.querySelector("[data-queue-refused-title]").hidden = !refused.length;
    box.classList.toggle("d-none", !rows.length && !box.querySelector("[data-queue-note]").textContent);
  };
  const note = (message) => {
    if (!box) return;
    box.querySelector("[data-queue-note]").textContent = message;
    show();
  };

  const send = async () => {
    const waiting = (await mine()).filter((r) => r.state === "waiting");
    if (!waiting.length) return;
    let sent = 0;
    try {
      while (waiting.length) {
        const batch = [];
        let size = 0;
        while (waiting.length && batch.length < 200 && (!batch.length || size + JSON.stringify(waiting[0].body).length < MAX_CHARS)) {
          const row = waiting.shift();
          size += JSON.stringify(row.body).length;
          batch.push(row);
        }
        const response = await fetch(box.dataset.sync, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
          body: JSON.stringify({ items: batch.map((r) => r.body) }),
          signal: AbortSignal.timeout ? AbortSignal.timeout(30000) : undefined, // a dead network that says it is up
        });
        const data = await response.json().catch(() => ({}));
        if (!response.ok) { // logged out, or a batch none of which is this worker's: kept, and said
          const message = (data.error && data.error.message) || String(response.status);
          if (response.status === 403 && data.error && data.error.code === "forbidden") {
            for (const row of batch) await put({ ...row, state: "refused", message });
          }
          note(message);
          return;
        }
        const ok = [];
        for (const [i, result] of data.results.entries()) {
          const row = batch[i];
          if (result.status === "ok") { await remove(row.key); sent += 1; ok.push(row.key); }
          else await put({ ...row, state: "refused", message: result.message });
        }
        // The form that queued one of them stops saying it waits (this box says what became of it).
        window.dispatchEvent(new CustomEvent("linli-care-answered", { detail: { keys: batch.map((r) => r.key), sent: ok } }));
      }
      note(sent ? text(box.dataset.sent, sent) : "");
    } catch {
      note(""); // still no network: they wait for the next try
    } finally {
      show();
    }
  };
  let sending = null; // the sending under way: a second call waits for it instead of sending twice
  const flush = () => {
    if (!box || !navigator.onLine) return Promise.resolve();
    if (!sending) sending = send().catch(() => {}).finally(() => { sending = null; });
    return sending;
  };

  const add = async (body, label) => {
    await put({ key: body.key, user, body, label, state: "waiting", queuedAt: new Date().toISOString() });
    await show();
    setTimeout(flush, 3000); // the POST may have failed on a passing gap: try again soon
  };

  window.linliCareQueue = { add, flush, show };
  if (!box) return;
  csrf = box.dataset.csrf;
  window.addEventListener("online", flush);
  setInterval(flush, 20000);
  show().then(flush).catch(() => {});

  // Logout from this phone: what waits is sent first if there is a network; what is still not sent
  // (no network, or refused) is named and the worker asked before it goes; then the store is cleared
  // for the next user. "Cancel" changes nothing: the worker stays logged in, the visits stay queued.
  const logout = document.querySelector(`form[action="${box.dataset.logout}"]`);
  if (logout) {
    logout.dataset.guarded = "1"; // this script sends first and asks: the shell's check stands aside
    logout.addEventListener("submit", async (event) => {
      event.preventDefault();
      await flush().catch(() => {});
      const unsent = await mine().catch(() => []);
      if (unsent.length && !window.confirm(text(box.dataset.logoutWarning, unsent.length))) return;
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(DB);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
      if (window.caches) await caches.delete("linli-care-pages");
      logout.submit();
    });
  }
})();

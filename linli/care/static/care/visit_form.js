// The visit form sends itself as one JSON POST to /api/v1/care/visits with the key the page was
// given, so that a retried or queued submit records one visit: without a network (or when the POST
// never arrives) the visit goes into the phone's queue (care/queue.js) and is sent when it returns. The photo is
// shrunk on the phone and travels inside the JSON. Without this script the form posts as it is.
(() => {
  // crypto.randomUUID exists only in a secure context (https, localhost): a phone on the plain-http
  // intranet address gets a version 4 UUID from getRandomValues, which every browser has.
  const uuid4 = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const form = document.querySelector("form[data-visit-form]");
  if (!form) return;
  const status = form.querySelector("[data-visit-status]");
  const errorBox = document.querySelector("[data-visit-error]");
  const submit = form.querySelector("[data-submit]");
  const csrf = () => form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const all = (name) => [...form.querySelectorAll(`[name="${name}"]`)];
  const checked = (name) => all(name).filter((i) => i.checked).map((i) => i.value);
  const ids = (name) => checked(name).map(Number);

  // Each opening of the form is a new visit, so a new key: a page kept by the service worker for a
  // stairwell (or restored by Back) carries the key of a visit already queued or sent, which would
  // overwrite it in the queue or be answered as it. A retried submit of this opening keeps its key.
  const key = form.querySelector("[name=key]");
  const renew = () => { key.value = uuid4(); };
  let submitted = false;
  renew();
  // Queued offline: the form gives way to "saved on the phone" and the way to the next household;
  // once the queue has sent it, the message says so (a refused one is shown by the queue's box).
  const queued = document.querySelector("[data-visit-queued]");
  const queuedMessage = queued.querySelector("[data-visit-queued-message]");
  const showQueued = () => {
    form.hidden = true;
    queued.classList.remove("d-none");
    queuedMessage.focus();
  };
  window.addEventListener("linli-care-answered", (event) => {
    if (!submitted || !event.detail.keys.includes(key.value)) return;
    status.textContent = "";
    if (event.detail.sent.includes(key.value)) queued.querySelector("[data-visit-queued-text]").textContent = queued.dataset.sentText;
    else queuedMessage.classList.add("d-none"); // Bootstrap's d-flex outranks the hidden attribute
  });
  window.addEventListener("pageshow", (event) => { if (event.persisted && submitted) { renew(); submitted = false; } });

  const addNeed = form.querySelector("[data-add-need]");
  const rows = form.querySelector("[data-need-rows]");
  addNeed.hidden = false;
  addNeed.addEventListener("click", () => {
    const first = rows.querySelector("[data-need-row]");
    const row = first.cloneNode(true);
    const n = rows.children.length;
    row.querySelectorAll("input, select, label").forEach((el) => {
      if (el.id) el.id = el.id.replace(/-\d+$/, `-${n}`);
      if (el.htmlFor) el.htmlFor = el.htmlFor.replace(/-\d+$/, `-${n}`);
      if (el.name === "need_text") el.value = "";
      if (el.name === "need_case") { el.value = String(n); el.checked = false; }
    });
    rows.appendChild(row);
  });

  const shrink = (file) => new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const scale = Math.min(1, 1600 / Math.max(img.width, img.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(img.src);
      resolve(canvas.toDataURL("image/jpeg", 0.8));
    };
    img.onerror = () => { // not drawable here (HEIC …): sent as it is, the server checks what it is
      URL.revokeObjectURL(img.src);
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(new Error("photo"));
      reader.readAsDataURL(file);
    };
    img.src = URL.createObjectURL(file);
  });

  const payload = async () => {
    const needs = [];
    rows.querySelectorAll("[data-need-row]").forEach((row) => {
      const text = row.querySelector("[name=need_text]").value.trim();
      if (!text) return;
      needs.push({
        text,
        category_id: Number(row.querySelector("[name=need_category]").value) || null,
        file_case: row.querySelector("[name=need_case]").checked,
      });
    });
    const proposals = [];
    all("moved_out").filter((i) => i.checked).forEach((i) => proposals.push({ kind: "moved_out", resident_id: Number(i.value) }));
    form.querySelectorAll("input[name^=phone_]").forEach((i) => {
      if (i.value.trim()) proposals.push({ kind: "phone", resident_id: Number(i.name.slice(6)), phone: i.value.trim() });
    });
    const newborn = form.querySelector("[name=newborn_name]").value.trim();
    if (newborn) {
      proposals.push({
        kind: "newborn", name: newborn, gender: form.querySelector("[name=newborn_gender]").value,
        birth_date: form.querySelector("[name=newborn_birth]").value || null,
        relation: form.querySelector("[name=newborn_relation]").value,
      });
    }
    const file = form.querySelector("[name=photo]").files[0];
    return {
      key: key.value,
      household_id: Number(form.dataset.household),
      visited_at: form.querySelector("[name=visited_at]").value || new Date().toISOString(),
      outcome: checked("outcome")[0] || "met",
      purpose: checked("purpose")[0] || "routine",
      seen: ids("seen"),
      findings: checked("findings"),
      note: form.querySelector("[name=note]").value,
      needs,
      proposals,
      photo: file ? await shrink(file) : null,
    };
  };

  const say = (text, isError) => {
    errorBox.textContent = isError ? text : "";
    errorBox.classList.toggle("d-none", !isError);
    status.textContent = isError ? "" : text;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const visitedAt = form.querySelector("[name=visited_at]");
    if (!visitedAt.value) visitedAt.value = new Date().toISOString(); // the moment at the door, kept for a retry
    submit.disabled = true;
    say(form.dataset.sending, false);
    let body;
    try {
      body = await payload();
    } catch {
      submit.disabled = false;
      say(form.dataset.photoError, true);
      return;
    }
    const queue = async () => { // no network: kept on the phone and sent when it returns (care/queue.js)
      if (!window.linliCareQueue) return false;
      try {
        await window.linliCareQueue.add(body, form.dataset.label);
      } catch {
        return false;
      }
      submitted = true;
      say("", false);
      showQueued();
      return true;
    };
    if (!navigator.onLine && (await queue())) return;
    try {
      const response = await fetch(form.dataset.api, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), Accept: "application/json" },
        body: JSON.stringify(body),
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        submitted = true;
        window.location.assign(data.url);
        return;
      }
      say((data.error && data.error.message) || String(response.status), true);
    } catch {
      if (await queue()) return;
      say(form.dataset.offline, true);
    }
    submit.disabled = false;
  });
})();

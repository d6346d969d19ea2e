// Small behaviours of the console; everything works without them too.
document.addEventListener("change", (event) => {
  // A filter select submits its form (the list refreshes through htmx when available).
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});

document.addEventListener("submit", (event) => {
  // An export form sends the filters its list shows now (they change without a page load).
  const form = event.target;
  const source = form.dataset.copyFilters && document.getElementById(form.dataset.copyFilters);
  if (!source) return;
  form.querySelectorAll("input[data-copied]").forEach((input) => input.remove());
  for (const [name, value] of new FormData(source)) {
    if (name === "csrfmiddlewaretoken" || name === "page") continue;
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    input.dataset.copied = "";
    form.appendChild(input);
  }
});

// No inline script anywhere (the Content-Security-Policy forbids it): the behaviours below are
// wired by data- attributes, through delegation, so htmx-swapped content gets them too.

// A form or button with data-confirm asks first; cancelling sends nothing.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    const button = event.submitter;
    const question = (button && button.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);

document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-print], [data-back], [data-set-target], [data-check-all]");
  if (!target) return;
  if (target.matches("[data-print]")) {
    event.preventDefault();
    window.print();
  } else if (target.matches("[data-back]") && window.history.length > 1) {
    event.preventDefault(); // the link's own address is the way back without history
    window.history.back();
  } else if (target.matches("[data-set-target]")) {
    // A hint button fills another field (the suggested case category).
    const field = document.getElementById(target.dataset.setTarget);
    if (field) field.value = target.dataset.setValue;
  } else if (target.matches("[data-check-all]")) {
    document.querySelectorAll(`input[name="${target.dataset.checkAll}"]`).forEach((box) => {
      box.checked = target.checked;
    });
  }
});

// A claimant select ("team:3" or "volunteer:7") fills the form's hidden team and volunteer fields.
function fillClaimant(select) {
  const [kind, id] = select.value.split(":");
  select.form.team.value = kind === "team" ? id : "";
  select.form.volunteer.value = kind === "volunteer" ? id : "";
}

document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-claimant]")) fillClaimant(event.target);
  // The report form is sent to the claim the select names.
  if (event.target.matches("select[data-sets-action]")) event.target.form.action = event.target.value;
});

// Typing in a name filter hides the rows ([data-name]) whose name does not contain it.
document.addEventListener("input", (event) => {
  if (!event.target.matches("input[data-filter-names]")) return;
  const text = event.target.value;
  document.querySelectorAll("[data-name]").forEach((row) => {
    row.hidden = Boolean(text) && !row.dataset.name.includes(text);
  });
});

document.querySelectorAll("select[data-claimant]").forEach(fillClaimant);

// Logout clears the phone's storage (the server's Clear-Site-Data). A module that keeps what was
// typed without a network (care's queued visits) names its IndexedDB store on the logout form; from
// a page without that module's own script, logout first counts what waits there and, if anything
// does, offers to go and send it ("OK") or to stay ("Cancel"): it never logs out over unsent rows.
// A page whose own script guards the logout (it sends first, then asks) marks the form guarded.
(() => {
  const form = document.querySelector("form[data-offline-stores]");
  if (!form || !window.indexedDB) return;
  const count = (name, store) => new Promise((resolve) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.transaction.abort(); // not on this phone: create nothing
    request.onerror = () => resolve(0);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(store)) { db.close(); resolve(0); return; }
      const rows = db.transaction(store).objectStore(store).count();
      rows.onsuccess = () => { db.close(); resolve(rows.result); };
      rows.onerror = () => { db.close(); resolve(0); };
    };
  });
  form.addEventListener("submit", async (event) => {
    if (form.dataset.guarded) return;
    event.preventDefault();
    let waiting = 0;
    let page = "";
    for (const { db, store, url } of JSON.parse(form.dataset.offlineStores || "[]")) {
      const n = await count(db, store);
      if (n && !page) page = url;
      waiting += n;
    }
    if (!waiting) { form.submit(); return; }
    if (window.confirm(form.dataset.offlineWarning.replace("{n}", waiting))) window.location.href = page;
  });
})();

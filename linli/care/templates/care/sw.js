{% autoescape off %}// The visit pages' service worker (served at {{ start }}sw.js, scope {{ start }}): the project's own
// assets are kept at install and answered from the cache; the visit pages are fetched from the
// network and, when there is none, answered with the copy kept the last time. Each page fetched
// online also keeps the visit pages it links to, one step ahead (a unit's rooms, a room's form, the
// form's way back to its stairwell), so the next household can be done without signal. Kept pages
// hold names and rooms only; each carries the time it was kept and is dropped after three days (and
// at logout, by care/queue.js and the server's Clear-Site-Data). The API is never cached: visits
// typed offline wait in the page's IndexedDB queue (care/queue.js).
const VERSION = "{{ version }}";
const ASSETS_CACHE = `linli-care-assets-${VERSION}`;
const PAGES_CACHE = "linli-care-pages";
const ASSETS = {{ assets_json }};
const START = "{{ start }}";
// Only the pages of the visit form are kept (the picker and the form), not records or care plans.
const OFFLINE_PAGES = new RegExp(`^${START}(buildings/\\d+/(units/\\d+/)?|households/\\d+/visit/)?$`);
const MAX_AGE_MS = 3 * 24 * 3600 * 1000;
const KEPT_HEADER = "x-linli-kept-at";
const AHEAD_MAX = 40; // pages kept ahead per page opened (a stairwell's rooms)
const AHEAD_AGAIN_MS = 3600 * 1000; // a page kept ahead less than an hour ago is not fetched again

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(ASSETS_CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("linli-care-assets-") && name !== ASSETS_CACHE) await caches.delete(name);
    }
    await prune();
    await self.clients.claim();
  })());
});

const keptAt = (response) => {
  const kept = Number(response.headers.get(KEPT_HEADER));
  return kept || Date.parse(response.headers.get("date") || "") || 0;
};
const fresh = (response, maxAge = MAX_AGE_MS) => Date.now() - keptAt(response) < maxAge;

// Stale pages are deleted, not only left unused: personal data does not outlive its three days.
async function prune() {
  const cache = await caches.open(PAGES_CACHE);
  for (const request of await cache.keys()) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (!kept || !fresh(kept)) await cache.delete(request, { ignoreVary: true });
  }
}

// A copy stamped with the time it was kept (no Vary: the copy answers the same address offline).
async function keep(cache, url, response) {
  const headers = new Headers(response.headers);
  headers.set(KEPT_HEADER, String(Date.now()));
  headers.delete("vary");
  const body = await response.clone().blob();
  await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

const keepable = (response) => response.ok && !response.redirected && response.type === "basic";

// The visit pages a page links to (only from its HTML's href attributes, same origin).
function linked(html, base) {
  const urls = new Set();
  for (const match of html.matchAll(/href="([^"#?]+)"/g)) {
    const url = new URL(match[1].replaceAll("&amp;", "&"), base);
    if (url.origin === self.location.origin && OFFLINE_PAGES.test(url.pathname) && url.href !== base) urls.add(url.href);
  }
  return [...urls].slice(0, AHEAD_MAX);
}

async function keepAhead(cache, base, html) {
  for (const url of linked(html, base)) { // one after another: a burst would crowd the server
    const kept = await cache.match(url, { ignoreVary: true });
    if (kept && fresh(kept, AHEAD_AGAIN_MS)) continue;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (keepable(response)) await keep(cache, url, response);
    } catch {
      return; // the network went: what is kept is kept
    }
  }
}

async function page(event) {
  const request = event.request;
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response)) {
      await keep(cache, request.url, response);
      const html = await response.clone().text();
      event.waitUntil(keepAhead(cache, request.url, html));
    }
    return response;
  } catch (error) {
    await prune();
    const kept = (await cache.match(request.url, { ignoreVary: true })) || (await cache.match(new URL(START, request.url).href, { ignoreVary: true }));
    if (kept) return kept;
    throw error;
  }
}

async function asset(request) {
  const kept = await caches.match(request);
  return kept || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && OFFLINE_PAGES.test(url.pathname)) {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith("{{ static_prefix }}")) {
    event.respondWith(asset(request));
  }
});
{% endautoescape %}

{% autoescape off %}// The visit pages' service worker (served at {{ start }}sw.js, scope {{ start }}): the project's own
// assets are kept at install and answered from the cache; the visit pages are fetched from the
// network and, when there is none, answered with the copy kept the last time (at most three days
// old: names and rooms only, cleared at logout by the server's Clear-Site-Data). The API is never
// cached: visits typed offline wait in the page's IndexedDB queue (care/queue.js).
const VERSION = "{{ version }}";
const ASSETS_CACHE = `linli-care-assets-${VERSION}`;
const PAGES_CACHE = "linli-care-pages";
const ASSETS = {{ assets_json }};
const START = "{{ start }}";
// Only the pages of the visit form are kept (the picker and the form), not records or care plans.
const OFFLINE_PAGES = new RegExp(`^${START}(buildings/\\d+/(units/\\d+/)?|households/\\d+/visit/)?$`);
const MAX_AGE_MS = 3 * 24 * 3600 * 1000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(ASSETS_CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("linli-care-assets-") && name !== ASSETS_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

const fresh = (response) => {
  const date = Date.parse(response.headers.get("date") || "");
  return Number.isNaN(date) || Date.now() - date < MAX_AGE_MS;
};

async function page(request) {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = (await cache.match(request)) || (await cache.match(START));
    if (kept && fresh(kept)) return kept;
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
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("{{ static_prefix }}")) {
    event.respondWith(asset(request));
  }
});
{% endautoescape %}

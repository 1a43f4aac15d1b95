/* Baza Dobrych Praktyk: the service worker (issue 15, item 5). Registered only over http(s) by
   assets/offline/bdp-offline.js, never from a copy opened from disk.
   - Pages (HTML): network first; a page that loads is kept, and served from the cache when the
     network fails; a page never kept gets offline.html.
   - Other files (styles, scripts, charts, search data): cache first within this build's caches.
   - On request ("Zapisz do czytania bez internetu"): the search page and its data, the site's
     assets and every page of one section, from the list in bdp-offline.json.
   BUILD is stamped at post-build (generator/site/offline.py) with a hash of the site's files:
   a new build installs a new worker, whose activation removes the caches of every older build. */
"use strict";
var BUILD = "__BDP_BUILD__";
var PREFIX = "bdp-";
var PAGES = PREFIX + "strony-" + BUILD;
var FILES = PREFIX + "pliki-" + BUILD;
var SCOPE = new URL(self.registration.scope);
var OFFLINE = new URL("offline.html", SCOPE).href;
var MANIFEST = new URL("bdp-offline.json", SCOPE).href;
var PARALLEL = 6;

function isPage(request, url) {
  return request.mode === "navigate" || /(\/|\.html)$/.test(url.pathname);
}

function keep(cacheName, request, response) {
  if (!response || !response.ok || response.type !== "basic") return Promise.resolve(response);
  var copy = response.clone();
  return caches.open(cacheName).then(function (cache) { return cache.put(request, copy); })
    .then(function () { return response; });
}

function fromCaches(request) {
  return caches.open(PAGES).then(function (pages) {
    return pages.match(request, { ignoreSearch: true }).then(function (found) {
      return found || caches.open(FILES).then(function (files) { return files.match(request, { ignoreSearch: true }); });
    });
  });
}

/* offline.html with a <base> at the site's root, so its links and styles resolve from any folder
   while the address bar keeps the page that was asked for. */
function offlinePage() {
  return fromCaches(new Request(OFFLINE)).then(function (found) {
    if (!found) return new Response("Brak połączenia z internetem.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return found.text().then(function (html) {
      html = html.replace(/<head>/i, '<head><base href="' + SCOPE.href + '">');
      return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function page(request) {
  return fetch(request).then(function (response) {
    return keep(PAGES, request, response);
  }).catch(function () {
    return fromCaches(request).then(function (found) { return found || offlinePage(); });
  });
}

function file(request) {
  return fromCaches(request).then(function (found) {
    return found || fetch(request).then(function (response) { return keep(FILES, request, response); });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(PAGES).then(function (cache) { return cache.add(OFFLINE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== PAGES && name !== FILES;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin) return;
  event.respondWith(isPage(request, url) ? page(request) : file(request));
});

/* Fetches and keeps every URL, PARALLEL at a time; resolves with how many were kept. */
function saveAll(urls) {
  var queue = urls.slice();
  var kept = 0;
  function next() {
    var url = queue.shift();
    if (url === undefined) return Promise.resolve();
    var request = new Request(url);
    return fetch(request).then(function (response) {
      if (!response.ok) return;
      kept += 1;
      return keep(isPage(request, new URL(url)) ? PAGES : FILES, request, response);
    }).catch(function () {}).then(next);
  }
  var workers = [];
  for (var i = 0; i < PARALLEL; i += 1) workers.push(next());
  return Promise.all(workers).then(function () { return kept; });
}

function absolute(paths) {
  return paths.map(function (path) { return new URL(path, SCOPE).href; });
}

/* A section and the search: the manifest names their files. */
function saveSection(section) {
  return fetch(MANIFEST, { cache: "no-store" }).then(function (response) { return response.json(); }).then(function (manifest) {
    var pages = manifest.sections[section] || [];
    return saveAll(absolute(manifest.assets.concat(manifest.search))).then(function (common) {
      return saveAll(absolute(pages)).then(function (saved) {
        return { pages: saved, listed: pages.length, common: common };
      });
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (message) { if (event.source) event.source.postMessage(message); };
  var work;
  if (data.type === "visited") {
    /* The page that registered the worker was loaded before the worker ran: keep it and its files now. */
    work = saveAll([data.url].concat(data.files || [])).then(function (kept) { reply({ type: "visited", kept: kept, build: BUILD }); });
  } else if (data.type === "save") {
    work = saveSection(String(data.section || "")).then(function (result) {
      reply({ type: "saved", pages: result.pages, listed: result.listed, build: BUILD });
    }, function () { reply({ type: "failed" }); });
  } else {
    return;
  }
  event.waitUntil(work);
});

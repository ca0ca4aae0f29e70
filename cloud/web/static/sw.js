// Showfloor's service worker: the app shell offline, and manager alerts as notifications.
//
// The shell (styles, scripts, icons and a floor page with no tenant data, `/shell`, in the
// user's language) is cached at install. Pages go to the network first; when it fails or takes longer than NETWORK_WAIT_MS,
// the cached shell stands in and fills itself once the connection is back. Pages and API
// answers are never cached (they hold tenant data: Cache-Control no-store).
const SHELL_CACHE = "showfloor-shell-v2";
const SHELL = [
  "/shell",
  "/static/style.css",
  "/static/floor.js",
  "/static/confirm.js",
  "/static/pwa.js",
  "/static/manifest.webmanifest",
  "/static/icons/icon-192.png",
  "/static/icons/icon-512.png",
];
const NETWORK_WAIT_MS = 5000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function shell() {
  return caches.match("/shell");
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("slow network")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(withTimeout(fetch(request), NETWORK_WAIT_MS).catch(shell));
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    // The pages link versioned URLs (?v=hash): this very version from the cache at once,
    // else the network (kept for next time), and offline any cached version of the file.
    event.respondWith(
      caches.open(SHELL_CACHE).then((cache) =>
        cache.match(request).then((cached) => {
          const fresh = fetch(request)
            .then((response) => {
              if (response.ok) cache.put(request, response.clone());
              return response;
            })
            .catch(() => cache.match(request, { ignoreSearch: true }));
          return cached || fresh;
        }),
      ),
    );
  }
});

self.addEventListener("push", (event) => {
  let alert = { title: "Showfloor alert", body: "", url: "/floor", tag: "showfloor-alert" };
  try {
    alert = Object.assign(alert, event.data ? event.data.json() : {});
  } catch (err) {
    alert.body = event.data ? event.data.text() : "";
  }
  event.waitUntil(
    self.registration.showNotification(alert.title, {
      body: alert.body,
      tag: alert.tag,
      icon: "/static/icons/icon-192.png",
      data: { url: alert.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || "/floor";
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((windows) => {
      for (const client of windows) {
        if (new URL(client.url).pathname === target && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(target);
    }),
  );
});

// Installable web app: register the service worker (it caches the shell; it shows pushes).
// Once it controls the page, <html data-offline-ready> says the floor opens offline.
(function () {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      document.documentElement.dataset.offlineReady = "yes";
    })
    .catch(() => {
      // no service worker (private mode, plain HTTP off localhost): the pages work as before
    });
})();

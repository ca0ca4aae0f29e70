// Keep the live floor current without reloading the page: server-sent events from
// /floor/events; if the browser has no EventSource or the stream cannot be kept, poll
// /floor/live every 5 s instead (the fallback).
(function () {
  const target = document.getElementById("live");
  if (!target) return;
  let polling = null;

  async function refresh() {
    try {
      const response = await fetch("/floor/live", { credentials: "same-origin" });
      if (response.ok) target.innerHTML = await response.text();
    } catch (err) {
      // offline for a moment: keep what is shown and try again
    }
  }

  function poll() {
    if (polling === null) polling = setInterval(refresh, 5000);
    target.dataset.live = "polling";
  }

  if (!("EventSource" in window)) {
    poll();
    return;
  }
  let failures = 0;
  const source = new EventSource("/floor/events");
  function streaming() {
    failures = 0;
    if (polling !== null) {
      clearInterval(polling);
      polling = null;
    }
    target.dataset.live = "stream";
  }
  source.addEventListener("open", streaming);
  source.addEventListener("floor", function (event) {
    streaming();
    target.innerHTML = event.data;
  });
  source.addEventListener("error", function () {
    // The browser reconnects by itself (with Last-Event-ID) after the server's retry delay;
    // meanwhile, and for good once it gives up, the page polls.
    failures += 1;
    if (source.readyState === EventSource.CLOSED || failures >= 3) poll();
  });
})();

// Subscribe this browser to manager alerts (Web Push) with the chosen alerts and sites.
// What it says comes from the form's data-say-* attributes, in the page's language.
(function () {
  const form = document.getElementById("push-form");
  if (!form) return;
  const state = document.getElementById("push-state");
  function say(name, detail) {
    state.textContent = form.dataset[name].replace("%(detail)s", detail === undefined ? "" : detail);
  }
  function key(base64url) {
    const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    say("sayUnsupported");
    return;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const picked = (name) => Array.from(form.querySelectorAll(`input[name=${name}]:checked`), (i) => i.value);
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        say("sayBlocked");
        return;
      }
      const registration = await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ||
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(form.dataset.key) }));
      const answer = await fetch("/account/alerts/subscriptions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": form.dataset.csrf },
        body: JSON.stringify(Object.assign(subscription.toJSON(), { kinds: picked("kinds"), sites: picked("sites") })),
      });
      if (answer.ok) {
        location.reload();
        return;
      }
      const detail = await answer.json().then((body) => body.detail, () => null);
      say("sayNotSaved", typeof detail === "string" ? detail : answer.status);
    } catch (err) {
      say("sayFailed", err.message);
    }
  });
})();

// Subscribe this browser to manager alerts (Web Push) with the chosen alerts and sites.
(function () {
  const form = document.getElementById("push-form");
  if (!form) return;
  const state = document.getElementById("push-state");
  function say(text) {
    state.textContent = text;
  }
  function key(base64url) {
    const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    say("This browser cannot take push notifications: alerts show on the live floor.");
    return;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const picked = (name) => Array.from(form.querySelectorAll(`input[name=${name}]:checked`), (i) => i.value);
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        say("Notifications are blocked for this site: allow them in the browser's settings.");
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
      if (answer.ok) location.reload();
      else say(`Not saved: ${(await answer.json()).detail || answer.status}`);
    } catch (err) {
      say(`This device could not subscribe (${err.message}): alerts show on the live floor.`);
    }
  });
})();

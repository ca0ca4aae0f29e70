// Refresh the live floor every 5 s without reloading the page.
(function () {
  const target = document.getElementById("live");
  if (!target) return;
  async function refresh() {
    try {
      const response = await fetch("/floor/live", { credentials: "same-origin" });
      if (response.ok) target.innerHTML = await response.text();
    } catch (err) {
      // offline for a moment: keep what is shown and try again
    }
  }
  setInterval(refresh, 5000);
})();

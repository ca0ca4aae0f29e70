// The practice customer's line, spoken by the browser (Web Speech API) where it can speak:
// without speechSynthesis the button stays hidden and the line is read on the page.
(function () {
  "use strict";
  var line = document.getElementById("customer-line");
  var button = document.getElementById("speak-line");
  if (!line || !button || !("speechSynthesis" in window)) {
    return;
  }
  function speak() {
    var utterance = new SpeechSynthesisUtterance(line.textContent.replace(/[“”]/g, ""));
    utterance.lang = line.dataset.lang === "es" ? "es-ES" : "en-US";
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }
  button.hidden = false;
  button.addEventListener("click", speak);
  if (line.dataset.autoplay === "yes") {
    speak();  // the page came from an answer the salesperson just sent
  }
})();

// Scanning a barcode with the phone's or desk's camera where the browser has BarcodeDetector
// (Chromium on Android, desktop Chrome); elsewhere the buttons stay hidden and one types or uses a
// USB scanner (which types). No library is fetched and nothing leaves the page.
(() => {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  const formats = ["ean_13", "ean_8", "code_128", "code_39", "qr_code", "upc_a"];
  let stream = null;
  let running = false;
  const box = document.getElementById("scanner");
  const video = document.getElementById("scanner-video");
  document.querySelectorAll("[data-scan]").forEach((button) => button.classList.remove("d-none"));

  function stop() {
    running = false;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    if (box) box.classList.add("d-none");
  }

  async function scan(target) {
    const detector = new BarcodeDetector({ formats });
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    box.classList.remove("d-none");
    await video.play();
    running = true;
    while (running) {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        target.value = codes[0].rawValue;
        stop();
        target.dispatchEvent(new Event("input", { bubbles: true }));
        if (target.form && !target.dataset.noSubmit) target.form.requestSubmit();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-scan]");
    if (button) {
      const target = document.getElementById(button.dataset.scan);
      if (target && box && video) scan(target).catch(stop);
    } else if (event.target.closest("[data-scan-stop]")) {
      stop();
    }
  });
})();

// The organiser's scanner: the phone's camera in the page, read with the browser's BarcodeDetector
// where it has one, else with jsQR (served by the project, never a CDN). A code read fills the
// check-in form and sends it; the server decides (another event's or community's code is refused).
(function () {
  "use strict";
  var start = document.getElementById("scan-start");
  if (!start) return;
  var video = document.getElementById("scan-video");
  var form = document.getElementById("code-form");
  var input = document.getElementById("code-input");
  var status = document.getElementById("scan-status");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  var sent = false;

  function found(text) {
    if (sent || !text) return;
    sent = true;
    input.value = text;
    form.submit();
  }

  function frame() {
    if (sent || video.readyState < 2) return requestAnimationFrame(frame);
    if (detector) {
      detector.detect(video).then(function (codes) {
        if (codes.length) found(codes[0].rawValue);
        requestAnimationFrame(frame);
      }).catch(function () { requestAnimationFrame(frame); });
      return;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR ? window.jsQR(image.data, image.width, image.height) : null;
    if (code) found(code.data);
    requestAnimationFrame(frame);
  }

  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = start.dataset.noCamera;
      return;
    }
    if ("BarcodeDetector" in window) {
      try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      status.textContent = start.dataset.scanning;
      requestAnimationFrame(frame);
    }).catch(function () { status.textContent = start.dataset.denied; });
  });
})();

// Bring your own data: refuse files over the upload limit before they are sent (a request over the
// server's limit would fail with no message). Capturing listeners on window run before the upload
// component's own handlers; the notice (#dataset-limit-notice, its text rendered by the server in
// the interface language) says which limit.
(function () {
  function tooLarge(files, notice) {
    var limit = Number(notice.getAttribute("data-limit"));
    var total = 0;
    for (var i = 0; i < files.length; i++) { total += files[i].size; }
    return limit > 0 && total > limit;
  }
  function guard(event, files) {
    var zone = event.target.closest && event.target.closest("#dataset-upload");
    var notice = document.getElementById("dataset-limit-notice");
    if (!zone || !notice || !files) { return; }
    if (tooLarge(files, notice)) {
      event.stopImmediatePropagation();
      event.preventDefault();
      notice.hidden = false;
      if (event.target.value !== undefined) { event.target.value = ""; }
    } else {
      notice.hidden = true;
    }
  }
  window.addEventListener("change", function (event) { guard(event, event.target.files); }, true);
  window.addEventListener("drop", function (event) {
    guard(event, event.dataTransfer && event.dataTransfer.files);
  }, true);
})();

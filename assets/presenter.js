// Presenter mode and guided tours: keys and full screen. Served from /assets (the CSP allows no
// inline script). The keys click the visible buttons, so a key does exactly what a click does and
// the URL stays the single source of truth.
(function () {
  "use strict";

  // Keys that step a tour. A clicker sends PageDown/PageUp; arrows and Home/End from a keyboard.
  var STEP_KEYS = {
    ArrowRight: "next", PageDown: "next",
    ArrowLeft: "previous", PageUp: "previous",
    Home: "first", End: "last",
  };

  // Focus in a field that uses these keys itself (text, dropdowns, sliders, checkboxes, radios):
  // the key belongs to the field, never to the tour.
  var FIELD = "input, textarea, select, [contenteditable=''], [contenteditable='true'], " +
    "[role='combobox'], [role='listbox'], [role='option'], [role='slider'], [role='menu'], " +
    ".dash-dropdown, .dash-dropdown-content, .dash-slider, .rc-slider";

  function inField(element) {
    return !!(element && element.closest && element.closest(FIELD));
  }

  function visible(element) {
    return !!(element && !element.closest("[hidden]") && element.offsetParent !== null);
  }

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function enterFullscreen() {
    var root = document.documentElement;
    var request = root.requestFullscreen || root.webkitRequestFullscreen;
    if (!request || fullscreenElement()) { return; }
    // Refused (no user gesture, an iframe, a kiosk browser): the presenter layout works without it.
    var done = request.call(root);
    if (done && done.catch) { done.catch(function () {}); }
  }

  function leaveFullscreen() {
    var exit = document.exitFullscreen || document.webkitExitFullscreen;
    if (!exit || !fullscreenElement()) { return; }
    var done = exit.call(document);
    if (done && done.catch) { done.catch(function () {}); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (inField(event.target) || inField(document.activeElement)) { return; }
    if (event.key === "Escape") {
      var exit = document.getElementById("present-exit");
      if (visible(exit)) { exit.click(); event.preventDefault(); }
      return;
    }
    var action = STEP_KEYS[event.key];
    if (!action) { return; }
    var button = document.querySelector(".tour-bar:not([hidden]) [data-tour-action='" + action + "']");
    if (!button) { return; }
    event.preventDefault();  // PageDown/End would scroll the page too
    if (!button.disabled) { button.click(); }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) { return; }
    if (target.closest(".enter-fullscreen")) { enterFullscreen(); }
    if (target.closest(".present-exit")) { leaveFullscreen(); }
    if (target.closest(".fullscreen-toggle")) {
      if (fullscreenElement()) { leaveFullscreen(); } else { enterFullscreen(); }
    }
  });

  function markFullscreen() {
    document.documentElement.classList.toggle("is-fullscreen", !!fullscreenElement());
  }
  document.addEventListener("fullscreenchange", markFullscreen);
  document.addEventListener("webkitfullscreenchange", markFullscreen);
})();

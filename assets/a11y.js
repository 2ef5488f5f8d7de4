// Accessibility helpers, served from /assets like every script (the CSP allows no inline script).
(function () {
  "use strict";

  // ---- The page's language --------------------------------------------------------------------
  // <html lang="en"> comes from the server (app.py's index). setDocumentLanguage is the hook for the
  // interface-language switch: call it with "en", "fr" or "es" (or wire the clientside callback
  // below to the URL); on load it follows a `lang` query parameter, defaulting to English.
  var LANGUAGES = ["en", "fr", "es"];

  function setDocumentLanguage(lang) {
    var chosen = LANGUAGES.indexOf(lang) >= 0 ? lang : "en";
    if (document.documentElement.lang !== chosen) { document.documentElement.lang = chosen; }
    return chosen;
  }

  function languageFromSearch(search) {
    return new URLSearchParams(search || "").get("lang");
  }

  window.rcpdash = window.rcpdash || {};
  window.rcpdash.setDocumentLanguage = setDocumentLanguage;
  setDocumentLanguage(languageFromSearch(window.location.search));

  // For a Dash clientside callback: Input(url, "search") -> any output; sets <html lang> and
  // returns the language chosen (ClientsideFunction(namespace="a11y", function_name="set_lang")).
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.a11y = {
    set_lang: function (search) { return setDocumentLanguage(languageFromSearch(search)); },
  };

  // ---- Fix-ups for Dash 4.4 components ----------------------------------------------------------
  // Dash 4.4 renders markup that screen readers and axe-core reject; these restore native semantics
  // (they change attributes only, never behaviour) and re-apply whenever React re-renders.
  //
  // 1. Checklist, RadioItems and the options of an open Dropdown: a role="listbox" around
  //    role="option" labels that each wrap a native checkbox or radio (nested interactive controls,
  //    an unnamed listbox). A native input in a <label> is already the accessible pattern (inside our
  //    <fieldset><legend>, or the dropdown's named dialog): drop the roles, keep the inputs.
  // 2. Dropdown: a Tab target <input aria-hidden="true" tabindex="0"> that forwards focus to the
  //    real button (a Safari workaround), so a screen reader lands on a hidden control. Make the
  //    button itself the Tab stop and take the hidden input out of the tab order; name the button by
  //    its visible <label> plus its value (Dash names it by the value alone), and its pop-up dialog by
  //    the same label.
  // 3. Slider: the handle and the "type a value" box have no name; name them by the slider's label.
  function fixOptionLists(root) {
    root.querySelectorAll(".dash-options-list[role]").forEach(function (list) {
      list.removeAttribute("role");
    });
    root.querySelectorAll(".dash-options-list [role=option], .dash-options-list [aria-selected]").forEach(function (o) {
      o.removeAttribute("role");
      o.removeAttribute("aria-selected");
    });
  }

  function labelFor(element) {
    var wrapper = element.closest(".view-option, .filter");
    return wrapper && wrapper.querySelector("label.option-label[id]");
  }

  function fixDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (target) {
      if (target.getAttribute("tabindex") !== "-1") { target.setAttribute("tabindex", "-1"); }
    });
    root.querySelectorAll("button.dash-dropdown").forEach(function (button) {
      if (!button.disabled && button.getAttribute("tabindex") !== "0") { button.setAttribute("tabindex", "0"); }
      var label = labelFor(button);
      var named = button.getAttribute("aria-labelledby") || "";
      if (label && named.split(" ").indexOf(label.id) !== 0) {
        button.setAttribute("aria-labelledby", (label.id + " " + named).trim());
      }
      // The pop-up is a dialog (a search box and a group of native inputs), not a listbox any more.
      if (button.getAttribute("aria-haspopup") !== "dialog") { button.setAttribute("aria-haspopup", "dialog"); }
      var popup = button.getAttribute("aria-controls") && document.getElementById(button.getAttribute("aria-controls"));
      var popupName = label ? label.id : button.id;
      if (popup && popupName && popup.getAttribute("aria-labelledby") !== popupName) {
        popup.setAttribute("aria-labelledby", popupName);
      }
    });
  }

  function fixSliders(root) {
    var unnamed = "input.dash-range-slider-input:not([aria-labelledby]), [role=slider]:not([aria-labelledby])";
    root.querySelectorAll(unnamed).forEach(function (input) {
      var label = labelFor(input);
      if (label) { input.setAttribute("aria-labelledby", label.id); }
    });
    // The timeline's last position means "all years" (one step past 2005): say what its mark says,
    // not the number 2006.
    root.querySelectorAll(".year-slider [role=slider]").forEach(function (handle) {
      var marks = handle.closest(".year-slider").querySelectorAll(".dash-slider-mark");
      var last = marks.length ? marks[marks.length - 1].textContent : "";
      var atEnd = handle.getAttribute("aria-valuenow") === handle.getAttribute("aria-valuemax");
      if (atEnd && last && handle.getAttribute("aria-valuetext") !== last) {
        handle.setAttribute("aria-valuetext", last);
      } else if (!atEnd && handle.hasAttribute("aria-valuetext")) {
        handle.removeAttribute("aria-valuetext");
      }
    });
  }

  function fixAll() {
    fixOptionLists(document);
    fixDropdowns(document);
    fixSliders(document);
  }

  // 4. Dropdown and Space: Space is a button's activation key (the browser clicks it on key-up, which
  //    opens the pop-up), but a searchable Dash dropdown also takes the key-up as the first letter of
  //    a search and toggles the pop-up again, so Space never opened it. Keep that key-up from Dash.
  document.addEventListener("keyup", function (event) {
    if (event.key === " " && event.target.matches && event.target.matches("button.dash-dropdown")) {
      event.stopPropagation();
    }
  }, true);

  // 5. Dropdown options are native radios: ←/→ would check the next one (choosing it and closing the
  //    pop-up, focus lost on the way) where a list's ↑/↓ only move. ←/→ do nothing in the list.
  document.addEventListener("keydown", function (event) {
    if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && event.target.matches &&
        event.target.matches(".dash-dropdown-content input[type=radio]")) {
      event.preventDefault();
    }
  }, true);

  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    // One pass per frame, however many mutations React made in it.
    window.requestAnimationFrame(function () { scheduled = false; fixAll(); });
  }

  function start() {
    fixAll();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["role", "aria-selected", "tabindex", "aria-labelledby", "aria-haspopup", "aria-controls",
                        "aria-valuenow"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

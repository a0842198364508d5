// Records every error in the DOM before anything else runs, so a headless browser (and a
// reader) can tell whether the page rendered cleanly: body[data-errors], #problems.
(function () {
  "use strict";
  var pending = [];
  function record(message) {
    var text = String(message);
    if (!document.body) { pending.push(text); return; }
    var list = document.getElementById("problem-list");
    var box = document.getElementById("problems");
    var count = Number(document.body.dataset.errors || "0") + 1;
    document.body.dataset.errors = String(count);
    if (list && box) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
      box.hidden = false;
    }
  }
  window.accordRecordError = record;
  window.accordFlushErrors = function () { var p = pending; pending = []; p.forEach(record); };
  window.addEventListener("error", function (e) {
    record("error: " + (e.message || e.type) + (e.filename ? " (" + e.filename + ":" + e.lineno + ")" : ""));
  });
  window.addEventListener("unhandledrejection", function (e) {
    var r = e.reason;
    record("unhandled rejection: " + (r && r.message ? r.message : r));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    record("blocked request: " + e.blockedURI + " (" + e.violatedDirective + ")");
  });
  var consoleError = console.error;
  console.error = function () {
    record("console.error: " + Array.prototype.map.call(arguments, String).join(" "));
    return consoleError.apply(console, arguments);
  };
})();

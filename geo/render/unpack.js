/* industry-atlas: run the packed program of the block before this script (packing.py). */
(function (here) {
  var block = here.previousElementSibling;
  function fail(error) {
    var box = here.parentNode.querySelectorAll(".atlas-map");
    for (var i = 0; i < box.length; i++) {
      var note = document.createElement("p");
      note.className = "atlas-fail";
      note.textContent = block.getAttribute("data-atlas-fail") + " (" + error + ")";
      box[i].appendChild(note);
    }
  }
  /* Unpacking ends after the page's load event: a hidden frame whose document stays open
     holds that event back until the program has run, so whatever waits for it (chromium
     --headless --print-to-pdf, a screenshot tool) finds the map drawn. */
  function holdLoad() {
    var none = function () {};
    if (document.readyState === "complete") { return none; }
    try {
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      frame.tabIndex = -1;
      (document.body || document.documentElement).appendChild(frame);
      frame.contentDocument.open();
      return function () { frame.contentDocument.close(); frame.remove(); };
    } catch (error) {  // a host that forbids frames: the map still starts, after load
      if (frame) { frame.remove(); }
      return none;
    }
  }
  var release = holdLoad();
  try {
    var text = atob(block.textContent), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (program) {
      var script = document.createElement("script");
      script.textContent = program;
      here.parentNode.insertBefore(script, here.nextSibling);
    }, fail).then(release, release);
  } catch (error) {
    fail(error);
    release();
  }
})(document.currentScript);

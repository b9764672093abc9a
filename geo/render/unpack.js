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
  try {
    var text = atob(block.textContent), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (program) {
      var script = document.createElement("script");
      script.textContent = program;
      here.parentNode.insertBefore(script, here.nextSibling);
    }, fail);
  } catch (error) {
    fail(error);
  }
})(document.currentScript);

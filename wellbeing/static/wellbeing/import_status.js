// Follow a background workload import: poll its status and reload when it ends.
(function () {
  var box = document.getElementById("import-status");
  if (!box || box.dataset.finished === "1") return;
  var bar = document.getElementById("import-progress");
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (bar) bar.value = data.progress;
        if (data.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();

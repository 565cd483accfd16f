// The people list (issue 13): "select all on this page" ticks every person of the page for the bulk
// assignment. Delegated from the document, so that it also works after htmx replaced the results.
document.addEventListener("change", function (ev) {
  var box = ev.target;
  if (!box || box.id !== "select-all") return;
  document.querySelectorAll("#people-table input[name=person_id]").forEach(function (b) {
    b.checked = box.checked;
  });
});

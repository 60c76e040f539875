// admin-issue.js: drag an issue's articles into order, within their
// section.  Only an addition: without it the arrows beside each article
// do the same (as does this for the keyboard).  On a drop the new order
// of every article is posted by the page's own order form, as the
// buttons post theirs: the server checks and saves it.
"use strict";
(function () {
  var box = document.getElementById("contents");
  var form = document.getElementById("order-form");
  if (!box || !form || !("draggable" in document.createElement("li")))
    return;
  var moving = null;
  var before = "";
  function order() {
    var ids = [];
    box.querySelectorAll(".toc-item").forEach(function (li) {
      ids.push(li.getAttribute("data-id"));
    });
    return ids.join(",");
  }
  box.classList.add("sortable");
  box.querySelectorAll(".toc-item").forEach(function (li) {
    li.setAttribute("draggable", "true");
    li.addEventListener("dragstart", function (e) {
      moving = li;
      before = order();
      li.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", li.getAttribute("data-id"));
    });
    li.addEventListener("dragover", function (e) {
      if (!moving || moving === li || moving.parentNode !== li.parentNode)
        return;
      e.preventDefault();
      var r = li.getBoundingClientRect();
      var after = e.clientY > r.top + r.height / 2;
      li.parentNode.insertBefore(moving, after ? li.nextSibling : li);
    });
    li.addEventListener("drop", function (e) {
      e.preventDefault();
    });
    li.addEventListener("dragend", function () {
      li.classList.remove("dragging");
      moving = null;
      var now = order();
      if (now !== before) {
        form.elements.order.value = now;
        form.submit();
      }
    });
  });
})();

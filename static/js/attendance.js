// Attendance sheet: save a mark without reloading the page. Without this script the buttons are
// plain form submissions, so the sheet works the same (just with a reload per tap).
(function () {
  "use strict";

  function updateRow(form, status, label) {
    var row = form.closest(".attendance-row");
    row.className = row.className.replace(/\bis-\w+/g, "").trim() + " is-" + status;
    form.querySelectorAll("button[name=status]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.value === status ? "true" : "false");
    });
    var current = row.querySelector("[data-status-label]");
    if (current) { current.textContent = label; }
  }

  function submitMark(event) {
    var form = event.target;
    var button = event.submitter;
    if (!button || button.name !== "status" || !window.fetch) { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.set("status", button.value);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("not saved"); }
      return response.json();
    }).then(function (result) {
      updateRow(form, result.status, button.textContent.trim());
    }).catch(function () {
      form.submit();
    });
  }

  document.querySelectorAll("[data-attendance-form]").forEach(function (form) {
    form.addEventListener("submit", submitMark);
  });
})();

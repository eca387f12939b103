// The console's sign-in: posts the form with fetch; on success goes to the console, otherwise shows why.
"use strict";
(function () {
  function start() {
    var form = document.getElementById("login-form");
    var error = document.getElementById("login-error");
    var submit = document.getElementById("login-submit");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      error.textContent = "";
      submit.disabled = true;
      fetch("/console/login", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)).toString()
      }).then(function (response) {
        if (response.ok) {
          window.location.assign("/console/");
          return null;
        }
        return response.json().then(function (body) {
          var message = body && body.error && body.error.message;
          error.textContent = message || "Sign-in failed (HTTP " + response.status + ").";
        }, function () {
          error.textContent = "Sign-in failed (HTTP " + response.status + ").";
        });
      }, function () {
        error.textContent = "The router could not be reached.";
      }).finally(function () {
        submit.disabled = false;
        document.getElementById("credential").focus();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Keyward admin area: small, dependency-free enhancements of server-rendered pages.
//
// Every feature works without this script (links lead to equivalent pages, forms post normally);
// the script adds dialogs, the inline description editor, copy buttons and in-place table updates.
// It never builds markup from strings it did not receive from the server, and sets user-visible
// text only through textContent.
(function () {
  "use strict";

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var sprite = document.body.getAttribute("data-sprite") || "";

  // ------------------------------------------------------------------ helpers

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var use = document.createElementNS(ns, "use");
    use.setAttribute("href", sprite + "#" + name);
    svg.appendChild(use);
    return svg;
  }

  function here() {
    return location.pathname + location.search;
  }

  function request(method, url, options) {
    options = options || {};
    var headers = { "X-Keyward-Fragment": options.fragment || "1" };
    if (method !== "GET") {
      headers["X-CSRF-Token"] = csrfToken;
      headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
    }
    return fetch(url, {
      method: method,
      headers: headers,
      body: options.body,
      credentials: "same-origin",
      redirect: "follow",
    }).then(function (response) {
      // The session ended: go where the server says (the sign-in page).
      var location401 = response.headers.get("X-Keyward-Location");
      if (response.status === 401 && location401) {
        window.location.assign(location401);
        throw new Error("signed out");
      }
      return response;
    });
  }

  function parseFragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  var liveRegion = document.createElement("div");
  liveRegion.className = "visually-hidden";
  liveRegion.setAttribute("aria-live", "polite");
  document.body.appendChild(liveRegion);

  function announce(text) {
    liveRegion.textContent = "";
    window.setTimeout(function () {
      liveRegion.textContent = text;
    }, 30);
  }

  // ------------------------------------------------------------------ menus

  var dropdowns = Array.prototype.slice.call(document.querySelectorAll("details[data-dropdown]"));

  dropdowns.forEach(function (dropdown) {
    dropdown.addEventListener("toggle", function () {
      if (!dropdown.open) return;
      dropdowns.forEach(function (other) {
        if (other !== dropdown) other.open = false;
      });
    });
    dropdown.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dropdown.open) {
        dropdown.open = false;
        dropdown.querySelector("summary").focus();
      }
    });
  });

  document.addEventListener("click", function (event) {
    dropdowns.forEach(function (dropdown) {
      if (dropdown.open && !dropdown.contains(event.target)) dropdown.open = false;
    });
  });

  // ------------------------------------------------------------------ dialogs

  var focusableSelector =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
    'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

  function focusables(container) {
    return Array.prototype.filter.call(container.querySelectorAll(focusableSelector), function (element) {
      return element.offsetParent !== null || element === document.activeElement;
    });
  }

  var openers = new WeakMap();

  function openDialog(dialog, opener) {
    openers.set(dialog, opener || document.activeElement);
    if (!dialog.open) dialog.showModal();
    var body = dialog.querySelector(".modal-body") || dialog;
    var first = focusables(body)[0];
    (first || dialog.querySelector(".modal-close") || dialog).focus();
  }

  function closeDialog(dialog) {
    if (dialog.open) dialog.close();
  }

  function enhanceDialog(dialog) {
    dialog.addEventListener("click", function (event) {
      // A click on the backdrop lands on the dialog element itself, outside its content box.
      if (event.target === dialog) {
        var rect = dialog.getBoundingClientRect();
        var inside =
          event.clientX >= rect.left &&
          event.clientX <= rect.right &&
          event.clientY >= rect.top &&
          event.clientY <= rect.bottom;
        if (!inside) closeDialog(dialog);
      }
      var closer = event.target.closest("[data-close]");
      if (closer && dialog.contains(closer)) {
        event.preventDefault();
        closeDialog(dialog);
      }
    });
    // Keep Tab and Shift+Tab inside the open dialog.
    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;
      var items = focusables(dialog);
      if (items.length === 0) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    dialog.addEventListener("close", function () {
      var opener = openers.get(dialog);
      if (opener && document.contains(opener) && typeof opener.focus === "function") opener.focus();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("dialog.modal"), enhanceDialog);

  // The confirmation dialog: links with data-confirm post to data-confirm-action; forms with
  // data-confirm-form are submitted as they are once confirmed.
  var confirmDialog = document.getElementById("confirm-dialog");
  var pendingForm = null;

  function confirmWith(source, action) {
    if (!confirmDialog) return false;
    var form = document.getElementById("confirm-form");
    document.getElementById("confirm-title").textContent = source.getAttribute("data-confirm-title") || "Are you sure?";
    document.getElementById("confirm-message").textContent = source.getAttribute("data-confirm-message") || "";
    var submit = document.getElementById("confirm-submit");
    submit.textContent = source.getAttribute("data-confirm-button") || "Confirm";
    var returnField = form.querySelector('input[name="return"]');
    if (!returnField) {
      returnField = document.createElement("input");
      returnField.type = "hidden";
      returnField.name = "return";
      form.appendChild(returnField);
    }
    returnField.value = here();
    form.setAttribute("action", action || "");
    openDialog(confirmDialog, source);
    submit.focus();
    return true;
  }

  if (confirmDialog) {
    document.getElementById("confirm-form").addEventListener("submit", function (event) {
      if (pendingForm) {
        event.preventDefault();
        var form = pendingForm;
        pendingForm = null;
        closeDialog(confirmDialog);
        form.submit();
      }
    });
    confirmDialog.addEventListener("close", function () {
      pendingForm = null;
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey) return;
    pendingForm = null;
    if (confirmWith(link, link.getAttribute("data-confirm-action"))) event.preventDefault();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-confirm-form")) return;
    event.preventDefault();
    if (confirmWith(form, "")) pendingForm = form;
  });

  // ------------------------------------------------------------------ server-rendered dialogs

  var fragmentDialog = document.getElementById("fragment-dialog");

  function showFragment(html) {
    var content = parseFragment(html);
    var root = content.querySelector(".fragment");
    var body = document.getElementById("fragment-body");
    document.getElementById("fragment-title").textContent = root ? root.getAttribute("data-title") : "";
    body.replaceChildren.apply(body, Array.prototype.slice.call((root || content).childNodes));
    openDialog(fragmentDialog);
  }

  function openFragment(url, opener, size) {
    fragmentDialog.classList.remove("modal-md", "modal-sm");
    if (size) fragmentDialog.classList.add("modal-" + size);
    var body = document.getElementById("fragment-body");
    var loading = document.createElement("p");
    loading.className = "modal-loading";
    loading.textContent = "Loading…";
    body.replaceChildren(loading);
    document.getElementById("fragment-title").textContent = "";
    openers.set(fragmentDialog, opener);
    if (!fragmentDialog.open) fragmentDialog.showModal();
    request("GET", url)
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        showFragment(html);
        openers.set(fragmentDialog, opener);
      })
      .catch(function () {
        if (fragmentDialog.open) window.location.assign(url);
      });
  }

  if (fragmentDialog) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-dialog]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      openFragment(link.getAttribute("href"), link, link.getAttribute("data-dialog-size"));
    });

    // Forms inside the dialog post in place: the answer replaces the dialog's content, or (204)
    // names the page to go to.
    fragmentDialog.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute("data-dialog-form")) return;
      event.preventDefault();
      var buttons = form.querySelectorAll('button[type="submit"]');
      Array.prototype.forEach.call(buttons, function (button) {
        button.disabled = true;
      });
      var body = new URLSearchParams(new FormData(form));
      request("POST", form.getAttribute("action"), { body: body })
        .then(function (response) {
          if (response.status === 204) {
            var next = response.headers.get("X-Keyward-Location");
            closeDialog(fragmentDialog);
            if (next) window.location.assign(next);
            else window.location.reload();
            return null;
          }
          return response.text().then(showFragment);
        })
        .catch(function () {
          Array.prototype.forEach.call(buttons, function (button) {
            button.disabled = false;
          });
        });
    });

    fragmentDialog.addEventListener("close", function () {
      var body = document.getElementById("fragment-body");
      var reload = body.querySelector("[data-reload-on-close]");
      body.replaceChildren();
      if (!reload) return;
      var table = document.querySelector("[data-table]");
      if (table) refreshTable(table, here());
      else window.location.reload();
    });
  }

  // ------------------------------------------------------------------ copy buttons

  function fallbackCopy(input) {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) return;
    var label = button.querySelector(".copy-label");
    var done = function (ok) {
      button.classList.toggle("copied", ok);
      if (label) label.textContent = ok ? "Copied" : "Press Ctrl+C";
      announce(ok ? "Copied to the clipboard" : "Select the text and copy it with Ctrl+C");
      if (!ok) {
        input.focus();
        input.select();
      }
      window.setTimeout(function () {
        button.classList.remove("copied");
        if (label) label.textContent = "Copy";
      }, 2500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () {
          done(true);
        },
        function () {
          done(fallbackCopy(input));
        }
      );
    } else {
      done(fallbackCopy(input));
    }
  });

  // ------------------------------------------------------------------ the credentials table

  var tableRequests = 0;

  function refreshTable(table, url) {
    var id = ++tableRequests;
    table.classList.add("is-loading");
    return request("GET", url, { fragment: "table" })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        if (id !== tableRequests) return;
        var fresh = parseFragment(html).querySelector("[data-table]");
        if (!fresh) return;
        ["thead", "tbody", ".table-footer"].forEach(function (selector) {
          var current = table.querySelector(selector);
          var next = fresh.querySelector(selector);
          if (current && next) current.replaceWith(next);
        });
        var caption = table.querySelector("caption");
        var nextCaption = fresh.querySelector("caption");
        if (caption && nextCaption) caption.textContent = nextCaption.textContent;
        // Keep the form's hidden sort fields in step with the table.
        var form = table.querySelector("[data-table-form]");
        var freshForm = fresh.querySelector("[data-table-form]");
        if (form && freshForm) {
          Array.prototype.forEach.call(form.querySelectorAll('input[type="hidden"]'), function (input) {
            input.remove();
          });
          Array.prototype.forEach.call(freshForm.querySelectorAll('input[type="hidden"]'), function (input) {
            form.insertBefore(input, form.firstChild);
          });
        }
        history.replaceState(null, "", url);
        table.classList.remove("is-loading");
        var info = table.querySelector(".table-info");
        if (info) announce(info.textContent);
      })
      .catch(function () {
        if (id === tableRequests) window.location.assign(url);
      });
  }

  function tableURL(table, form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "" && !(key === "length" && value === "10")) params.set(key, value);
    });
    var query = params.toString();
    return (table.getAttribute("data-table-url") || location.pathname) + (query ? "?" + query : "");
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-table]"), function (table) {
    var form = table.querySelector("[data-table-form]");
    var search = table.querySelector("[data-table-search]");
    var length = table.querySelector("[data-table-length]");
    var timer = 0;
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        window.clearTimeout(timer);
        refreshTable(table, tableURL(table, form));
      });
    }
    if (search) {
      search.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          refreshTable(table, tableURL(table, form));
        }, 250);
      });
    }
    if (length) {
      length.addEventListener("change", function () {
        refreshTable(table, tableURL(table, form));
      });
    }
    table.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-table-link], .pagination a");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var focusTarget = link.hasAttribute("data-table-link") ? link.textContent : null;
      refreshTable(table, link.getAttribute("href")).then(function () {
        if (focusTarget === null) return;
        var again = Array.prototype.find.call(table.querySelectorAll("a[data-table-link]"), function (candidate) {
          return candidate.textContent === focusTarget;
        });
        if (again) again.focus();
      });
    });
  });

  // ------------------------------------------------------------------ inline description edit

  function startInlineEdit(link) {
    var cell = link.parentNode;
    var form = document.createElement("form");
    form.className = "inline-editor";
    form.noValidate = true;
    var input = document.createElement("input");
    input.type = "text";
    input.name = "description";
    input.maxLength = 255;
    input.value = link.getAttribute("data-value") || "";
    input.setAttribute("aria-label", link.getAttribute("data-label") || "Description");
    var save = document.createElement("button");
    save.type = "submit";
    save.className = "btn-icon btn-save";
    save.setAttribute("aria-label", "Save description");
    save.title = "Save";
    save.appendChild(icon("check"));
    form.appendChild(input);
    form.appendChild(save);
    var error = document.createElement("span");
    error.className = "inline-error";
    error.setAttribute("role", "alert");
    link.hidden = true;
    cell.appendChild(form);
    cell.appendChild(error);
    input.focus();
    input.select();

    function finish() {
      form.remove();
      error.remove();
      link.hidden = false;
      link.focus();
    }

    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        finish();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      save.disabled = true;
      var body = new URLSearchParams();
      body.set("description", input.value);
      body.set("return", here());
      request("POST", link.getAttribute("data-action"), { body: body })
        .then(function (response) {
          return response.text().then(function (text) {
            if (!response.ok) {
              save.disabled = false;
              error.textContent = text || "The description could not be saved.";
              input.focus();
              return;
            }
            var fresh = parseFragment(text).querySelector("[data-inline-edit]");
            cell.replaceChildren(fresh);
            fresh.focus();
            announce("Description saved");
          });
        })
        .catch(function () {
          save.disabled = false;
          error.textContent = "The description could not be saved. Check your connection and try again.";
        });
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-inline-edit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    startInlineEdit(link);
  });

  // ------------------------------------------------------------------ select all

  function bindSelectAll(container, onChange) {
    var all = container.querySelector("[data-select-all]");
    var boxes = Array.prototype.slice.call(container.querySelectorAll("input[data-action-checkbox]"));
    if (!all || boxes.length === 0) return function () {};
    all.closest("label").hidden = false;
    function sync() {
      var checked = boxes.filter(function (box) {
        return box.checked;
      }).length;
      all.checked = checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
      if (onChange) onChange(checked, boxes.length);
    }
    all.addEventListener("change", function () {
      boxes.forEach(function (box) {
        box.checked = all.checked;
      });
      sync();
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", sync);
    });
    sync();
    return sync;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-check-group]"), function (group) {
    bindSelectAll(group);
  });

  // ------------------------------------------------------------------ the role editor

  Array.prototype.forEach.call(document.querySelectorAll("[data-action-picker]"), function (picker) {
    var links = Array.prototype.slice.call(picker.querySelectorAll("a[data-category]"));
    var panels = Array.prototype.slice.call(picker.querySelectorAll("[data-category-panel]"));
    picker.classList.add("is-enhanced");

    function show(slug, focusPanel) {
      panels.forEach(function (panel) {
        panel.hidden = panel.getAttribute("data-category-panel") !== slug;
      });
      links.forEach(function (link) {
        if (link.getAttribute("data-category") === slug) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      if (focusPanel) {
        var first = picker.querySelector('[data-category-panel="' + slug + '"] input');
        if (first) first.focus();
      }
    }

    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        show(link.getAttribute("data-category"), false);
      });
    });

    panels.forEach(function (panel) {
      var slug = panel.getAttribute("data-category-panel");
      var badge = picker.querySelector('[data-category-count="' + slug + '"]');
      bindSelectAll(panel, function (checked, total) {
        if (badge) badge.textContent = checked + "/" + total;
      });
    });

    if (links.length > 0) show(links[0].getAttribute("data-category"), false);
  });
})();

/* The calendar views' filter: by channel, owner, status and tier.

   The build brings everything: each filterable line (a month grid's chip, an
   agenda's or a week's row, a schedule's row) carries data-channel,
   data-owner, data-status and data-tiers; plan-choices.js (written by the
   build, loaded before this) sets window.planFilterChoices, the plan's
   choices and the bar's words in its language; a page marks where its bar
   goes (form[data-plan-filter], data-without naming a choice it has not).
   This script builds the bar and only compares: it hides what does not
   match and says how many are shown. Lines without data-status (key dates)
   are landmarks and always stay.

   The choice is remembered in localStorage, so it follows the reader from
   page to page, and written into the page's address (?owner=...), so a link
   shares it; an address that names a choice wins over the remembered one.
   A choice the page has no select for (the channel, on a channel's own
   page) is kept for the next page, not applied here.

   No request, no dependency. With Material's instant navigation the page
   body is replaced without a load: Material's document$ says when. */
(function () {
  "use strict";

  var KEY = "community-plan.filter";
  var NAMES = ["channel", "owner", "status", "tier"];
  var HIDDEN = "plan-filtered"; // a class, not [hidden]: it wins over the line's own display

  function remembered() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {}; // storage blocked or spoiled: start from nothing
    }
  }

  function remember(choice) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(choice));
    } catch (error) {
      /* storage blocked (a private window): the address still carries it */
    }
  }

  function selects(form) {
    var found = {};
    NAMES.forEach(function (name) {
      var select = form.querySelector("select[name='" + name + "']");
      if (select) found[name] = select;
    });
    return found;
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var found = null;
    NAMES.forEach(function (name) {
      if (params.has(name)) {
        found = found || {};
        found[name] = params.get(name);
      }
    });
    return found;
  }

  function toAddress(choice, present) {
    var url = new URL(window.location.href);
    NAMES.forEach(function (name) {
      if (present[name] && choice[name]) url.searchParams.set(name, choice[name]);
      else url.searchParams.delete(name);
    });
    if (url.href === window.location.href) return;
    try {
      window.history.replaceState(window.history.state, "", url.href); // Material keeps its scroll offset there
    } catch (error) {
      /* some browsers refuse on file:// pages: the choice is still remembered */
    }
  }

  // a line's facets: from its data attributes, or one `channel|owner|status|tiers`
  // of a day's "+n" link (the items past its chips; `-`: a landmark)
  function facetsOf(element) {
    return {
      channel: element.getAttribute("data-channel") || "",
      owner: element.getAttribute("data-owner") || "",
      status: element.getAttribute("data-status") || "",
      tiers: element.getAttribute("data-tiers") || ""
    };
  }

  function restOf(text) {
    return text.split(";").map(function (one) {
      if (one === "-") return null;
      var parts = one.split("|");
      return { channel: parts[0], owner: parts[1], status: parts[2], tiers: parts[3] || "" };
    });
  }

  function matches(facets, choice) {
    if (facets === null) return true; // a landmark
    if (choice.channel && facets.channel !== choice.channel) return false;
    if (choice.owner && facets.owner !== choice.owner) return false;
    if (choice.status && facets.status !== choice.status) return false;
    if (choice.tier && (" " + facets.tiers + " ").indexOf(" " + choice.tier + " ") < 0) return false;
    return true;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text; // text, never markup: names come from the plan
    return made;
  }

  function build(form, choices) {
    var without = (form.getAttribute("data-without") || "").split(" ");
    form.setAttribute("aria-label", choices.label);
    form.setAttribute("data-count", choices.count);
    form.setAttribute("data-more", choices.more);
    form.appendChild(element("span", "plan-filter__title", choices.label));
    choices.selects.forEach(function (choice) {
      if (without.indexOf(choice.name) >= 0) return;
      var field = element("label", "plan-filter__field");
      field.appendChild(element("span", "plan-filter__label", choice.label));
      var select = element("select");
      select.name = choice.name;
      select.appendChild(new Option(choices.every, ""));
      choice.options.forEach(function (option) { select.appendChild(new Option(option[1], option[0])); });
      field.appendChild(select);
      form.appendChild(field);
    });
    var reset = element("button", "plan-filter__reset", choices.reset);
    reset.type = "reset";
    form.appendChild(reset);
    var count = element("output", "plan-filter__count");
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
  }

  function apply(root, form, choice) {
    var shown = 0;
    var total = 0;
    root.querySelectorAll("[data-status]").forEach(function (element) {
      var keep = matches(facetsOf(element), choice);
      element.classList.toggle(HIDDEN, !keep);
      if (!element.closest(".plan-month")) { // a grid's chips repeat the agenda's rows: counted once
        total += 1;
        if (keep) shown += 1;
      }
    });
    // a busy day of a month grid: its "+n" counts the items past its chips that
    // match (a key date there only while nothing is chosen: it is no one's work)
    var more = form.getAttribute("data-more") || "+{n}";
    var active = NAMES.some(function (name) { return choice[name]; });
    root.querySelectorAll("table.plan-month .plan-day__more[data-rest]").forEach(function (link) {
      var n = restOf(link.getAttribute("data-rest")).filter(function (facets) {
        return facets === null ? !active : matches(facets, choice);
      }).length;
      link.classList.toggle(HIDDEN, n === 0);
      link.textContent = more.replace("{n}", String(n));
    });
    root.querySelectorAll(".plan-agenda__day").forEach(function (day) {
      day.classList.toggle(HIDDEN, !day.querySelector("li.plan-item:not(." + HIDDEN + ")"));
    });
    root.querySelectorAll(".plan-week__day").forEach(function (day) {
      var empty = day.querySelector(".plan-week__empty");
      if (empty) empty.classList.toggle(HIDDEN, Boolean(day.querySelector("li.plan-item:not(." + HIDDEN + ")")));
    });
    form.classList.toggle("plan-filter--active", active);
    var count = form.querySelector(".plan-filter__count");
    if (count) {
      count.textContent = (form.getAttribute("data-count") || "{shown}/{total}")
        .replace("{shown}", String(shown))
        .replace("{total}", String(total));
    }
  }

  function setUp(form) {
    var choices = window.planFilterChoices;
    if (!choices || form.querySelector("select")) return; // no choices written, or built already
    build(form, choices);
    var root = form.closest("article") || document.body;
    var present = selects(form);
    var choice = remembered();
    var given = fromAddress();
    if (given) {
      // a shared link says the whole choice of the page it was made on
      Object.keys(present).forEach(function (name) { choice[name] = given[name] || ""; });
      remember(choice);
    }
    function applied() {
      var here = {};
      Object.keys(present).forEach(function (name) {
        var select = present[name];
        select.value = choice[name] || "";
        if (select.value !== (choice[name] || "")) select.value = ""; // not a choice of this site
        select.classList.toggle("plan-filter__select--chosen", Boolean(select.value));
        here[name] = select.value;
      });
      return here;
    }
    function update() {
      var here = applied();
      apply(root, form, here);
      toAddress(here, present);
    }
    Object.keys(present).forEach(function (name) {
      present[name].addEventListener("change", function () {
        choice = remembered(); // another tab may have chosen meanwhile
        choice[name] = present[name].value;
        remember(choice);
        update();
      });
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      choice = {}; // everything, the choices this page has no select for too
      remember(choice);
      update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update();
  }

  function setUpPage() {
    document.querySelectorAll("form[data-plan-filter]").forEach(setUp);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpPage); // every page, the first and each instant one
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPage);
  } else {
    setUpPage();
  }
})();

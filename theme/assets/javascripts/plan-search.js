/* A Chinese query searched whole. Material's search worker cuts each run of
   Chinese characters in a query into the words of its index, but never tries
   the run's last character (its loop stops one short: `segment` in
   integrations/search/query/segment), so 周岚 is searched as 周* and finds
   every 周二 and 周四, and 川西徒步 as 川西* 徒*. Its own algorithm is right
   once the run has one character more: this script, loaded before Material's
   bundle, adds one (END, a Kangxi radical no text uses) to every run of a
   query on its way to the worker. The search plugin's separator holds the
   same character (QUERY_END in generator/build/mkdocs/search.py), so where
   the worker keeps a run whole the character is cut off again as a word
   break. The search box is left as the reader typed it.

   Only Material's worker (the one `__config` names) and only its query
   messages ({type: 2, data: "<query>"}) are touched: any other worker, or
   another engine's (Zensical's queries are objects), goes through as it is. */
(function () {
  "use strict";
  var END = "\u2fd5";
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var HAN = /\p{sc=Han}+/gu;
  var Native = window.Worker;
  var config = document.getElementById("__config");
  if (typeof Native !== "function" || !config) return;
  var worker;
  try {
    worker = new URL(JSON.parse(config.textContent).search, document.baseURI).href;
  } catch (error) {
    return;
  }

  function whole(message) {
    if (!message || message.type !== QUERY || typeof message.data !== "string") return message;
    return { type: message.type, data: message.data.replace(HAN, function (run) { return run + END; }) };
  }

  function SearchAwareWorker(url, options) {
    var made = new Native(url, options);
    if (new URL(String(url), document.baseURI).href === worker) {
      var post = made.postMessage;
      made.postMessage = function (message, transfer) {
        return post.call(made, whole(message), transfer);
      };
    }
    return made;
  }
  SearchAwareWorker.prototype = Native.prototype;
  window.Worker = SearchAwareWorker;
})();

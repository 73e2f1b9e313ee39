/*
 * Sightline async snippet. Paste it inline in <head>; its one value to edit is the bundle URL
 * (the last argument): where you host sightline.min.js, or an npm CDN's URL for an exact
 * version (see the README's "The script files"). It defines a stub `window.sightline` that queues
 * every call with the time it was made, returns `{ promise }` for each, and loads the bundle
 * without blocking the page. The bundle replays the queue in order. No eval: works under a
 * strict Content-Security-Policy; a nonce on this inline script is passed on to the bundle.
 */
(function (window, document, name, src) {
  if (window[name]) return;
  var methods = (
    'init track logEvent identify groupIdentify setGroup revenue setUserId setDeviceId setSessionId extendSession ' +
    'reset flush setOptOut setConsent add remove setTransport preview'
  ).split(' ');

  // A stub client: each call is queued as [method, args, time, resolve] until the bundle
  // replays it; later calls go straight to the real client (`_r`).
  function stub(target) {
    target._q = [];
    methods.forEach(function (method) {
      target[method] = function () {
        var args = [].slice.call(arguments);
        if (target._r) return target._r[method].apply(target._r, args);
        var call = [method, args, Date.now()];
        target._q.push(call);
        return {
          promise: new Promise(function (resolve) {
            call.push(resolve);
          }),
        };
      };
    });
    return target;
  }

  // Identify / Revenue builders before load: record the calls, the bundle rebuilds them.
  function builder(type) {
    return function Builder() {
      var self = this;
      self._q = [];
      self._t = type;
      return new Proxy(self, {
        get: function (object, key) {
          return key in object
            ? object[key]
            : function () {
                object._q.push([key, [].slice.call(arguments)]);
                return this;
              };
        },
      });
    };
  }

  var sdk = stub({});
  sdk._i = [];
  sdk.createInstance = function () {
    var instance = stub({});
    sdk._i.push(instance);
    return instance;
  };
  sdk.Identify = builder('i');
  sdk.Revenue = builder('r');
  window[name] = sdk;

  var script = document.createElement('script');
  var current = document.currentScript;
  script.async = true;
  script.src = src;
  if (current && current.nonce) script.nonce = current.nonce;
  document.head.appendChild(script);
})(window, document, 'sightline', '/sightline.min.js');

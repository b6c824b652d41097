#!/bin/sh
# Opens the sample report's index.html in headless Chromium with a probe script injected into a
# copy of the page: it records window errors, console.error calls, failed resources and images that
# did not decode (a broken SVG), then writes a summary into the DOM, which --dump-dom prints.
# Usage: chromium_check.sh WRITER OUTDIR. Exit 77 (skip) without chromium.
set -eu
writer=$1
out=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIPPED: chromium is not installed (scripts/install-deps.sh --test installs it); the report was NOT checked in a browser" >&2
    exit 77
fi
rm -rf "$out"
mkdir -p "$out"
"$writer" "$out/report"
cat > "$out/report/fwsize-probe.js" <<'JS'
window.__errors = [];
window.onerror = function (m) { window.__errors.push('onerror: ' + m); };
window.addEventListener('error', function (e) {
  if (e.target && e.target !== window) window.__errors.push('resource: ' + (e.target.src || e.target.href));
}, true);
(function () {
  var ce = console.error, cw = console.warn;
  console.error = function () { window.__errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); };
  console.warn = function () { window.__errors.push('console.warn: ' + Array.prototype.join.call(arguments, ' ')); cw.apply(console, arguments); };
})();
window.addEventListener('load', function () {
  var imgs = document.images;
  for (var i = 0; i < imgs.length; i++)
    if (!imgs[i].complete || imgs[i].naturalWidth === 0) window.__errors.push('image not decoded: ' + imgs[i].getAttribute('src'));
  var p = document.createElement('pre');
  p.id = 'fwsize-probe';
  p.textContent = 'FWSIZE-PROBE images=' + imgs.length + ' errors=' + window.__errors.length + ' ' + window.__errors.join(' | ');
  document.body.appendChild(p);
});
JS
sed 's#<head>#<head><script src="fwsize-probe.js"></script>#' "$out/report/index.html" > "$out/report/index-probe.html"
profile="$out/profile"
"$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-first-run \
    --allow-file-access-from-files --virtual-time-budget=10000 --enable-logging=stderr --v=0 \
    --dump-dom "file://$out/report/index-probe.html" > "$out/dom.html" 2> "$out/chromium.log" || {
    echo "chromium failed; its log:" >&2
    cat "$out/chromium.log" >&2
    exit 1
}
plots=$(ls "$out/report/plots" | wc -l)
probe=$(grep -o 'FWSIZE-PROBE[^<]*' "$out/dom.html" || true)
echo "$probe"
if [ -z "$probe" ]; then
    echo "the probe never ran (no load event?); chromium log:" >&2
    cat "$out/chromium.log" >&2
    exit 1
fi
# Console messages Chromium itself logged for the page (besides the probe's own record).
if grep -E 'CONSOLE.*(Uncaught|Error|error)' "$out/chromium.log" >&2; then
    echo "console errors in the chromium log" >&2
    exit 1
fi
case "$probe" in
"FWSIZE-PROBE images=$plots errors=0 "*) echo "OK: $plots plots decoded, no console errors" ;;
*)
    echo "expected images=$plots errors=0" >&2
    exit 1
    ;;
esac

// Progressive enhancement of the election record (decision 0003: a few lines of our own, no inline script):
// as the officer types, the form is posted to its preview handler and the result region is swapped in.
// Without this file the "计算结果" button does the same by a plain post back.
(function () {
    'use strict';
    var form = document.getElementById('election-form');
    if (!form || !window.fetch || !window.DOMParser) return;
    var url = form.getAttribute('data-preview');
    var timer = null;
    var pending = null;

    function refresh() {
        if (pending) pending.abort();
        pending = new AbortController();
        fetch(url, { method: 'POST', body: new FormData(form), credentials: 'same-origin', signal: pending.signal })
            .then(function (response) { return response.text(); })
            .then(function (html) {
                var next = new DOMParser().parseFromString(html, 'text/html').getElementById('election-result');
                var current = document.getElementById('election-result');
                if (next && current) current.replaceWith(next);
            })
            .catch(function () { /* offline or aborted: the button still counts */ });
    }

    form.addEventListener('input', function (event) {
        if (!event.target || event.target.type !== 'number') return;
        clearTimeout(timer);
        timer = setTimeout(refresh, 400);
    });
}());

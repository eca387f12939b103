/*
 * The overview page: every replica sharing the store (up or stale, this one marked), the window's totals summed over
 * all of them (requests/s, p50/p99 latency, error rate, tokens, cost, model loads and swaps) and the same per minute
 * as charts. One call (GET /admin/overview?window=15m|1h) on load and every 5 s while the page is shown. Below, a card
 * of the last 24 hours from the usage history (GET /admin/usage?group_by=model&bucket=none, once), or its message
 * when usage history is off, and a card of this replica's response cache (GET /admin/cache, once), or its message when
 * the cache is off.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const WINDOWS = [['15m', 'Last 15 minutes'], ['1h', 'Last hour']];

    /** The stat tiles: key (data-stat), label, value from the totals. */
    const STATS = [
        ['rps', 'Requests/s', (t) => C.fmt.num(t.requests_per_second, 3)],
        ['p50', 'p50 latency', (t) => C.fmt.ms(t.p50_ms)],
        ['p99', 'p99 latency', (t) => C.fmt.ms(t.p99_ms)],
        ['error_rate', 'Error rate', (t) => C.fmt.pct(t.error_rate)],
        ['tokens', 'Tokens', (t) => C.fmt.num(t.tokens, 0)],
        ['cost', 'Cost', (t) => C.fmt.usd(t.cost_usd)],
        ['loads', 'Model loads', (t) => C.fmt.num(t.model_loads, 0)],
        ['swaps', 'Model swaps', (t) => C.fmt.num(t.model_swaps, 0)],
    ];

    /** The charts: metric (data-metric), title, series from the per-minute figures. */
    const CHARTS = [
        ['requests', 'Requests per minute', (s) => [{label: 'requests', values: s.requests}]],
        ['latency', 'Latency (ms)', (s) => [{label: 'p50', values: s.p50_ms, unit: 'ms'}, {label: 'p99', values: s.p99_ms, unit: 'ms'}]],
        ['errors', 'Errors per minute', (s) => [{label: 'errors', values: s.errors}]],
        ['tokens', 'Tokens per minute', (s) => [{label: 'tokens', values: s.tokens}]],
        ['cost', 'Cost per minute (USD)', (s) => [{label: 'cost', values: s.cost_usd, unit: 'USD'}]],
        ['pool', 'Model loads and swaps per minute', (s) => [{label: 'loads', values: s.model_loads}, {label: 'swaps', values: s.model_swaps}]],
    ];

    function ago(epochSeconds) {
        if (epochSeconds === undefined || epochSeconds === null) {
            return '—';
        }
        return C.fmt.duration(Math.max(0, Date.now() / 1000 - epochSeconds)) + ' ago';
    }

    C.page('overview', {
        title: 'Overview',
        render: async (main, ctx) => {
            const select = el('select', {id: 'window', name: 'window'},
                WINDOWS.map(([value, text]) => el('option', {value, text})));
            const updated = el('span', {id: 'overview-updated', class: 'muted', 'aria-live': 'off'});
            const values = {};
            const tiles = STATS.map(([key, label]) => {
                values[key] = el('div', {class: 'value', 'data-stat': key, text: '—'});
                return el('div', {class: 'card stat'}, el('div', {class: 'label', text: label}), values[key]);
            });
            const windowNote = el('p', {class: 'muted overview-note'});
            const replicasBox = el('div', {id: 'replicas-box'});
            const usageBox = el('div', {id: 'usage-card-box'}, el('p', {class: 'muted', text: 'Loading…'}));
            const cacheBox = el('div', {id: 'cache-card-box'}, el('p', {class: 'muted', text: 'Loading…'}));
            const charts = {};
            const chartCards = CHARTS.map(([metric, title]) => {
                charts[metric] = el('div', {class: 'chart', 'data-metric': metric, role: 'img', 'aria-label': title});
                return el('section', {class: 'card'}, el('h2', {text: title}), charts[metric]);
            });

            C.append(main,
                el('div', {class: 'toolbar'},
                    el('h1', {text: 'Overview'}),
                    el('span', {class: 'spacer'}),
                    el('label', {for: 'window', text: 'Window'}), select, updated),
                el('h2', {text: 'Replicas'}),
                replicasBox,
                el('h2', {text: 'All replicas together'}),
                windowNote,
                el('div', {class: 'cards overview-stats'}, tiles),
                el('div', {class: 'grid overview-charts'}, chartCards),
                el('section', {class: 'card overview-usage', id: 'usage-card', 'aria-labelledby': 'usage-card-title'},
                    el('h2', {id: 'usage-card-title', text: 'Usage (last 24 h, from the usage history)'}), usageBox),
                el('section', {class: 'card overview-usage', id: 'cache-card', 'aria-labelledby': 'cache-card-title'},
                    el('h2', {id: 'cache-card-title', text: 'Response cache (this replica)'}), cacheBox));

            let busy = false;
            async function load() {
                if (busy) {
                    return;
                }
                busy = true;
                try {
                    show(await C.get('/admin/overview?window=' + encodeURIComponent(select.value)));
                } finally {
                    busy = false;
                }
            }

            function show(data) {
                const totals = data.totals || {};
                for (const [key, , value] of STATS) {
                    values[key].textContent = value(totals);
                }
                windowNote.textContent = C.fmt.num(totals.requests, 0) + ' requests, ' + C.fmt.num(totals.errors, 0) +
                    ' errors, ' + C.fmt.num(totals.prompt_tokens, 0) + ' prompt and ' + C.fmt.num(totals.completion_tokens, 0) +
                    ' completion tokens over the last ' + (data.window_seconds >= 3600 ? 'hour' : Math.round(data.window_seconds / 60) + ' minutes') +
                    ', per minute below.';
                showReplicas(data.replicas || []);
                const series = data.series || {t: []};
                for (const [metric, , pick] of CHARTS) {
                    const lines = pick(series).map((s) => Object.assign({}, s, {values: s.values || []}));
                    C.chart(charts[metric], {t: series.t || [], series: lines}, {height: 170});
                }
                updated.textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · live every 5 s';
            }

            function showReplicas(replicas) {
                const rows = replicas.slice().sort((a, b) => (b.self - a.self) || String(a.id).localeCompare(String(b.id)));
                C.replace(replicasBox, C.table([
                    {key: 'id', label: 'Replica', render: (r) => [el('code', {text: r.id}),
                        r.self ? [' ', el('span', {class: 'badge', text: 'this replica'})] : null]},
                    {key: 'health', label: 'Health', render: (r) => el('span', {class: 'badge ' + (r.healthy ? 'ok' : 'bad'),
                        title: r.healthy ? 'Heartbeat within 15 s' : 'No heartbeat for more than 15 s', text: r.healthy ? 'up' : 'stale'})},
                    {key: 'last_seen', label: 'Last heartbeat', render: (r) => ago(r.last_seen)},
                    {key: 'started_at', label: 'Started', render: (r) => C.fmt.time(r.started_at)},
                    {key: 'experts', label: 'Experts', num: true},
                    {key: 'loaded_models', label: 'Loaded models', num: true},
                    {key: 'version', label: 'Version'},
                ], rows, {id: 'replicas', class: 'replicas', rowId: (r) => r.id}));
                replicasBox.querySelectorAll('tbody tr').forEach((tr, i) => {
                    if (rows[i].self) {
                        tr.classList.add('self');
                        tr.setAttribute('aria-current', 'true');
                    }
                });
                if (rows.length === 0) {
                    C.append(replicasBox, el('p', {class: 'muted', text: 'No replica has published a heartbeat yet.'}));
                }
            }

            select.addEventListener('change', () => { load().catch((e) => C.showError(e)); });
            ctx.every(5000, load);
            // The usage history card loads once; it never holds the page back (nor fails it).
            if (C.usageCard) {
                C.usageCard(usageBox);
            }
            if (C.cacheCard) {
                C.cacheCard(cacheBox);
            }
            await load();
        },
    });
})();

/*
 * The usage page: the usage history kept in PostgreSQL (coe.usage.datasource.url), in two tabs.
 * Summary: grouped by key, expert, skill or model over the last 24 h, 7 d or 30 d, per hour or day: requests and cost
 * over time (charts of the busiest groups) and a table per group (requests, errors, tokens, cost, p50/p95/p99
 * latency) with a CSV download of the same query. Calls GET /admin/usage twice: the chosen bucket for the charts, and
 * bucket=none for the table (percentiles of a whole range cannot be summed from its buckets).
 * Requests: the request log (GET /admin/requests) filtered by key, expert and status, newest first, with "Load more"
 * (before = the page's last_id) and each request's record (GET /admin/requests/{id}).
 * With usage history off the API answers enabled=false and a message, which the page shows in place of both tabs; with
 * only the request log off (coe.usage.request-log.enabled), its message shows in the Requests tab.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const GROUPS = [['key', 'Key'], ['expert', 'Expert'], ['skill', 'Skill'], ['model', 'Model']];
    const RANGES = [['24h', 'Last 24 hours', 24 * 3600], ['7d', 'Last 7 days', 7 * 24 * 3600], ['30d', 'Last 30 days', 30 * 24 * 3600]];
    const BUCKETS = [['hour', 'Per hour'], ['day', 'Per day'], ['none', 'Whole range']];
    const STATUSES = [['', 'Any'], ['ok', 'Succeeded'], ['error', 'Failed']];
    /** Groups drawn as their own line in the requests chart; the rest are summed into "other". */
    const CHART_GROUPS = 5;
    const PAGE_SIZE = 50;

    /** An ISO instant without milliseconds, {@code seconds} before the current minute (the API takes to = now). */
    function isoAgo(seconds) {
        return new Date(Math.floor(Date.now() / 60000) * 60000 - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }

    function query(params) {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) {
            if (v !== undefined && v !== null && v !== '') {
                q.set(k, v);
            }
        }
        return q.toString();
    }

    /** The usage-history-is-off note: the API's own message, as text. */
    function offNote(id, message) {
        return el('p', {id, class: 'note', role: 'status', 'data-usage': 'off',
            text: message || 'Usage history is off on this router.'});
    }

    /** "1 request", "3 requests". */
    const count = (n, word) => C.fmt.num(n, 0) + ' ' + word + (Number(n) === 1 ? '' : 's');

    /** A logged request's fields, whichever of the API's spellings it uses. */
    const logged = {
        key: (r) => (r.key_id !== undefined ? r.key_id : r.key),
        input: (r) => (r.usage ? r.usage.prompt_tokens : r.input_tokens),
        output: (r) => (r.usage ? r.usage.completion_tokens : r.output_tokens),
        error: (r) => (r.error ? [r.error.kind, r.error.code].filter(Boolean).join(' / ') : r.error_code),
        skills: (r) => (r.skills || []).map((s) => (s && typeof s === 'object' ? s.id + (s.score !== undefined
            ? ' (' + C.fmt.num(s.score, 2) + ')' : '') : String(s))).join(', '),
    };
    const GOOD = new Set(['ok', 'answered', 'success', 'succeeded']);

    /** A summary of a row set: the sums the table's footer shows. */
    function totals(rows) {
        const t = {requests: 0, errors: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0};
        for (const r of rows) {
            for (const k of Object.keys(t)) {
                t[k] += Number(r[k] || 0);
            }
        }
        return t;
    }

    /**
     * Per-bucket chart series over the whole range [from, to) in steps of the bucket (UTC hours or days), empty buckets
     * as zero: the busiest groups' requests (the rest as "other"), and the cost of all groups.
     */
    function series(rows, from, to, bucket) {
        const step = bucket === 'day' ? 86400 : 3600;
        const start = Math.floor(Date.parse(from) / 1000 / step) * step;
        const end = Date.parse(to) / 1000;
        const t = [];
        for (let s = start; s < end && t.length < 10000; s += step) {
            t.push(s);
        }
        const byGroup = new Map();
        for (const r of rows) {
            byGroup.set(String(r.group), (byGroup.get(String(r.group)) || 0) + Number(r.requests || 0));
        }
        const top = [...byGroup.entries()].sort((a, b) => b[1] - a[1]).slice(0, CHART_GROUPS).map(([g]) => g);
        const lines = new Map(top.map((g) => [g, t.map(() => 0)]));
        const other = t.map(() => 0);
        const cost = t.map(() => 0);
        for (const r of rows) {
            const i = Math.floor((Date.parse(r.bucket) / 1000 - start) / step);
            if (!(i >= 0 && i < t.length)) {
                continue;
            }
            (lines.get(String(r.group)) || other)[i] += Number(r.requests || 0);
            cost[i] += Number(r.cost_usd || 0);
        }
        const requestSeries = top.map((g) => ({label: g, values: lines.get(g)}));
        if (byGroup.size > top.length) {
            requestSeries.push({label: 'other', values: other});
        }
        return {t, requests: requestSeries, cost: [{label: 'cost', values: cost, unit: 'USD'}]};
    }

    C.page('usage', {
        title: 'Usage',
        render: async (main, ctx) => {
            const tabs = [['summary', 'Summary'], ['requests', 'Requests']];
            const tabButtons = {};
            const panels = {};
            const tabList = el('div', {class: 'tabs', role: 'tablist', 'aria-label': 'Usage views'},
                tabs.map(([name, text]) => {
                    tabButtons[name] = el('button', {type: 'button', role: 'tab', id: 'usage-tab-' + name,
                        'data-tab': name, 'aria-controls': 'usage-panel-' + name, text});
                    return tabButtons[name];
                }));
            for (const [name] of tabs) {
                panels[name] = el('section', {id: 'usage-panel-' + name, role: 'tabpanel',
                    'aria-labelledby': 'usage-tab-' + name, hidden: true});
            }
            const offBox = el('div', {id: 'usage-off-box'});

            // ---- summary ----
            const groupBy = C.field({name: 'group_by', label: 'Group by', type: 'select', options: GROUPS,
                value: ctx.params.get('group_by') || 'key', id: 'usage-group-by'});
            const range = C.field({name: 'range', label: 'Time range', type: 'select',
                options: RANGES.map(([v, t]) => [v, t]), value: ctx.params.get('range') || '24h', id: 'usage-range'});
            const bucket = C.field({name: 'bucket', label: 'Bucket', type: 'select', options: BUCKETS,
                value: ctx.params.get('bucket') || 'hour', id: 'usage-bucket'});
            const csv = el('a', {id: 'usage-csv', class: 'button', href: '#', download: 'usage.csv',
                text: 'Download CSV', 'aria-label': 'Download this usage as CSV'});
            const summaryForm = el('form', {id: 'usage-form', class: 'usage-filters', 'aria-label': 'Usage query'},
                groupBy, range, bucket, el('div', {class: 'field usage-download'}, el('span', {class: 'sr-only', text: 'Download'}), csv));
            const summaryNote = el('p', {id: 'usage-summary-note', class: 'muted'});
            const requestsChart = el('div', {class: 'chart', id: 'usage-requests-chart', 'data-metric': 'requests',
                role: 'img', 'aria-label': 'Requests per bucket'});
            const costChart = el('div', {class: 'chart', id: 'usage-cost-chart', 'data-metric': 'cost',
                role: 'img', 'aria-label': 'Cost per bucket (USD)'});
            const chartBox = el('div', {class: 'grid usage-charts', id: 'usage-charts'},
                el('section', {class: 'card'}, el('h2', {text: 'Requests'}), requestsChart),
                el('section', {class: 'card'}, el('h2', {text: 'Cost (USD)'}), costChart));
            const chartNote = el('p', {class: 'muted', id: 'usage-chart-note', hidden: true,
                text: 'Choose a bucket per hour or day to see requests and cost over time.'});
            const tableBox = el('div', {id: 'usage-table-box'});
            C.append(panels.summary, summaryForm, summaryNote, chartBox, chartNote, tableBox);

            // ---- requests ----
            const keyFilter = C.field({name: 'key', label: 'Key', placeholder: 'key id', id: 'requests-key'});
            const expertFilter = C.field({name: 'expert', label: 'Expert', placeholder: 'expert id', id: 'requests-expert'});
            const statusFilter = C.field({name: 'status', label: 'Status', type: 'select', options: STATUSES, id: 'requests-status'});
            const requestsForm = el('form', {id: 'requests-form', class: 'usage-filters', 'aria-label': 'Request log filters'},
                keyFilter, expertFilter, statusFilter,
                el('div', {class: 'field usage-download'}, el('span', {class: 'sr-only', text: 'Apply'}),
                    el('button', {type: 'submit', class: 'primary', id: 'requests-apply', text: 'Apply'})));
            const requestsOff = el('div', {id: 'requests-off-box'});
            const requestsBox = el('div', {id: 'requests-box'});
            const more = el('button', {type: 'button', id: 'requests-more', text: 'Load more', hidden: true});
            const detail = el('section', {id: 'request-detail', class: 'card', hidden: true, 'aria-live': 'polite'});
            C.append(panels.requests, requestsOff, requestsForm, requestsBox, more, detail);

            C.append(main,
                el('div', {class: 'toolbar'}, el('h1', {text: 'Usage'}), el('span', {class: 'spacer'}), tabList),
                offBox, panels.summary, panels.requests,
                el('p', {class: 'muted', text: 'From the usage history in PostgreSQL: every replica writes each finished ' +
                    'request there, so these figures cover the whole deployment over weeks, unlike the Overview\'s live minutes.'}));

            const value = (box) => box.querySelector('select, input').value;
            let off = false;

            function showOff(message) {
                off = true;
                C.replace(offBox, offNote('usage-off', message));
                for (const [name] of tabs) {
                    panels[name].hidden = true;
                    tabButtons[name].disabled = true;
                }
            }

            function select(name) {
                for (const [tab] of tabs) {
                    const on = tab === name;
                    tabButtons[tab].setAttribute('aria-selected', String(on));
                    tabButtons[tab].tabIndex = on ? 0 : -1;
                    panels[tab].hidden = !on || off;
                }
            }

            // ---- summary: load and show ----
            function summaryQuery(b) {
                const seconds = RANGES.find(([v]) => v === value(range))[2];
                return {group_by: value(groupBy), from: isoAgo(seconds), bucket: b};
            }

            let loads = 0; // only the latest of overlapping loads (quick changes of the form) is shown
            async function loadSummary() {
                const seq = ++loads;
                const b = value(bucket);
                const q = summaryQuery(b);
                csv.href = '/admin/usage?' + query(Object.assign({}, q, {format: 'csv'}));
                csv.setAttribute('download', 'usage-' + q.group_by + '-' + value(range) + '.csv');
                const whole = await C.get('/admin/usage?' + query(Object.assign({}, q, {bucket: 'none'})));
                if (whole.enabled === false) {
                    showOff(whole.message);
                    return;
                }
                const buckets = b === 'none' ? whole : await C.get('/admin/usage?' + query(q));
                if (seq !== loads) {
                    return;
                }
                showTable(whole.data || [], whole);
                showCharts(b === 'none' ? null : buckets);
            }

            function showTable(rows, answer) {
                const sorted = rows.slice().sort((a, b) => Number(b.requests || 0) - Number(a.requests || 0));
                const label = GROUPS.find(([v]) => v === answer.group_by || v === value(groupBy))[1];
                const latency = (r, p) => C.fmt.ms(r.latency_ms ? r.latency_ms[p] : null);
                const t = totals(sorted);
                summaryNote.textContent = count(t.requests, 'request') + ', ' + count(t.errors, 'error') + ', ' +
                    C.fmt.num(t.input_tokens, 0) + ' input and ' + C.fmt.num(t.output_tokens, 0) + ' output tokens, ' +
                    C.fmt.usd(t.cost_usd) + ' from ' + C.fmt.time(answer.from) + ' to ' + C.fmt.time(answer.to) + '.';
                C.replace(tableBox, C.table([
                    {key: 'group', label, render: (r) => el('code', {text: C.fmt.text(r.group)})},
                    {key: 'requests', label: 'Requests', num: true, render: (r) => C.fmt.num(r.requests, 0)},
                    {key: 'errors', label: 'Errors', num: true, render: (r) => C.fmt.num(r.errors, 0) +
                        (r.requests ? ' (' + C.fmt.pct(Number(r.errors || 0) / Number(r.requests)) + ')' : '')},
                    {key: 'input_tokens', label: 'Input tokens', num: true, render: (r) => C.fmt.num(r.input_tokens, 0)},
                    {key: 'output_tokens', label: 'Output tokens', num: true, render: (r) => C.fmt.num(r.output_tokens, 0)},
                    {key: 'cost_usd', label: 'Cost', num: true, render: (r) => C.fmt.usd(r.cost_usd)},
                    {key: 'cache_hits', label: 'Cache hits', num: true, render: (r) => C.fmt.num(r.cache_hits || 0, 0) +
                        (r.requests ? ' (' + C.fmt.pct(Number(r.cache_hits || 0) / Number(r.requests)) + ')' : '')},
                    {key: 'p50', label: 'p50', num: true, render: (r) => latency(r, 'p50')},
                    {key: 'p95', label: 'p95', num: true, render: (r) => latency(r, 'p95')},
                    {key: 'p99', label: 'p99', num: true, render: (r) => latency(r, 'p99')},
                ], sorted, {id: 'usage-table', rowId: (r) => String(r.group)}));
                if (sorted.length === 0) {
                    C.append(tableBox, el('p', {class: 'muted', id: 'usage-empty', text: 'No requests in this range.'}));
                }
            }

            function showCharts(answer) {
                chartBox.hidden = answer === null;
                chartNote.hidden = answer !== null;
                if (answer === null) {
                    return;
                }
                const s = series(answer.data || [], answer.from, answer.to, answer.bucket);
                C.chart(requestsChart, {t: s.t, series: s.requests.length ? s.requests : [{label: 'requests', values: s.t.map(() => 0)}]}, {height: 200});
                C.chart(costChart, {t: s.t, series: s.cost}, {height: 200});
            }

            // ---- requests: load and show ----
            const log = {rows: [], hasMore: false};

            function requestsQuery(before) {
                return query({key: value(keyFilter).trim(), expert: value(expertFilter).trim(), status: value(statusFilter),
                    limit: PAGE_SIZE, before});
            }

            async function loadRequests(append) {
                const last = append ? log.lastId : undefined;
                const answer = await C.get('/admin/requests?' + requestsQuery(last));
                if (answer.enabled === false) {
                    // The request log is off (or usage history as a whole): its own message, the filters hidden.
                    C.replace(requestsOff, offNote('requests-off', answer.message));
                    requestsForm.hidden = true;
                    return;
                }
                log.rows = append ? log.rows.concat(answer.data || []) : (answer.data || []);
                log.hasMore = Boolean(answer.has_more);
                log.lastId = answer.last_id || (log.rows.length ? log.rows[log.rows.length - 1].id : undefined);
                showRequests();
            }

            function experts(r) {
                const list = r.experts || [];
                if (!list.length) {
                    return '—';
                }
                return el('span', {class: 'request-experts'}, list.map((e) => el('span', {
                    class: 'badge ' + (GOOD.has(e.status) ? 'ok' : e.status ? 'bad' : ''), 'data-expert': String(e.id),
                    title: [e.status, e.error].filter(Boolean).join(': ') || null, text: C.fmt.text(e.id)})));
            }

            function showRequests() {
                C.replace(requestsBox, C.table([
                    {key: 'created_at', label: 'Time', render: (r) => C.fmt.time(r.created_at)},
                    {key: 'key', label: 'Key', render: (r) => el('code', {text: C.fmt.text(logged.key(r))})},
                    {key: 'model', label: 'Model'},
                    {key: 'route', label: 'Route'},
                    {key: 'experts', label: 'Experts', render: experts},
                    {key: 'status', label: 'Status', render: (r) => el('span', {class: 'badge ' + (GOOD.has(r.status) ? 'ok' : 'bad'),
                        'data-status': String(r.status), text: C.fmt.text(r.status) + (logged.error(r) ? ' · ' + logged.error(r) : '')})},
                    {key: 'latency_ms', label: 'Latency', num: true, render: (r) => C.fmt.ms(r.latency_ms)},
                    {key: 'tokens', label: 'Tokens in/out', num: true, render: (r) => C.fmt.num(logged.input(r), 0) + ' / ' + C.fmt.num(logged.output(r), 0)},
                    {key: 'cost_usd', label: 'Cost', num: true, render: (r) => C.fmt.usd(r.cost_usd)},
                    {key: 'details', label: 'Details', render: (r) => el('button', {type: 'button', 'data-action': 'details',
                        text: 'Details', 'aria-label': 'Details of request ' + r.id, on: {click: () => {
                            showDetail(r.id).catch((e) => C.showError(e));
                        }}})},
                ], log.rows, {id: 'requests-table', rowId: (r) => r.id}));
                if (log.rows.length === 0) {
                    C.append(requestsBox, el('p', {class: 'muted', id: 'requests-empty', text: 'No request matches.'}));
                }
                more.hidden = !log.hasMore;
            }

            async function showDetail(id) {
                const r = await C.get('/admin/requests/' + encodeURIComponent(id));
                const row = (label, field, content) => [el('dt', {text: label}), el('dd', {'data-field': field}, content)];
                C.replace(detail,
                    el('h2', {text: 'Request '}, el('code', {text: C.fmt.text(r.id)})),
                    el('dl', {class: 'kv'},
                        row('Time', 'created_at', C.fmt.time(r.created_at)),
                        row('Key', 'key', el('code', {text: C.fmt.text(logged.key(r))})),
                        row('Model', 'model', C.fmt.text(r.model)),
                        row('Route', 'route', C.fmt.text(r.route)),
                        row('Skills', 'skills', logged.skills(r) || '—'),
                        row('Experts', 'experts', experts(r)),
                        row('Aggregator', 'aggregator', C.fmt.text(r.aggregator)),
                        row('Status', 'status', C.fmt.text(r.status) + (logged.error(r) ? ' (' + logged.error(r) + ')' : '')),
                        row('Latency', 'latency_ms', C.fmt.ms(r.latency_ms)),
                        row('Tokens', 'tokens', C.fmt.num(logged.input(r), 0) + ' in, ' + C.fmt.num(logged.output(r), 0) + ' out'),
                        row('Cost', 'cost_usd', C.fmt.usd(r.cost_usd)),
                        row('Cache', 'cache', r.cache ? C.fmt.text(r.cache) + ' hit (similarity ' +
                            C.fmt.num(r.cache_similarity, 3) + ')' : '—'),
                        row('Trace', 'trace_id', r.trace_id ? el('code', {text: String(r.trace_id)}) : '—')),
                    el('h3', {text: 'Record'}),
                    el('pre', {tabindex: '0', text: JSON.stringify(r, null, 2)}),
                    el('button', {type: 'button', text: 'Close', on: {click: () => { detail.hidden = true; }}}));
                detail.hidden = false;
                detail.scrollIntoView({block: 'nearest'});
            }

            // ---- events ----
            const loaded = {summary: false, requests: false};
            async function open(name) {
                select(name);
                if (!loaded[name] && !off) {
                    loaded[name] = true;
                    await (name === 'summary' ? loadSummary() : loadRequests(false));
                }
            }
            for (const [name] of tabs) {
                tabButtons[name].addEventListener('click', () => { open(name).catch((e) => C.showError(e)); });
            }
            tabList.addEventListener('keydown', (event) => {
                if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') {
                    return;
                }
                const names = tabs.map(([n]) => n);
                const at = names.indexOf(document.activeElement.getAttribute('data-tab'));
                const next = names[(at + (event.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length];
                tabButtons[next].focus();
                open(next).catch((e) => C.showError(e));
            });
            summaryForm.addEventListener('change', () => { loadSummary().catch((e) => C.showError(e)); });
            summaryForm.addEventListener('submit', (event) => { event.preventDefault(); });
            requestsForm.addEventListener('submit', (event) => {
                event.preventDefault();
                loadRequests(false).catch((e) => C.showError(e));
            });
            more.addEventListener('click', () => { loadRequests(true).catch((e) => C.showError(e)); });

            await open(ctx.params.get('tab') === 'requests' ? 'requests' : 'summary');
        },
    });

    /** The overview's card: the last 24 h by model (GET /admin/usage?group_by=model&bucket=none), or why there is none. */
    C.usageCard = async function usageCard(box) {
        let answer;
        try {
            answer = await C.get('/admin/usage?' + query({group_by: 'model', bucket: 'none', from: isoAgo(24 * 3600)}));
        } catch (error) {
            C.replace(box, el('p', {class: 'muted', id: 'usage-card-error', text: 'Usage history is unavailable: ' + (error.message || error)}));
            return;
        }
        if (answer.enabled === false) {
            C.replace(box, offNote('usage-card-off', answer.message));
            return;
        }
        const rows = (answer.data || []).slice().sort((a, b) => Number(b.requests || 0) - Number(a.requests || 0));
        const t = totals(rows);
        const stat = (key, label, text) => el('div', {class: 'card stat'}, el('div', {class: 'label', text: label}),
            el('div', {class: 'value', 'data-usage-stat': key, text}));
        C.replace(box,
            el('div', {class: 'cards'},
                stat('requests', 'Requests', C.fmt.num(t.requests, 0)),
                stat('errors', 'Errors', C.fmt.num(t.errors, 0)),
                stat('tokens', 'Tokens', C.fmt.num(t.input_tokens + t.output_tokens, 0)),
                stat('cost', 'Cost', C.fmt.usd(t.cost_usd))),
            rows.length ? el('ul', {class: 'plain-list usage-models', id: 'usage-card-models'}, rows.slice(0, 5).map((r) =>
                el('li', {'data-model': String(r.group)}, el('code', {text: C.fmt.text(r.group)}),
                    el('span', {class: 'muted', text: C.fmt.num(r.requests, 0) + ' requests · ' + C.fmt.usd(r.cost_usd)})))) : null,
            el('p', {class: 'muted'}, el('a', {href: '#/usage?group_by=model', text: 'All usage'})));
    };
})();

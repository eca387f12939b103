/*
 * The model pool page: this replica's local models by tier (device: loaded; host: kept in memory; disk), the device
 * and host memory budgets as bars, loads and evictions per minute over the last 15 minutes, unloading an idle model,
 * and the cluster: for a gateway or a worker (coe.role), the live workers with the models on their devices, the
 * gateways, and each local expert's queue. Two calls on load (GET /admin/pool and GET /admin/cluster, together), then
 * every 5 s while the page is shown: both for a gateway or a worker, only the pool for a router of role all (a role
 * does not change while a router runs, so it has no cluster to refresh).
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const TIER_ORDER = {device: 0, host: 1, disk: 2};
    const TIER_TEXT = {device: 'device (loaded)', host: 'host (in memory)', disk: 'disk'};

    function ago(epochSeconds) {
        if (epochSeconds === undefined || epochSeconds === null) {
            return 'never';
        }
        return C.fmt.duration(Math.max(0, Date.now() / 1000 - epochSeconds)) + ' ago';
    }

    /** An instant from the API (ISO-8601 text, or epoch seconds as a number) as epoch milliseconds, or null. */
    function epochMillis(v) {
        if (v === undefined || v === null) {
            return null;
        }
        const ms = typeof v === 'string' ? Date.parse(v) : Number(v) * 1000;
        return Number.isFinite(ms) ? ms : null;
    }

    /** How long ago an instant from the API was: "12 s ago", or '—'. */
    function agoInstant(v) {
        const ms = epochMillis(v);
        return ms === null ? '—' : C.fmt.duration(Math.max(0, (Date.now() - ms) / 1000)) + ' ago';
    }

    /** A wait in milliseconds: "850.0 ms", "12.40 s", "3 min 5 s"; '—' when nothing waits (-1). */
    function waitText(ms) {
        const n = Number(ms);
        if (ms === undefined || ms === null || !Number.isFinite(n) || n < 0) {
            return '—';
        }
        return n >= 60000 ? C.fmt.duration(n / 1000) : C.fmt.ms(n);
    }

    const byId = (key) => (a, b) => String(a[key]).localeCompare(String(b[key]));

    function memoryText(m) {
        const used = Number(m && m.used_bytes) || 0;
        const budget = Number(m && m.budget_bytes) || 0;
        return C.fmt.bytes(used) + ' of ' + C.fmt.bytes(budget) + (budget > 0 ? ' (' + C.fmt.pct(used / budget) + ')' : '');
    }

    C.page('pool', {
        title: 'Model pool',
        render: async (main, ctx) => {
            const replica = el('span', {class: 'muted', id: 'pool-replica'});
            const deviceBar = el('progress', {id: 'pool-memory', max: 1, value: 0, 'aria-describedby': 'pool-memory-text'});
            const deviceText = el('span', {id: 'pool-memory-text', class: 'memory-text'});
            const hostBar = el('progress', {id: 'pool-host-memory', max: 1, value: 0, 'aria-describedby': 'pool-host-memory-text'});
            const hostText = el('span', {id: 'pool-host-memory-text', class: 'memory-text'});
            const totals = el('p', {class: 'muted', id: 'pool-totals'});
            const box = el('div', {id: 'pool-box'});
            const chart = el('div', {class: 'chart', 'data-metric': 'pool', role: 'img', 'aria-label': 'Loads and evictions per minute'});
            const clusterRole = el('span', {class: 'muted', id: 'cluster-role'});
            const clusterBox = el('div', {id: 'cluster-box', 'data-role': ''});

            C.append(main,
                el('div', {class: 'toolbar'}, el('h1', {text: 'Model pool'}), el('span', {class: 'spacer'}), replica),
                el('div', {class: 'grid pool-memory'},
                    el('section', {class: 'card'},
                        el('label', {for: 'pool-memory', class: 'memory-label', text: 'Device memory (loaded models)'}),
                        deviceBar, deviceText),
                    el('section', {class: 'card'},
                        el('label', {for: 'pool-host-memory', class: 'memory-label', text: 'Host memory (model bytes kept in memory)'}),
                        hostBar, hostText)),
                el('h2', {}, 'Models ', el('span', {class: 'muted tier-counts', id: 'pool-tiers'})),
                box,
                el('section', {id: 'pool-cluster', class: 'pool-cluster', 'aria-labelledby': 'cluster-title'},
                    el('h2', {id: 'cluster-title'}, 'Cluster ', clusterRole),
                    clusterBox),
                el('section', {class: 'card pool-chart'},
                    el('h2', {text: 'Loads and evictions per minute (last 15 minutes)'}), totals, chart));

            function bar(progress, text, memory) {
                const used = Number(memory && memory.used_bytes) || 0;
                const budget = Number(memory && memory.budget_bytes) || 0;
                progress.max = Math.max(1, budget);
                progress.value = Math.min(used, Math.max(1, budget));
                progress.textContent = memoryText(memory);
                progress.classList.toggle('near', budget > 0 && used / budget >= 0.9);
                text.textContent = memoryText(memory);
            }

            function actions(m) {
                if (m.tier !== 'device') {
                    return '—';
                }
                const button = C.write(el('button', {type: 'button', 'data-action': 'unload', text: 'Unload',
                    'aria-label': 'Unload ' + m.id}));
                if (m.in_use > 0 || m.loading) {
                    button.disabled = true;
                    button.title = m.loading ? 'Loading' : 'In use by ' + m.in_use + ' call(s)';
                }
                return button;
            }

            let role = null; // this router's coe.role, known after the first GET /admin/cluster ('all' is not asked again)

            const columns = [
                {key: 'id', label: 'Model', render: (m) => el('code', {text: m.id})},
                {key: 'tier', label: 'Tier', render: (m) => el('span', {class: 'badge tier-' + m.tier, title: TIER_TEXT[m.tier] || m.tier, text: m.tier})},
                {key: 'bytes', label: 'Size', num: true, render: (m) => C.fmt.bytes(m.bytes)},
                {key: 'in_use', label: 'In use', num: true},
                {key: 'status', label: 'Status', render: (m) => [m.loading ? 'loading' : m.in_use > 0 ? 'serving' : 'idle',
                    m.pinned ? [' ', el('span', {class: 'badge', text: 'pinned'})] : null]},
                {key: 'last_used_at', label: 'Last used', render: (m) => ago(m.last_used_at)},
                {key: 'actions', label: 'Actions', render: actions},
            ];

            function show(pool) {
                replica.textContent = 'This replica: ' + (pool.replica || '—');
                bar(deviceBar, deviceText, pool.device);
                bar(hostBar, hostText, pool.host);
                const models = (pool.models || []).slice().sort((a, b) =>
                    ((TIER_ORDER[a.tier] ?? 3) - (TIER_ORDER[b.tier] ?? 3)) || String(a.id).localeCompare(String(b.id)));
                const focused = document.activeElement && box.contains(document.activeElement) && document.activeElement.closest('tr')
                    ? document.activeElement.closest('tr').getAttribute('data-id') : null;
                C.replace(box, C.table(columns, models, {id: 'pool', rowId: (m) => m.id}),
                    models.length ? null : el('p', {class: 'muted', text: role === 'gateway'
                        ? 'This replica is a gateway: it loads no model; its local (djl) experts run on the workers below.'
                        : 'No local model has been used on this replica yet: a local (djl) expert\'s model loads on its first call.'}));
                if (focused) {
                    const again = box.querySelector('tr[data-id="' + CSS.escape(focused) + '"] button');
                    if (again) {
                        again.focus();
                    }
                }
                const byTier = {device: 0, host: 0, disk: 0};
                models.forEach((m) => { byTier[m.tier] = (byTier[m.tier] || 0) + 1; });
                main.querySelector('#pool-tiers').textContent = byTier.device + ' loaded · ' + byTier.host + ' in host memory · ' +
                    byTier.disk + ' on disk';
                const t = pool.totals || {};
                totals.textContent = C.fmt.num(t.loads, 0) + ' loads and ' + C.fmt.num(t.evictions, 0) +
                    ' evictions since this replica started.';
                const s = pool.series || {t: []};
                C.chart(chart, {t: s.t || [], series: [{label: 'loads', values: s.loads || []},
                    {label: 'evictions', values: s.evictions || []}]}, {height: 180});
            }

            function deviceModels(w) {
                const device = w.device || [];
                const host = w.host || [];
                return el('div', {class: 'cluster-models'},
                    device.length
                        ? el('ul', {class: 'model-list', 'aria-label': 'Models on the device of ' + w.id},
                            device.map((m) => el('li', {'data-model': m.id}, el('code', {text: m.id}), ' ',
                                el('span', {class: 'muted', text: C.fmt.bytes(m.bytes)}))))
                        : el('span', {class: 'muted', text: 'none loaded'}),
                    host.length
                        ? el('div', {class: 'muted host-models'}, 'host: ', host.map((m, i) => [i ? ', ' : null,
                            el('code', {text: m.id}), ' ' + C.fmt.bytes(m.bytes)]))
                        : null);
            }

            function deviceMemory(w) {
                const budget = Math.max(0, Number(w.device_budget_bytes) || 0);
                const free = Math.min(budget, Math.max(0, Number(w.device_free_bytes) || 0));
                const memory = {used_bytes: budget - free, budget_bytes: budget};
                const text = memoryText(memory);
                const progress = el('progress', {max: Math.max(1, budget), value: Math.min(budget - free, Math.max(1, budget)),
                    'aria-label': 'Device memory of ' + w.id + ': ' + text});
                progress.textContent = text;
                progress.classList.toggle('near', budget > 0 && (budget - free) / budget >= 0.9);
                return el('div', {class: 'cluster-memory'}, progress, el('span', {class: 'memory-text', text: text}));
            }

            const self = (id, replica) => (id === replica ? [' ', el('span', {class: 'badge', text: 'this replica'})] : null);
            const ids = (list) => (list && list.length ? list.map((id, i) => [i ? ', ' : null, el('code', {text: id})]) : '—');

            function showCluster(cluster) {
                const role = String(cluster.role || '');
                clusterBox.setAttribute('data-role', role);
                clusterRole.textContent = role ? '(coe.role=' + role + ')' : '';
                if (role === 'all') {
                    C.replace(clusterBox, el('p', {class: 'muted', id: 'cluster-alone', text: 'This router runs alone ' +
                        '(coe.role=all): it runs its local experts itself, so the pool above is the whole story.'}));
                    return;
                }
                const replica = cluster.replica;
                const workers = (cluster.workers || []).slice().sort(byId('id'));
                const gateways = (cluster.gateways || []).slice().sort(byId('id'));
                const queues = (cluster.queues || []).slice().sort(byId('expert'));
                const waiting = queues.reduce((sum, q) => sum + (Number(q.waiting) || 0), 0);
                C.replace(clusterBox,
                    el('p', {class: 'muted', id: 'cluster-summary'}, 'This replica ', el('code', {text: replica || '—'}),
                        ' is a ' + role + '. ' + workers.length + (workers.length === 1 ? ' worker, ' : ' workers, ') +
                        gateways.length + (gateways.length === 1 ? ' gateway' : ' gateways') + ' live; ' +
                        C.fmt.num(waiting, 0) + (waiting === 1 ? ' request' : ' requests') + ' waiting.'),
                    el('h3', {text: 'Workers'}),
                    C.table([
                        {key: 'id', label: 'Worker', render: (w) => [el('code', {text: w.id}), self(w.id, replica)]},
                        {key: 'heartbeat', label: 'Heartbeat', render: (w) => agoInstant(w.heartbeat_at)},
                        {key: 'device', label: 'Models on device (least recently used first)', render: deviceModels},
                        {key: 'memory', label: 'Device memory', render: deviceMemory},
                        {key: 'queued', label: 'Queued', num: true, render: (w) => C.fmt.num(w.queued, 0)},
                        {key: 'in_flight', label: 'In flight', num: true, render: (w) => C.fmt.num(w.in_flight, 0)},
                    ], workers, {id: 'cluster-workers', rowId: (w) => w.id}),
                    workers.length ? null : el('p', {class: 'muted', text: 'No live worker: requests for local experts ' +
                        'wait in their queues until one starts.'}),
                    el('h3', {text: 'Gateways'}),
                    gateways.length
                        ? el('ul', {class: 'plain-list', id: 'cluster-gateways'}, gateways.map((g) => el('li', {'data-id': g.id},
                            el('span', {}, el('code', {text: g.id}), self(g.id, replica)),
                            el('span', {class: 'muted', text: 'heartbeat ' + agoInstant(g.heartbeat_at) + ' · ' +
                                C.fmt.num(g.in_flight, 0) + ' in flight'}))))
                        : el('p', {class: 'muted', id: 'cluster-gateways', text: 'No live gateway.'}),
                    el('h3', {text: 'Queues of the local experts'}),
                    C.table([
                        {key: 'expert', label: 'Expert', render: (q) => el('code', {text: q.expert})},
                        {key: 'waiting', label: 'Waiting', num: true, render: (q) => C.fmt.num(q.waiting, 0)},
                        {key: 'in_flight', label: 'In flight', num: true, render: (q) => C.fmt.num(q.in_flight, 0)},
                        {key: 'oldest_wait', label: 'Oldest wait', num: true, render: (q) => waitText(q.oldest_wait_ms)},
                        {key: 'holders', label: 'On the device of', render: (q) => ids(q.holders)},
                        {key: 'claimant', label: 'Claimed by', render: (q) => (q.claimant ? el('code', {text: q.claimant}) : '—')},
                    ], queues, {id: 'cluster-queues', rowId: (q) => q.expert}),
                    queues.length ? null : el('p', {class: 'muted', text: 'No local (djl) expert is registered.'}));
            }

            function clusterFailed(error) {
                clusterBox.setAttribute('data-role', '');
                C.replace(clusterBox, el('p', {class: 'error', id: 'cluster-error',
                    text: 'Could not read the cluster: ' + (error && error.message ? error.message : String(error))}));
            }

            let busy = false;
            async function load() {
                if (busy) {
                    return;
                }
                busy = true;
                try {
                    const cluster = role === 'all' ? null
                        : C.get('/admin/cluster').then((c) => ({c}), (error) => ({error}));
                    const pool = await C.get('/admin/pool');
                    const answer = cluster && await cluster;
                    if (answer && answer.c) {
                        role = String(answer.c.role || '');
                    }
                    show(pool);
                    if (answer) {
                        if (answer.error) {
                            clusterFailed(answer.error);
                        } else {
                            showCluster(answer.c);
                        }
                    }
                } finally {
                    busy = false;
                }
            }

            box.addEventListener('click', async (event) => {
                const button = event.target.closest('button[data-action="unload"]');
                if (!button || button.disabled) {
                    return;
                }
                const id = button.closest('tr').getAttribute('data-id');
                button.disabled = true;
                try {
                    await C.del('/admin/pool/models/' + encodeURIComponent(id));
                    C.toast('Unloaded ' + id + ' from this replica; its next call loads it again.', 'ok');
                    await load();
                } catch (error) {
                    button.disabled = false;
                    C.showError(error);
                }
            });

            ctx.every(5000, load);
            await load();
        },
    });
})();

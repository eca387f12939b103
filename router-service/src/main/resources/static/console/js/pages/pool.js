/*
 * The model pool page: this replica's local models by tier (device: loaded; host: kept in memory; disk), the device
 * and host memory budgets as bars, loads and evictions per minute over the last 15 minutes, and unloading an idle
 * model. One call (GET /admin/pool) on load and every 5 s while the page is shown.
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
                    models.length ? null : el('p', {class: 'muted', text: 'No local model has been used on this replica yet: ' +
                        'a local (djl) expert\'s model loads on its first call.'}));
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

            let busy = false;
            async function load() {
                if (busy) {
                    return;
                }
                busy = true;
                try {
                    show(await C.get('/admin/pool'));
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

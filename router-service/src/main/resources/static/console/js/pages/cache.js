/*
 * The response cache page (coe.cache.*): this replica's counts (hit rate, exact and semantic hits, misses, bypasses,
 * what the hits saved, entries) and the settings in force (GET /admin/cache, every 10 s), then the entries newest
 * first (GET /admin/cache/entries, filtered by key, expert and skill), each entry's record (GET
 * /admin/cache/entries/{id}: its question and answer for the admin only; the viewer's record has neither), and for the
 * admin the purges: one entry (DELETE /admin/cache/entries/{id}), the entries the filters match, or every entry
 * (DELETE /admin/cache/entries?all=true), each after a confirmation. With the cache off the API answers enabled=false
 * and a message, which the page shows instead.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const LIMITS = [['50', '50'], ['100', '100'], ['500', '500']];

    /** The stat tiles: key (data-cache-stat), label, value from the stats. */
    const STATS = [
        ['hit_rate', 'Hit rate', (s) => C.fmt.pct(s.hit_rate)],
        ['exact_hits', 'Exact hits', (s) => C.fmt.num(s.exact_hits, 0)],
        ['semantic_hits', 'Semantic hits', (s) => C.fmt.num(s.semantic_hits, 0)],
        ['misses', 'Misses', (s) => C.fmt.num(s.misses, 0)],
        ['bypasses', 'Bypasses', (s) => C.fmt.num(s.bypasses, 0)],
        ['saved_usd', 'Saved', (s) => C.fmt.usd(s.saved_usd)],
        ['entries', 'Entries', (s) => (s.entries === null || s.entries === undefined ? 'unavailable' : C.fmt.num(s.entries, 0))],
        ['store_errors', 'Store errors', (s) => C.fmt.num(s.store_errors, 0)],
    ];

    function query(params) {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) {
            if (v !== undefined && v !== null && v !== '') {
                q.set(k, v);
            }
        }
        return q.toString();
    }

    /** The cache-is-off note: the API's own message, as text. */
    function offNote(id, message) {
        return el('p', {id, class: 'note', role: 'status', 'data-cache': 'off',
            text: message || 'The response cache is off on this router.'});
    }

    /** The settings in force, in a sentence. */
    function settings(report) {
        const c = report.config || {};
        const skills = Object.entries(c.skill_thresholds || {}).map(([k, v]) => k + ' ' + v).join(', ');
        return 'Store: ' + C.fmt.text(report.store) + ' · scope: ' + C.fmt.text(report.scope) + ' · TTL ' +
            C.fmt.duration(c.ttl_seconds) + ' · at most ' + C.fmt.num(c.max_entries, 0) + ' entries · semantic ' +
            (c.semantic ? 'on (threshold ' + c.threshold + (skills ? '; per skill: ' + skills : '') + ', guard ' +
                (c.guard ? 'on' : 'off') + ')' : 'off') + '.';
    }

    const topSkill = (e) => (e.skills && e.skills.length ? e.skills[0].id : null);
    const tokens = (e) => (e.usage ? e.usage.total_tokens : null);

    C.page('cache', {
        title: 'Cache',
        render: async (main, ctx) => {
            const offBox = el('div', {id: 'cache-off-box'});
            const values = {};
            const tiles = STATS.map(([key, label]) => {
                values[key] = el('div', {class: 'value', 'data-cache-stat': key, text: '—'});
                return el('div', {class: 'card stat'}, el('div', {class: 'label', text: label}), values[key]);
            });
            const statsNote = el('p', {id: 'cache-settings', class: 'muted'});
            const statsBox = el('section', {id: 'cache-stats', 'aria-labelledby': 'cache-stats-title'},
                el('h2', {id: 'cache-stats-title', text: 'This replica'}),
                el('div', {class: 'cards cache-stats'}, tiles), statsNote);

            const keyFilter = C.field({name: 'key', label: 'Key', placeholder: 'key id', id: 'cache-key',
                value: ctx.params.get('key') || ''});
            const expertFilter = C.field({name: 'expert', label: 'Expert', placeholder: 'expert id', id: 'cache-expert',
                value: ctx.params.get('expert') || ''});
            const skillFilter = C.field({name: 'skill', label: 'Skill', placeholder: 'skill id', id: 'cache-skill',
                value: ctx.params.get('skill') || ''});
            const limit = C.field({name: 'limit', label: 'Show', type: 'select', options: LIMITS, value: '50', id: 'cache-limit'});
            const form = el('form', {id: 'cache-form', class: 'usage-filters', 'aria-label': 'Cache entry filters'},
                keyFilter, expertFilter, skillFilter, limit,
                el('div', {class: 'field usage-download'}, el('span', {class: 'sr-only', text: 'Apply'}),
                    el('button', {type: 'submit', class: 'primary', id: 'cache-apply', text: 'Apply'})));
            const purgeMatching = C.write(el('button', {type: 'button', id: 'cache-purge-matching', class: 'danger',
                text: 'Purge matching entries'}));
            const purgeAll = C.write(el('button', {type: 'button', id: 'cache-purge-all', class: 'danger',
                text: 'Purge every entry'}));
            const entriesNote = el('p', {id: 'cache-entries-note', class: 'muted'});
            const tableBox = el('div', {id: 'cache-table-box'});
            const detail = el('section', {id: 'cache-detail', class: 'card', hidden: true, 'aria-live': 'polite'});
            const entriesBox = el('section', {id: 'cache-entries', 'aria-labelledby': 'cache-entries-title'},
                el('h2', {id: 'cache-entries-title', text: 'Entries'}),
                form, el('div', {class: 'toolbar cache-purges'}, purgeMatching, purgeAll), entriesNote, tableBox, detail);

            C.append(main,
                el('div', {class: 'toolbar'}, el('h1', {text: 'Response cache'})),
                offBox, statsBox, entriesBox,
                el('p', {class: 'muted', text: 'The counts are this replica\'s since it started; the entries are the ' +
                    'store\'s (with Redis, every replica\'s). A hit costs nothing: "Saved" is what its answer cost when it was made.'}));

            const value = (box) => box.querySelector('select, input').value.trim();
            const filters = () => ({key: value(keyFilter), expert: value(expertFilter), skill: value(skillFilter)});
            const filtered = () => Object.values(filters()).some((v) => v !== '');
            let off = false;

            function showOff(message) {
                off = true;
                C.replace(offBox, offNote('cache-off', message));
                statsBox.hidden = true;
                entriesBox.hidden = true;
            }

            async function loadStats() {
                if (off) {
                    return;
                }
                const report = await C.get('/admin/cache');
                if (report.enabled === false) {
                    showOff(report.message);
                    return;
                }
                const s = report.stats || {};
                for (const [key, , show] of STATS) {
                    values[key].textContent = show(s);
                }
                statsNote.textContent = settings(report) + ' Counting since ' + C.fmt.time(s.since) + '.' +
                    (s.store_available === false ? ' The store cannot be reached: requests are served without the cache.' : '');
            }

            let loads = 0; // only the latest of overlapping loads is shown
            async function loadEntries() {
                if (off) {
                    return;
                }
                const seq = ++loads;
                const answer = await C.get('/admin/cache/entries?' + query(Object.assign(filters(), {limit: value(limit)})));
                if (seq !== loads) {
                    return;
                }
                if (answer.enabled === false) {
                    showOff(answer.message);
                    return;
                }
                showEntries(answer.data || []);
            }

            function showEntries(rows) {
                purgeMatching.hidden = !filtered();
                entriesNote.textContent = C.fmt.num(rows.length, 0) + (rows.length === 1 ? ' entry' : ' entries') +
                    (filtered() ? ' matching the filters' : '') + ', newest first.';
                C.replace(tableBox, C.table([
                    {key: 'created_at', label: 'Kept', render: (e) => C.fmt.time(e.created_at)},
                    {key: 'key', label: 'Key', render: (e) => el('code', {text: C.fmt.text(e.key_id)})},
                    {key: 'model', label: 'Model'},
                    {key: 'skill', label: 'Top skill', render: (e) => C.fmt.text(topSkill(e))},
                    {key: 'experts', label: 'Experts', render: (e) => (e.experts || []).length
                        ? el('span', {class: 'request-experts'}, e.experts.map((x) => el('span', {class: 'badge',
                            'data-expert': String(x), text: String(x)}))) : '—'},
                    {key: 'match', label: 'Matches', render: (e) => el('span', {class: 'badge', 'data-match': String(e.match),
                        text: e.match === 'semantic' ? 'paraphrases' : 'exact only'})},
                    {key: 'tokens', label: 'Tokens', num: true, render: (e) => C.fmt.num(tokens(e), 0)},
                    {key: 'cost_usd', label: 'Cost', num: true, render: (e) => C.fmt.usd(e.cost_usd)},
                    {key: 'answer_chars', label: 'Answer', num: true, render: (e) => C.fmt.num(e.answer_chars, 0) + ' chars'},
                    {key: 'expires_at', label: 'Expires', render: (e) => C.fmt.time(e.expires_at)},
                    {key: 'actions', label: 'Actions', render: (e) => el('span', {class: 'actions'},
                        el('button', {type: 'button', 'data-action': 'details', text: 'Details',
                            'aria-label': 'Details of cache entry ' + e.id,
                            on: {click: () => { showDetail(e.id).catch((x) => C.showError(x)); }}}),
                        C.write(el('button', {type: 'button', 'data-action': 'remove', class: 'danger', text: 'Remove',
                            'aria-label': 'Remove cache entry ' + e.id,
                            on: {click: () => { remove(e.id).catch((x) => C.showError(x)); }}})))},
                ], rows, {id: 'cache-table', rowId: (e) => e.id}));
                if (rows.length === 0) {
                    C.append(tableBox, el('p', {class: 'muted', id: 'cache-empty', text: 'No entry matches.'}));
                }
            }

            async function showDetail(id) {
                const e = await C.get('/admin/cache/entries/' + encodeURIComponent(id));
                const row = (label, field, content) => [el('dt', {text: label}), el('dd', {'data-field': field}, content)];
                const text = (field, value) => el('pre', {tabindex: '0', 'data-field': field, text: value});
                const content = e.answer !== undefined
                    ? [el('h3', {text: 'Question'}),
                        e.question === undefined || e.question === null
                            ? el('p', {class: 'muted', text: 'Not kept: this entry matches only the same request exactly.'})
                            : text('question', e.question),
                        el('h3', {text: 'Answer'}), text('answer', e.answer)]
                    : [el('p', {class: 'note', id: 'cache-detail-hidden',
                        text: 'The question and answer are shown to the admin only.'})];
                C.replace(detail,
                    el('h2', {text: 'Cache entry '}, el('code', {text: C.fmt.text(e.id)})),
                    el('dl', {class: 'kv'},
                        row('Key', 'key', el('code', {text: C.fmt.text(e.key_id)})),
                        row('Model', 'model', C.fmt.text(e.model)),
                        row('Route', 'route', C.fmt.text(e.route)),
                        row('Skills', 'skills', (e.skills || []).map((s) => s.id + ' (' + C.fmt.num(s.score, 2) + ')').join(', ') || '—'),
                        row('Experts', 'experts', (e.experts || []).join(', ') || '—'),
                        row('Aggregator', 'aggregator', C.fmt.text(e.aggregator)),
                        row('Kept', 'created_at', C.fmt.time(e.created_at) + ' (' + C.fmt.duration(e.age_seconds) + ' ago)'),
                        row('Expires', 'expires_at', C.fmt.time(e.expires_at)),
                        row('Tokens', 'tokens', C.fmt.num(e.usage && e.usage.prompt_tokens, 0) + ' in, ' +
                            C.fmt.num(e.usage && e.usage.completion_tokens, 0) + ' out'),
                        row('Cost', 'cost_usd', C.fmt.usd(e.cost_usd)),
                        row('Matches', 'match', e.match === 'semantic' ? 'paraphrases and the same request' : 'the same request only')),
                    content,
                    el('button', {type: 'button', text: 'Close', on: {click: () => { detail.hidden = true; }}}));
                detail.hidden = false;
                detail.scrollIntoView({block: 'nearest'});
            }

            async function remove(id) {
                if (!(await C.confirm('Remove cache entry ' + id + '? The next identical request is answered by the experts again.'))) {
                    return;
                }
                await C.del('/admin/cache/entries/' + encodeURIComponent(id));
                C.toast('Cache entry removed.', 'ok');
                detail.hidden = true;
                await Promise.all([loadEntries(), loadStats()]);
            }

            async function purge(all) {
                const f = filters();
                const named = Object.entries(f).filter(([, v]) => v !== '').map(([k, v]) => k + ' ' + v).join(', ');
                const message = all
                    ? 'Purge every entry of the response cache? Every request is answered by the experts again until the cache fills.'
                    : 'Purge the cache entries matching ' + named + '?';
                if (!(await C.confirm(message))) {
                    return;
                }
                try {
                    const answer = await C.del('/admin/cache/entries?' + (all ? 'all=true' : query(f)));
                    C.toast(C.fmt.num(answer.purged, 0) + (Number(answer.purged) === 1 ? ' entry' : ' entries') + ' purged.', 'ok');
                } catch (error) {
                    C.showError(error, form);
                    return;
                }
                detail.hidden = true;
                await Promise.all([loadEntries(), loadStats()]);
            }

            form.addEventListener('submit', (event) => {
                event.preventDefault();
                C.clearErrors(form);
                loadEntries().catch((e) => C.showError(e, form));
            });
            limit.querySelector('select').addEventListener('change', () => { loadEntries().catch((e) => C.showError(e, form)); });
            purgeMatching.addEventListener('click', () => { purge(false).catch((e) => C.showError(e)); });
            purgeAll.addEventListener('click', () => { purge(true).catch((e) => C.showError(e)); });

            await loadStats();
            ctx.every(10000, loadStats);
            await loadEntries().catch((e) => C.showError(e, form));
        },
    });

    /** The overview's card: this replica's hit rate, hits and savings (GET /admin/cache), or why there are none. */
    C.cacheCard = async function cacheCard(box) {
        let report;
        try {
            report = await C.get('/admin/cache');
        } catch (error) {
            C.replace(box, el('p', {class: 'muted', id: 'cache-card-error', text: 'The cache\'s figures are unavailable: ' + (error.message || error)}));
            return;
        }
        if (report.enabled === false) {
            C.replace(box, offNote('cache-card-off', report.message));
            return;
        }
        const s = report.stats || {};
        const stat = (key, label, text) => el('div', {class: 'card stat'}, el('div', {class: 'label', text: label}),
            el('div', {class: 'value', 'data-cache-stat': key, text}));
        C.replace(box,
            el('div', {class: 'cards'},
                stat('hit_rate', 'Hit rate', C.fmt.pct(s.hit_rate)),
                stat('hits', 'Hits (exact / semantic)', C.fmt.num(s.exact_hits, 0) + ' / ' + C.fmt.num(s.semantic_hits, 0)),
                stat('saved_usd', 'Saved', C.fmt.usd(s.saved_usd)),
                stat('entries', 'Entries', s.entries === null || s.entries === undefined ? 'unavailable' : C.fmt.num(s.entries, 0))),
            el('p', {class: 'muted'}, el('a', {href: '#/cache', text: 'The cache'})));
    };
})();

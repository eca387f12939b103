/*
 * The jobs page: every admin job (profiling, evaluation, aggregator selection) and batch of every replica, newest
 * first, with its owner replica, state, a progress bar (a batch's also per expert), cancel, and downloads of a batch's
 * output and error files. One call on load (GET /admin/jobs?limit=...), repeated every 2 s while any job runs.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const KINDS = {profiling: 'profiling', evaluation: 'evaluation', aggregator_selection: 'aggregator selection', batch: 'batch'};
    const ACTIVE = new Set(['running', 'validating', 'in_progress', 'finalizing', 'cancelling']);
    const GOOD = new Set(['succeeded', 'completed']);

    /** How to cancel a job of each kind; aggregator selections cannot be cancelled. */
    const CANCEL = {
        profiling: (id) => C.del('/admin/profiles/jobs/' + encodeURIComponent(id)),
        evaluation: (id) => C.del('/admin/evaluations/' + encodeURIComponent(id)),
        batch: (id) => C.post('/admin/batches/' + encodeURIComponent(id) + '/cancel'),
    };

    /** Where a job's own page is. */
    const LINKS = {
        profiling: (id) => '#/skills?job=' + encodeURIComponent(id),
        evaluation: (id) => '#/evaluations?id=' + encodeURIComponent(id),
        aggregator_selection: (id) => '#/evaluations?selection=' + encodeURIComponent(id),
    };

    const badgeClass = (s) => (GOOD.has(s) ? 'ok' : ACTIVE.has(s) ? 'warn' : s === 'cancelled' || s === 'expired' ? '' : 'bad');
    const pct = (done, total) => (total > 0 ? Math.floor(100 * done / total) + '%' : '—');

    C.page('jobs', {
        title: 'Jobs & batches',
        render: async (main, ctx) => {
            const state = {jobs: [], busy: false};
            const limit = el('select', {id: 'jobs-limit', name: 'limit'},
                [20, 50, 100].map((n) => el('option', {value: n, selected: n === 50, text: String(n)})));
            const kind = el('select', {id: 'jobs-kind', name: 'kind'},
                el('option', {value: '', text: 'all kinds'}),
                Object.entries(KINDS).map(([value, text]) => el('option', {value, text})));
            const refresh = el('button', {type: 'button', text: 'Refresh'});
            const status = el('span', {id: 'jobs-status', class: 'muted'});
            const box = el('div', {id: 'jobs-box'});

            C.append(main,
                el('div', {class: 'toolbar'},
                    el('h1', {text: 'Jobs & batches'}), el('span', {class: 'spacer'}),
                    el('label', {for: 'jobs-kind', text: 'Show'}), kind,
                    el('label', {for: 'jobs-limit', text: 'Newest'}), limit, refresh),
                status, box,
                el('p', {class: 'muted', text: 'Jobs of every replica sharing the store; the owner is the replica running ' +
                    'it (none once it ended). Admin jobs are kept while a router holds them; batches and their files are ' +
                    'kept in the store.'}));

            function progressCell(j) {
                const p = j.progress;
                if (!p) {
                    const running = ACTIVE.has(j.state);
                    return el('div', {class: 'job-progress'},
                        el('progress', running ? {'aria-label': j.id + ' running'} : {max: 1, value: GOOD.has(j.state) ? 1 : 0,
                            'aria-label': j.id + ' ' + j.state}),
                        el('span', {class: 'muted', text: running ? 'running' : 'no progress reported'}));
                }
                const overall = el('div', {class: 'job-progress'},
                    C.progress(p.done, p.total, {'aria-label': j.id + ' progress'}),
                    el('span', {text: p.done + '/' + p.total + ' · ' + pct(p.done, p.total)}));
                if (!(p.experts && p.experts.length)) {
                    return overall;
                }
                return [overall, el('ul', {class: 'job-experts-list'}, p.experts.map((e) => el('li', {},
                    el('span', {class: 'expert-name', text: e.id}),
                    C.progress(e.done, e.calls, {'data-expert': e.id, 'aria-label': e.id + ' calls done'}),
                    el('span', {class: 'muted', text: e.done + '/' + e.calls}))))];
            }

            function actions(j) {
                const parts = [];
                if (CANCEL[j.kind] && ACTIVE.has(j.state) && j.state !== 'cancelling') {
                    parts.push(C.write(el('button', {type: 'button', class: 'danger', 'data-action': 'cancel',
                        text: 'Cancel', 'aria-label': 'Cancel ' + j.id})));
                }
                const file = (which, id) => el('a', {class: 'button', 'data-download': which, download: j.id + '-' + which + '.jsonl',
                    href: '/admin/files/' + encodeURIComponent(id) + '/content', text: which === 'output' ? 'Output' : 'Errors',
                    'aria-label': 'Download the ' + which + ' file of ' + j.id});
                if (j.output_file_id) {
                    parts.push(file('output', j.output_file_id));
                }
                if (j.error_file_id) {
                    parts.push(file('error', j.error_file_id));
                }
                return parts.length ? el('div', {class: 'actions'}, parts) : '—';
            }

            const columns = [
                {key: 'id', label: 'Job', render: (j) => [LINKS[j.kind] ? el('a', {href: LINKS[j.kind](j.id)}, el('code', {text: j.id}))
                    : el('code', {text: j.id}), j.error ? el('div', {class: 'error job-error', text: j.error}) : null]},
                {key: 'kind', label: 'Kind', render: (j) => KINDS[j.kind] || j.kind},
                {key: 'state', label: 'State', render: (j) => el('span', {class: 'badge ' + badgeClass(j.state), text: j.state})},
                {key: 'owner', label: 'Owner', render: (j) => (j.owner ? el('code', {text: j.owner}) : '—')},
                {key: 'progress', label: 'Progress', render: progressCell},
                {key: 'created_at', label: 'Started', render: (j) => C.fmt.time(j.created_at)},
                {key: 'actions', label: 'Actions', render: actions},
            ];

            function render() {
                const shown = kind.value ? state.jobs.filter((j) => j.kind === kind.value) : state.jobs;
                const focused = document.activeElement && box.contains(document.activeElement)
                    ? [document.activeElement.closest('tr') && document.activeElement.closest('tr').getAttribute('data-id'),
                        document.activeElement.getAttribute('data-action') || document.activeElement.getAttribute('data-download')]
                    : null;
                C.replace(box, C.table(columns, shown, {id: 'jobs', rowId: (j) => j.id}),
                    shown.length ? null : el('p', {class: 'muted', text: 'No jobs yet.'}));
                if (focused && focused[0]) {
                    const again = box.querySelector('tr[data-id="' + CSS.escape(focused[0]) + '"] [data-action="' +
                        CSS.escape(focused[1] || '') + '"], tr[data-id="' + CSS.escape(focused[0]) + '"] [data-download="' +
                        CSS.escape(focused[1] || '') + '"]');
                    if (again) {
                        again.focus();
                    }
                }
                const running = state.jobs.filter((j) => ACTIVE.has(j.state)).length;
                status.textContent = state.jobs.length + ' jobs' + (running ? ' · ' + running + ' running, refreshing every 2 s' : '') +
                    ' · updated ' + new Date().toLocaleTimeString();
            }

            async function load() {
                if (state.busy) {
                    return;
                }
                state.busy = true;
                try {
                    const data = await C.get('/admin/jobs?limit=' + encodeURIComponent(limit.value));
                    state.jobs = (data && data.data) || [];
                    render();
                } finally {
                    state.busy = false;
                }
            }

            box.addEventListener('click', async (event) => {
                const button = event.target.closest('button[data-action="cancel"]');
                if (!button || button.disabled) {
                    return;
                }
                const id = button.closest('tr').getAttribute('data-id');
                const job = state.jobs.find((j) => j.id === id);
                if (!job || !(await C.confirm('Cancel ' + (KINDS[job.kind] || job.kind) + ' ' + id + '? ' +
                    (job.kind === 'batch' ? 'Lines not yet answered are not run.' : 'What it has not finished is not saved.')))) {
                    return;
                }
                button.disabled = true;
                try {
                    await CANCEL[job.kind](id);
                    C.toast('Cancelling ' + id + '.', 'ok');
                    await load();
                } catch (error) {
                    button.disabled = false;
                    C.showError(error);
                }
            });
            refresh.addEventListener('click', () => { load().catch((e) => C.showError(e)); });
            limit.addEventListener('change', () => { load().catch((e) => C.showError(e)); });
            kind.addEventListener('change', render);

            // Live while anything runs: the timer is cheap, the call is made only then.
            ctx.every(2000, () => (state.jobs.some((j) => ACTIVE.has(j.state)) ? load() : undefined));
            await load();
        },
    });
})();

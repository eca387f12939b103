/*
 * The experts page (the registry): every expert with its adapter, model, state, circuit, queue, calls in flight,
 * residency tier (local models, from this replica's pool), source, calls and errors. Create and edit in one form
 * (the API's validation message next to its field), enable, disable, drain, force a circuit, delete (confirmed), and
 * try one expert with a prompt. Two calls on load: GET /admin/experts and GET /admin/pool; rows are built in one pass
 * into a DocumentFragment and row buttons share one delegated click handler, so 200 experts render quickly.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const ADAPTERS = ['openai', 'azure-openai', 'anthropic', 'gemini', 'ollama', 'djl', 'echo'];
    const COLUMNS = [
        ['id', 'Expert'], ['adapter', 'Adapter'], ['model', 'Model'], ['state', 'State'], ['circuit', 'Circuit'],
        ['queued', 'Queued', true], ['in_flight', 'In flight', true], ['tier', 'Tier'], ['source', 'Source'],
        ['calls', 'Calls', true], ['errors', 'Errors', true], ['actions', 'Actions'],
    ];

    /** The form's fields: [name (the API's JSON field), label, type, help]. Nested fields are dotted. */
    const FIELDS = [
        ['id', 'Id', 'text', 'Letters, digits, . _ : -; fixed once created'],
        ['adapter', 'Adapter', 'text', ADAPTERS.join(', ')],
        ['model', 'Model', 'text', 'The provider\'s model name'],
        ['model_path', 'Model path', 'text', 'Local (djl) experts: a directory under coe.local.model-dirs'],
        ['base_url', 'Base URL', 'url', 'http(s) endpoint; blank for the adapter\'s default'],
        ['api_key_env', 'API key variable', 'text', 'Name of the environment variable holding the key (never shown back)'],
        ['input_price_per_1k', 'Input price per 1k tokens (USD)', 'number'],
        ['output_price_per_1k', 'Output price per 1k tokens (USD)', 'number'],
        ['max_concurrency', 'Max concurrency', 'number'],
        ['context_window', 'Context window (tokens)', 'number'],
        ['connect_timeout', 'Connect timeout', 'text', 'e.g. 10s'],
        ['request_timeout', 'Request timeout', 'text', 'e.g. 60s'],
        ['first_token_timeout', 'First token timeout', 'text', 'e.g. 20s'],
        ['fallbacks', 'Fallbacks', 'text', 'Expert ids, comma separated'],
        ['resilience.requests_per_minute', 'Requests per minute', 'number', '0: no limit'],
        ['resilience.tokens_per_minute', 'Tokens per minute', 'number', '0: no limit'],
        ['resilience.max_attempts', 'Max attempts', 'number'],
        ['options', 'Adapter options', 'textarea', 'One key=value a line'],
        ['description', 'Description', 'textarea', 'Free text for people'],
    ];
    const NUMBERS = new Set(FIELDS.filter((f) => f[2] === 'number').map((f) => f[0]));

    const stateClass = (s) => (s === 'enabled' ? 'ok' : s === 'draining' ? 'warn' : 'bad');
    const circuitClass = (c) => (c === 'closed' || c === 'disabled' ? 'ok' : c === 'none' ? '' : c === 'half_open' ? 'warn' : 'bad');
    const CIRCUIT_TEXT = {disabled: 'forced closed', forced_open: 'forced open', half_open: 'half open'};

    /** A definition value at a dotted path. */
    function at(definition, name) {
        return name.split('.').reduce((v, k) => (v == null ? undefined : v[k]), definition);
    }

    /** The form value of a definition field, as text. */
    function shown(definition, name) {
        const v = at(definition || {}, name);
        if (v === undefined || v === null) {
            return '';
        }
        if (name === 'fallbacks') {
            return v.join(', ');
        }
        if (name === 'options') {
            return Object.entries(v).map(([k, x]) => k + '=' + x).join('\n');
        }
        return String(v);
    }

    C.page('experts', {
        title: 'Experts',
        render: async (main) => {
            const state = {experts: [], byId: new Map(), tiers: new Map(), editing: null, trying: null, poolNote: ''};

            // ---- toolbar ----
            const newButton = C.write(el('button', {id: 'new-expert', type: 'button', class: 'primary', text: 'New expert'}));
            const refreshButton = el('button', {type: 'button', text: 'Refresh'});
            const filter = el('input', {id: 'expert-filter', type: 'search', placeholder: 'id, adapter, model', autocomplete: 'off'});
            const count = el('span', {class: 'muted', id: 'expert-count'});

            // ---- create / edit form ----
            const idInputs = {};
            const formFields = FIELDS.map(([name, label, type, help]) => {
                const f = C.field({name, label, type: type === 'url' ? 'url' : type, help,
                    rows: 3, attrs: type === 'number' ? {step: 'any', inputmode: 'decimal'} : (name === 'adapter' ? {list: 'adapter-list'} : {})});
                idInputs[name] = f.querySelector('[name="' + name + '"]');
                if (type === 'textarea') {
                    f.classList.add('wide');
                }
                return f;
            });
            idInputs.id.required = true;
            idInputs.adapter.required = true;
            const formTitle = el('h2', {id: 'expert-form-title', text: 'New expert'});
            const configNote = el('p', {id: 'config-note', class: 'note', hidden: true});
            const submitButton = C.write(el('button', {type: 'submit', class: 'primary', text: 'Create'}));
            const cancelEdit = el('button', {type: 'button', text: 'Close'});
            const form = el('form', {id: 'expert-form', novalidate: true, 'aria-labelledby': 'expert-form-title'},
                formTitle, configNote,
                el('datalist', {id: 'adapter-list'}, ADAPTERS.map((a) => el('option', {value: a}))),
                el('div', {class: 'form-grid'}, formFields),
                el('div', {class: 'actions'}, submitButton, cancelEdit));
            const formCard = el('section', {class: 'card expert-panel', hidden: true}, form);

            // ---- try it ----
            const tryTitle = el('h2', {id: 'try-title', text: 'Try an expert'});
            const prompt = C.field({name: 'prompt', label: 'Prompt', type: 'textarea', rows: 3, required: true, id: 'try-prompt'});
            const maxTokens = C.field({name: 'max_tokens', label: 'Max tokens', type: 'number', value: 256, id: 'try-max-tokens',
                attrs: {min: 1, max: 4096}});
            const trySubmit = C.write(el('button', {type: 'submit', class: 'primary', text: 'Send'}));
            const tryClose = el('button', {type: 'button', text: 'Close'});
            const out = {};
            const outRow = (key, label) => {
                out[key] = el('dd', {'data-out': key, text: '—'});
                return [el('dt', {text: label}), out[key]];
            };
            const tryResult = el('div', {id: 'try-result', 'aria-live': 'polite', hidden: true},
                el('dl', {class: 'kv'}, outRow('tokens', 'Tokens'), outRow('cost', 'Cost'), outRow('latency', 'Latency'),
                    outRow('finish', 'Finish reason')),
                el('h3', {text: 'Answer'}),
                el('pre', {class: 'try-answer', 'data-out': 'answer', tabindex: '0'}));
            out.answer = tryResult.querySelector('[data-out="answer"]');
            const tryForm = el('form', {id: 'try-form', novalidate: true, 'aria-labelledby': 'try-title'},
                tryTitle, prompt, maxTokens, el('div', {class: 'actions'}, trySubmit, tryClose));
            const tryCard = el('section', {class: 'card expert-panel', hidden: true}, tryForm, tryResult);

            // ---- the table ----
            const tbody = el('tbody', {});
            const table = el('table', {id: 'experts', class: 'experts'},
                el('thead', {}, el('tr', {}, COLUMNS.map(([key, label, num]) =>
                    el('th', {scope: 'col', class: num ? 'num' : null, 'data-col': key, text: label})))),
                tbody);
            const poolNote = el('p', {class: 'muted', id: 'tier-note'});

            C.append(main,
                el('div', {class: 'toolbar'},
                    el('h1', {text: 'Experts'}), el('span', {class: 'spacer'}),
                    el('label', {for: 'expert-filter', class: 'sr-only', text: 'Filter experts'}), filter,
                    refreshButton, newButton),
                formCard, tryCard,
                count,
                el('div', {class: 'table-wrap'}, table),
                poolNote);

            // ---- rows ----
            const td = (col, text, cls) => {
                const cell = document.createElement('td');
                cell.setAttribute('data-col', col);
                if (cls) {
                    cell.className = cls;
                }
                if (text !== undefined) {
                    cell.textContent = text;
                }
                return cell;
            };
            const badge = (text, cls) => {
                const span = document.createElement('span');
                span.className = 'badge' + (cls ? ' ' + cls : '');
                span.textContent = text;
                return span;
            };
            const action = (name, text, id, cls) => {
                const b = document.createElement('button');
                b.type = 'button';
                b.setAttribute('data-action', name);
                b.setAttribute('aria-label', text + ' ' + id);
                b.textContent = text;
                if (cls) {
                    b.className = cls;
                }
                return C.write(b);
            };

            function tierOf(e) {
                if (e.adapter !== 'djl') {
                    return '—';
                }
                return state.tiers.get(e.id) || 'disk';
            }

            function row(e) {
                const tr = document.createElement('tr');
                tr.setAttribute('data-id', e.id);
                tr.setAttribute('data-state', e.state);
                const idCell = td('id');
                const code = document.createElement('code');
                code.textContent = e.id;
                idCell.appendChild(code);
                if (e.default) {
                    idCell.append(' ', badge('default'));
                }
                const about = e.state === 'broken' ? e.reason : e.description;
                if (about) {
                    const small = document.createElement('div');
                    small.className = 'muted about';
                    small.textContent = about;
                    idCell.appendChild(small);
                }
                tr.appendChild(idCell);
                if (e.state === 'broken') {
                    for (const col of ['adapter', 'model']) {
                        tr.appendChild(td(col, '—'));
                    }
                    tr.appendChild(td('state')).appendChild(badge('broken', 'bad'));
                    for (const col of ['circuit', 'queued', 'in_flight', 'tier', 'source', 'calls', 'errors']) {
                        tr.appendChild(td(col, '—', COLUMNS.find((c) => c[0] === col)[2] ? 'num' : null));
                    }
                    const actions = td('actions');
                    const box = document.createElement('div');
                    box.className = 'actions';
                    box.appendChild(action('delete', 'Delete', e.id, 'danger'));
                    actions.appendChild(box);
                    tr.appendChild(actions);
                    return tr;
                }
                tr.appendChild(td('adapter', e.adapter));
                const model = tr.appendChild(td('model', e.model == null ? '—' : e.model));
                if (e.model != null) {
                    model.title = e.model;
                }
                const stateCell = td('state');
                stateCell.appendChild(badge(e.state, stateClass(e.state)));
                if (e.state === 'draining') {
                    stateCell.append(' ', e.drained ? 'drained' : e.in_flight + ' left');
                }
                tr.appendChild(stateCell);
                tr.appendChild(td('circuit')).appendChild(badge(CIRCUIT_TEXT[e.circuit] || e.circuit, circuitClass(e.circuit)));
                tr.appendChild(td('queued', String(e.queued), 'num'));
                tr.appendChild(td('in_flight', String(e.in_flight), 'num'));
                tr.appendChild(td('tier', tierOf(e)));
                tr.appendChild(td('source', e.source));
                tr.appendChild(td('calls', String(e.calls), 'num'));
                tr.appendChild(td('errors', String(e.errors), 'num' + (e.errors > 0 ? ' error' : '')));
                const actions = td('actions');
                const box = document.createElement('div');
                box.className = 'actions';
                box.appendChild(action('edit', 'Edit', e.id));
                box.appendChild(action('try', 'Try', e.id));
                if (e.state !== 'enabled') {
                    box.appendChild(action('enable', 'Enable', e.id));
                }
                if (e.state !== 'disabled') {
                    box.appendChild(action('disable', 'Disable', e.id));
                }
                if (e.state === 'enabled') {
                    box.appendChild(action('drain', 'Drain', e.id));
                }
                if (e.circuit !== 'none') {
                    if (e.circuit !== 'forced_open') {
                        box.appendChild(action('circuit-open', 'Force open', e.id));
                    }
                    if (e.circuit !== 'disabled') {
                        box.appendChild(action('circuit-close', 'Force closed', e.id));
                    }
                    if (e.circuit === 'forced_open' || e.circuit === 'disabled') {
                        box.appendChild(action('circuit-reset', 'Automatic', e.id));
                    }
                }
                const del = action('delete', 'Delete', e.id, 'danger');
                if (e.source === 'config') {
                    del.disabled = true;
                    del.title = 'Declared in coe.experts: the next start would declare it again. Disable it instead.';
                }
                box.appendChild(del);
                actions.appendChild(box);
                tr.appendChild(actions);
                return tr;
            }

            function matches(e, q) {
                return !q || e.id.toLowerCase().includes(q) || String(e.adapter || '').toLowerCase().includes(q)
                    || String(e.model || '').toLowerCase().includes(q);
            }

            function renderRows() {
                const q = filter.value.trim().toLowerCase();
                const fragment = document.createDocumentFragment();
                let shownCount = 0;
                for (const e of state.experts) {
                    if (matches(e, q)) {
                        fragment.appendChild(row(e));
                        shownCount++;
                    }
                }
                tbody.replaceChildren(fragment);
                if (state.experts.length === 0) {
                    const tr = el('tr', {}, el('td', {colspan: COLUMNS.length, class: 'muted', text: 'No experts yet.'}));
                    tbody.appendChild(tr);
                }
                const off = state.experts.filter((e) => e.state !== 'enabled').length;
                count.textContent = (shownCount === state.experts.length ? state.experts.length + ' experts'
                    : shownCount + ' of ' + state.experts.length + ' experts') + (off ? ' · ' + off + ' not enabled' : '') +
                    ' · queued, in flight, calls and errors are this replica\'s';
            }

            /** Replaces one expert (from an action's answer) in the list and its row. */
            function update(view) {
                const i = state.experts.findIndex((e) => e.id === view.id);
                if (i >= 0) {
                    state.experts[i] = view;
                } else {
                    state.experts.push(view);
                }
                state.byId.set(view.id, view);
                const old = tbody.querySelector('tr[data-id="' + CSS.escape(view.id) + '"]');
                if (old) {
                    old.replaceWith(row(view));
                } else {
                    renderRows();
                }
            }

            async function load() {
                const [experts, pool] = await Promise.allSettled([C.get('/admin/experts'), C.get('/admin/pool')]);
                if (experts.status === 'rejected') {
                    throw experts.reason;
                }
                state.experts = (experts.value && experts.value.data) || [];
                state.byId = new Map(state.experts.map((e) => [e.id, e]));
                state.tiers = new Map();
                if (pool.status === 'fulfilled') {
                    ((pool.value && pool.value.models) || []).forEach((m) => state.tiers.set(m.id, m.tier));
                    poolNote.textContent = 'Tier: where a local (djl) expert\'s model is on this replica (' +
                        (pool.value.replica || 'this replica') + '): device (loaded), host (kept in memory) or disk.';
                } else {
                    poolNote.textContent = 'The model pool could not be read, so local tiers show as disk: ' + pool.reason.message;
                }
                renderRows();
            }

            // ---- the form ----
            function openForm(expert) {
                state.editing = expert ? expert.id : null;
                C.clearErrors(form);
                closeTry();
                const d = expert ? expert.definition || {} : {};
                for (const [name] of FIELDS) {
                    idInputs[name].value = name === 'api_key_env' ? '' : shown(d, name);
                }
                idInputs.id.readOnly = Boolean(expert);
                idInputs.api_key_env.placeholder = expert && expert.has_api_key ? 'set (unchanged unless you name one)' : '';
                formTitle.textContent = expert ? 'Edit ' + expert.id : 'New expert';
                submitButton.textContent = expert ? 'Save changes' : 'Create';
                if (expert && expert.source === 'config') {
                    configNote.textContent = '"' + expert.id + '" is declared in coe.experts (source: config). Saving here ' +
                        'stores an admin change (source: admin) on every replica: the next start with the same configuration ' +
                        'keeps your stored definition and logs that it did, so later edits of this expert in the configuration ' +
                        'no longer apply to it. Enable, disable, drain and forced circuits are kept across starts either way.';
                    configNote.hidden = false;
                } else if (expert && expert.source === 'admin') {
                    configNote.textContent = 'Changed or added through the admin API: stored, it outlives restarts; a start ' +
                        'keeps this definition even when coe.experts declares the same id.';
                    configNote.hidden = false;
                } else {
                    configNote.hidden = true;
                }
                formCard.hidden = false;
                (expert ? idInputs.adapter : idInputs.id).focus();
            }

            function closeForm() {
                formCard.hidden = true;
                state.editing = null;
            }

            /** The body: create sends what is filled in; edit sends the fields that changed (blank: back to default). */
            function body() {
                const original = state.editing ? (state.byId.get(state.editing) || {}).definition || {} : null;
                const out = {};
                const errors = [];
                for (const [name] of FIELDS) {
                    if (name === 'id' && original) {
                        continue;
                    }
                    const text = idInputs[name].value.trim();
                    if (original && name !== 'api_key_env' && text === shown(original, name).trim()) {
                        continue;
                    }
                    if (!original && text === '') {
                        continue;
                    }
                    if (original && name === 'api_key_env' && text === '') {
                        continue; // kept unless named
                    }
                    let value = text === '' ? null : text;
                    if (value !== null && NUMBERS.has(name)) {
                        value = Number(text);
                        if (!Number.isFinite(value)) {
                            errors.push({param: name, message: name + ' must be a number.'});
                            continue;
                        }
                    } else if (value !== null && name === 'fallbacks') {
                        value = text.split(',').map((s) => s.trim()).filter(Boolean);
                    } else if (value !== null && name === 'options') {
                        value = {};
                        for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
                            const eq = line.indexOf('=');
                            if (eq <= 0) {
                                errors.push({param: 'options', message: 'Write each option as key=value.'});
                                break;
                            }
                            value[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
                        }
                    } else if (name === 'description' && value !== null) {
                        value = idInputs[name].value; // keep line breaks as typed
                    }
                    if (name.startsWith('resilience.')) {
                        out.resilience = out.resilience || {};
                        out.resilience[name.slice('resilience.'.length)] = value;
                    } else {
                        out[name] = value;
                    }
                }
                return {out, errors};
            }

            form.addEventListener('submit', async (event) => {
                event.preventDefault();
                C.clearErrors(form);
                const {out, errors} = body();
                if (errors.length) {
                    C.showError(errors[0], form);
                    return;
                }
                if (!state.editing && !out.id) {
                    C.showError({param: 'id', message: 'An expert needs an id.'}, form);
                    idInputs.id.focus();
                    return;
                }
                if (state.editing && Object.keys(out).length === 0) {
                    C.toast('Nothing changed.', 'ok');
                    return;
                }
                submitButton.disabled = true;
                try {
                    const view = state.editing
                        ? await C.patch('/admin/experts/' + encodeURIComponent(state.editing), out)
                        : await C.post('/admin/experts', out);
                    C.toast((state.editing ? 'Saved ' : 'Created ') + view.id + '.', 'ok');
                    closeForm();
                    update(view);
                } catch (error) {
                    if (error.param && !form.querySelector('[data-error-for="' + CSS.escape(error.param) + '"]')) {
                        const top = error.param.split(/[.[]/)[0];
                        if (form.querySelector('[data-error-for="' + CSS.escape(top) + '"]')) {
                            error.param = top;
                        }
                    }
                    C.showError(error, form);
                    const bad = error.param && form.querySelector('[name="' + CSS.escape(error.param) + '"]');
                    if (bad) {
                        bad.focus();
                    }
                } finally {
                    submitButton.disabled = !C.canWrite();
                }
            });
            cancelEdit.addEventListener('click', closeForm);
            newButton.addEventListener('click', () => openForm(null));

            // ---- try ----
            function openTry(expert) {
                closeForm();
                state.trying = expert.id;
                tryTitle.textContent = 'Try ' + expert.id;
                tryResult.hidden = true;
                C.clearErrors(tryForm);
                tryCard.hidden = false;
                tryForm.querySelector('textarea[name="prompt"]').focus();
            }

            function closeTry() {
                tryCard.hidden = true;
                state.trying = null;
            }

            tryForm.addEventListener('submit', async (event) => {
                event.preventDefault();
                C.clearErrors(tryForm);
                const text = tryForm.querySelector('textarea[name="prompt"]').value;
                if (!text.trim()) {
                    C.showError({param: 'prompt', message: 'Write a prompt first.'}, tryForm);
                    return;
                }
                const request = {prompt: text};
                const mt = tryForm.querySelector('input[name="max_tokens"]').value.trim();
                if (mt) {
                    request.max_tokens = Number(mt);
                }
                const id = state.trying;
                trySubmit.disabled = true;
                out.answer.textContent = 'Waiting for ' + id + '…';
                tryResult.hidden = false;
                try {
                    const r = await C.post('/admin/experts/' + encodeURIComponent(id) + '/try', request);
                    const u = r.usage || {};
                    out.answer.textContent = r.answer == null ? '' : r.answer;
                    out.tokens.textContent = C.fmt.num(u.prompt_tokens, 0) + ' in · ' + C.fmt.num(u.completion_tokens, 0) +
                        ' out · ' + C.fmt.num(u.total_tokens, 0) + ' total';
                    out.cost.textContent = C.fmt.usd(r.cost_usd);
                    out.latency.textContent = C.fmt.ms(r.latency_ms);
                    out.finish.textContent = C.fmt.text(r.finish_reason);
                    refreshOne(id);
                } catch (error) {
                    out.answer.textContent = 'Failed: ' + error.message;
                    for (const k of ['tokens', 'cost', 'latency', 'finish']) {
                        out[k].textContent = '—';
                    }
                    C.showError(error, tryForm);
                } finally {
                    trySubmit.disabled = !C.canWrite();
                }
            });
            tryClose.addEventListener('click', closeTry);

            /** Re-reads one expert after a try (its calls and errors changed), and the pool for its tier. */
            async function refreshOne(id) {
                try {
                    const view = await C.get('/admin/experts/' + encodeURIComponent(id));
                    const e = state.byId.get(id);
                    if (e && e.adapter === 'djl') {
                        const pool = await C.get('/admin/pool');
                        (pool.models || []).forEach((m) => state.tiers.set(m.id, m.tier));
                    }
                    update(view);
                } catch (error) {
                    /* the list stays as it was */
                }
            }

            // ---- row actions (one delegated handler) ----
            const PATHS = {
                enable: ['enable'], disable: ['disable'], drain: ['drain'],
                'circuit-open': ['circuit', {state: 'forced_open'}],
                'circuit-close': ['circuit', {state: 'forced_closed'}],
                'circuit-reset': ['circuit', {state: 'automatic'}],
            };
            tbody.addEventListener('click', async (event) => {
                const button = event.target.closest('button[data-action]');
                if (!button || button.disabled) {
                    return;
                }
                const id = button.closest('tr').getAttribute('data-id');
                const name = button.getAttribute('data-action');
                const expert = state.byId.get(id);
                if (name === 'edit') {
                    openForm(expert);
                    formCard.scrollIntoView({block: 'nearest'});
                    return;
                }
                if (name === 'try') {
                    openTry(expert);
                    tryCard.scrollIntoView({block: 'nearest'});
                    return;
                }
                if (name === 'delete') {
                    const ok = await C.confirm('Delete expert "' + id + '"? Every replica stops serving it; ' +
                        'calls naming it get 404.');
                    if (!ok) {
                        return;
                    }
                    button.disabled = true;
                    try {
                        await C.del('/admin/experts/' + encodeURIComponent(id));
                        state.experts = state.experts.filter((e) => e.id !== id);
                        state.byId.delete(id);
                        if (state.editing === id) {
                            closeForm();
                        }
                        if (state.trying === id) {
                            closeTry();
                        }
                        renderRows();
                        C.toast('Deleted ' + id + '.', 'ok');
                    } catch (error) {
                        button.disabled = false;
                        C.showError(error);
                    }
                    return;
                }
                const [path, payload] = PATHS[name] || [];
                if (!path) {
                    return;
                }
                if (name === 'drain' && !(await C.confirm('Drain "' + id + '"? It takes no new calls on any replica; ' +
                    'calls in flight finish.'))) {
                    return;
                }
                button.disabled = true;
                try {
                    const view = await C.post('/admin/experts/' + encodeURIComponent(id) + '/' + path, payload);
                    update(view);
                    C.toast(id + ': ' + view.state + ', circuit ' + (CIRCUIT_TEXT[view.circuit] || view.circuit) + '.', 'ok');
                    const again = tbody.querySelector('tr[data-id="' + CSS.escape(id) + '"] button[data-action]');
                    if (again) {
                        again.focus();
                    }
                } catch (error) {
                    button.disabled = false;
                    C.showError(error);
                }
            });

            let filterTimer = null;
            filter.addEventListener('input', () => {
                clearTimeout(filterTimer);
                filterTimer = setTimeout(renderRows, 120);
            });
            refreshButton.addEventListener('click', () => { load().catch((e) => C.showError(e)); });

            await load();
        },
    });
})();

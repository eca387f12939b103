/*
 * The keys page: gateway API keys with their allowed models and experts, rate and token limits, budget and spend (a
 * bar), enabled or not. Create (the secret is shown once, with a copy button, and kept nowhere: leaving or reloading
 * the page drops it), edit, disable, enable, delete (confirmed). Calls on load: GET /admin/keys, and GET /admin/experts
 * for the form's suggestions.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
    const names = (v) => (v && v.length ? v.join(', ') : 'all');

    C.page('keys', {
        title: 'Keys',
        render: async (main) => {
            const state = {keys: [], editing: null};

            const newButton = C.write(el('button', {id: 'new-key', type: 'button', class: 'primary', text: 'New key'}));
            const secretBox = el('div', {id: 'key-secret-box', class: 'secret', role: 'status', hidden: true});
            const tableBox = el('div', {id: 'keys-box'});

            // ---- the form ----
            const fields = {
                name: C.field({name: 'name', label: 'Name', required: true, help: 'Who or what uses it (1-200 characters)'}),
                models: C.field({name: 'models', label: 'Models allowed', help: 'Comma separated (e.g. coe, echo); blank: all',
                    attrs: {list: 'key-model-list'}}),
                experts: C.field({name: 'experts', label: 'Experts allowed', help: 'Comma separated; blank: all',
                    attrs: {list: 'key-expert-list'}}),
                requests_per_minute: C.field({name: 'requests_per_minute', label: 'Requests per minute', type: 'number',
                    help: '0: no limit', attrs: {min: 0, step: 1}}),
                tokens_per_minute: C.field({name: 'tokens_per_minute', label: 'Tokens per minute', type: 'number',
                    help: '0: no limit', attrs: {min: 0, step: 1}}),
                budget_usd: C.field({name: 'budget_usd', label: 'Budget (USD)', type: 'number',
                    help: 'Blank: no budget', attrs: {min: 0, step: 'any'}}),
            };
            const input = (name) => fields[name].querySelector('[name="' + name + '"]');
            const formTitle = el('h2', {id: 'key-form-title', text: 'New key'});
            const submit = C.write(el('button', {type: 'submit', class: 'primary', text: 'Create key'}));
            const close = el('button', {type: 'button', text: 'Close'});
            const expertList = el('datalist', {id: 'key-expert-list'});
            const modelList = el('datalist', {id: 'key-model-list'});
            const form = el('form', {id: 'key-form', novalidate: true, 'aria-labelledby': 'key-form-title'},
                formTitle, expertList, modelList,
                el('div', {class: 'form-grid'}, Object.values(fields)),
                el('div', {class: 'actions'}, submit, close));
            const formCard = el('section', {class: 'card key-panel', hidden: true}, form);

            C.append(main,
                el('div', {class: 'toolbar'}, el('h1', {text: 'Keys'}), el('span', {class: 'spacer'}), newButton),
                secretBox, formCard, tableBox,
                el('p', {class: 'muted', text: 'Spend is what a key\'s calls cost at its experts\' prices; a key past its ' +
                    'budget is refused until the budget is raised. A disabled key is refused by every replica at its next call.'}));

            function openForm(key) {
                state.editing = key ? key.id : null;
                C.clearErrors(form);
                input('name').value = key ? key.name : '';
                input('models').value = key ? (key.models || []).join(', ') : '';
                input('experts').value = key ? (key.experts || []).join(', ') : '';
                input('requests_per_minute').value = key ? key.requests_per_minute : '';
                input('tokens_per_minute').value = key ? key.tokens_per_minute : '';
                input('budget_usd').value = key && key.budget_usd != null ? key.budget_usd : '';
                formTitle.textContent = key ? 'Edit key ' + key.name : 'New key';
                submit.textContent = key ? 'Save changes' : 'Create key';
                formCard.hidden = false;
                input('name').focus();
            }

            function closeForm() {
                formCard.hidden = true;
                state.editing = null;
            }

            function showSecret(key) {
                const code = el('code', {id: 'key-secret', text: key.key});
                const copy = el('button', {id: 'copy-secret', type: 'button', text: 'Copy', on: {click: async () => {
                    try {
                        await navigator.clipboard.writeText(key.key);
                        C.toast('Copied the secret.', 'ok');
                    } catch (error) {
                        const range = document.createRange();
                        range.selectNodeContents(code);
                        const selection = window.getSelection();
                        selection.removeAllRanges();
                        selection.addRange(range);
                        C.toast('Could not copy: the secret is selected, copy it with Ctrl+C.', 'error');
                    }
                }}});
                const done = el('button', {type: 'button', text: 'I have stored it', on: {click: () => {
                    C.replace(secretBox);
                    secretBox.hidden = true;
                    newButton.focus();
                }}});
                C.replace(secretBox,
                    el('strong', {text: 'Secret of "' + key.name + '":'}), code, copy, done,
                    el('span', {class: 'muted', text: 'Shown this once: it is stored only as a hash.'}));
                secretBox.hidden = false;
                copy.focus();
            }

            form.addEventListener('submit', async (event) => {
                event.preventDefault();
                C.clearErrors(form);
                const body = {name: input('name').value};
                if (!body.name.trim()) {
                    C.showError({param: 'name', message: 'A key needs a name.'}, form);
                    input('name').focus();
                    return;
                }
                const models = list(input('models').value);
                const experts = list(input('experts').value);
                if (state.editing || models.length) {
                    body.models = models;
                }
                if (state.editing || experts.length) {
                    body.experts = experts;
                }
                for (const name of ['requests_per_minute', 'tokens_per_minute', 'budget_usd']) {
                    const text = input(name).value.trim();
                    if (text === '') {
                        if (state.editing) {
                            body[name] = name === 'budget_usd' ? null : 0;
                        }
                        continue;
                    }
                    const n = Number(text);
                    if (!Number.isFinite(n)) {
                        C.showError({param: name, message: name + ' must be a number.'}, form);
                        return;
                    }
                    body[name] = n;
                }
                submit.disabled = true;
                try {
                    if (state.editing) {
                        const key = await C.patch('/admin/keys/' + encodeURIComponent(state.editing), body);
                        C.toast('Saved ' + key.name + '.', 'ok');
                    } else {
                        const key = await C.post('/admin/keys', body);
                        showSecret(key);
                        C.toast('Created key ' + key.name + '.', 'ok');
                    }
                    closeForm();
                    await load();
                } catch (error) {
                    C.showError(error, form);
                    const bad = error.param && form.querySelector('[name="' + CSS.escape(error.param) + '"]');
                    if (bad) {
                        bad.focus();
                    }
                } finally {
                    submit.disabled = !C.canWrite();
                }
            });
            close.addEventListener('click', closeForm);
            newButton.addEventListener('click', () => openForm(null));

            function budgetCell(k) {
                const spent = Number(k.spent_usd || 0);
                if (k.budget_usd == null) {
                    return el('div', {class: 'spend'},
                        el('progress', {class: 'no-budget', max: 1, value: 0, 'aria-label': 'No budget for ' + k.name, text: 'no budget'}),
                        el('span', {text: C.fmt.usd(spent) + ' spent · no budget'}));
                }
                const budget = Number(k.budget_usd);
                const over = budget > 0 ? spent / budget : (spent > 0 ? 1 : 0);
                return el('div', {class: 'spend'},
                    el('progress', {class: over >= 1 ? 'over' : over >= 0.8 ? 'near' : null, max: budget > 0 ? budget : 1,
                        value: Math.min(spent, budget > 0 ? budget : 1), 'aria-label': 'Spend of ' + k.name,
                        text: C.fmt.usd(spent) + ' of ' + C.fmt.usd(budget)}),
                    el('span', {text: C.fmt.usd(spent) + ' of ' + C.fmt.usd(budget) + ' (' + C.fmt.pct(over) + ')'}));
            }

            function actions(k) {
                const button = (action, text, cls) => C.write(el('button', {type: 'button', 'data-action': action, class: cls,
                    text, 'aria-label': text + ' key ' + k.name}));
                return el('div', {class: 'actions'},
                    button('edit', 'Edit'),
                    k.enabled ? button('disable', 'Disable') : button('enable', 'Enable'),
                    button('delete', 'Delete', 'danger'));
            }

            function render() {
                if (state.keys.length === 0) {
                    C.replace(tableBox, C.table(columns(), [], {id: 'keys', rowId: (k) => k.id}),
                        el('p', {class: 'muted', text: 'No keys yet. With auth on, /v1 calls need one.'}));
                    return;
                }
                C.replace(tableBox, C.table(columns(), state.keys, {id: 'keys', rowId: (k) => k.id}));
            }

            function columns() {
                return [
                    {key: 'name', label: 'Name', render: (k) => [el('div', {class: 'key-name', text: k.name}),
                        el('code', {class: 'muted', text: k.id + ' · ' + (k.hint || '')})]},
                    {key: 'state', label: 'State', render: (k) => el('span', {class: 'badge ' + (k.enabled ? 'ok' : 'bad'),
                        text: k.enabled ? 'enabled' : 'disabled'})},
                    {key: 'models', label: 'Models', render: (k) => names(k.models)},
                    {key: 'experts', label: 'Experts', render: (k) => names(k.experts)},
                    {key: 'limits', label: 'Limits', render: (k) =>
                        (k.requests_per_minute ? C.fmt.num(k.requests_per_minute, 0) + ' req/min' : 'no req limit') + ' · ' +
                        (k.tokens_per_minute ? C.fmt.num(k.tokens_per_minute, 0) + ' tok/min' : 'no token limit')},
                    {key: 'budget', label: 'Spend', render: budgetCell},
                    {key: 'created_at', label: 'Created', render: (k) => C.fmt.time(k.created_at)},
                    {key: 'actions', label: 'Actions', render: actions},
                ];
            }

            tableBox.addEventListener('click', async (event) => {
                const button = event.target.closest('button[data-action]');
                if (!button || button.disabled) {
                    return;
                }
                const id = button.closest('tr').getAttribute('data-id');
                const key = state.keys.find((k) => k.id === id);
                const action = button.getAttribute('data-action');
                if (action === 'edit') {
                    openForm(key);
                    return;
                }
                if (action === 'delete' && !(await C.confirm('Delete key "' + key.name + '"? Calls with it are refused at once; ' +
                    'this cannot be undone.'))) {
                    return;
                }
                button.disabled = true;
                try {
                    if (action === 'delete') {
                        await C.del('/admin/keys/' + encodeURIComponent(id));
                        C.toast('Deleted key ' + key.name + '.', 'ok');
                    } else {
                        await C.patch('/admin/keys/' + encodeURIComponent(id), {enabled: action === 'enable'});
                        C.toast((action === 'enable' ? 'Enabled' : 'Disabled') + ' key ' + key.name + '.', 'ok');
                    }
                    if (state.editing === id) {
                        closeForm();
                    }
                    await load();
                    const row = tableBox.querySelector('tr[data-id="' + CSS.escape(id) + '"] button[data-action]');
                    (row || newButton).focus();
                } catch (error) {
                    button.disabled = false;
                    C.showError(error);
                }
            });

            async function load() {
                const data = await C.get('/admin/keys');
                state.keys = (data && data.data) || [];
                render();
            }

            async function suggestions() {
                try {
                    const experts = ((await C.get('/admin/experts')).data || []).filter((e) => e.state !== 'broken');
                    C.replace(expertList, experts.map((e) => el('option', {value: e.id})));
                    C.replace(modelList, el('option', {value: 'coe'}), experts.map((e) => el('option', {value: e.id})));
                } catch (error) {
                    /* suggestions only */
                }
            }

            await Promise.all([load(), suggestions()]);
        },
    });
})();

/*
 * The console's core: the admin API client, a DOM builder that only ever sets text (never HTML), the hash router,
 * charts, dialogs and formatters. Pages register with Console.page(name, {title, render}).
 *
 * Safety rules every page follows: text from users or models goes into the DOM through Console.el/text (textContent);
 * no innerHTML, no inline scripts or styles (the Content-Security-Policy forbids them).
 */
(function () {
    'use strict';

    /** An OpenAI-format error from the API: status, type, code, message, param. */
    class ApiError extends Error {
        constructor(status, error) {
            super((error && error.message) || ('HTTP ' + status));
            this.status = status;
            this.type = error && error.type;
            this.code = error && error.code;
            this.param = error && error.param;
        }
    }

    const pages = new Map();
    let session = {auth_enabled: false, role: 'admin', csrf_token: null};
    let current = null; // {name, cleanups: []}

    /**
     * Builds an element. attrs: {id, class, text, title, for, type, name, value, href, hidden, disabled, ...,
     * 'data-x': v, 'aria-x': v, on: {click: fn}}; children: nodes, strings (as text), arrays, null/undefined (skipped).
     */
    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attrs || {})) {
            if (value === undefined || value === null || value === false) {
                continue;
            }
            if (key === 'on') {
                for (const [event, handler] of Object.entries(value)) {
                    node.addEventListener(event, handler);
                }
            } else if (key === 'text') {
                node.textContent = String(value);
            } else if (key === 'class') {
                node.className = value;
            } else if (key === 'value' && ('value' in node)) {
                node.value = String(value);
            } else if (key === 'checked' || key === 'selected') {
                node[key] = Boolean(value);
            } else if (value === true) {
                node.setAttribute(key, '');
            } else {
                node.setAttribute(key, String(value));
            }
        }
        appendAll(node, children);
        return node;
    }

    /** Appends children (nodes, strings as text, arrays, null skipped) to node; returns node. */
    function append(node, ...children) {
        return appendAll(node, children);
    }

    function appendAll(node, children) {
        for (const child of children) {
            if (child === undefined || child === null || child === false) {
                continue;
            }
            if (Array.isArray(child)) {
                appendAll(node, child);
            } else if (child instanceof Node) {
                node.appendChild(child);
            } else {
                node.appendChild(document.createTextNode(String(child)));
            }
        }
        return node;
    }

    /** Replaces a node's children. */
    function replace(node, ...children) {
        node.replaceChildren();
        return appendAll(node, children);
    }

    /**
     * Calls the admin API. body: an object (sent as JSON), a string (sent as text/plain unless contentType is
     * given), or undefined. Resolves with the parsed JSON (or text when the response is not JSON); rejects with an
     * ApiError. A 401 sends the browser to the login page.
     */
    async function api(method, path, body, options) {
        const opts = options || {};
        const headers = {'Accept': opts.accept || 'application/json'};
        if (method !== 'GET' && method !== 'HEAD' && session.csrf_token) {
            headers['X-CSRF-Token'] = session.csrf_token;
        }
        let payload;
        if (body !== undefined) {
            if (typeof body === 'string') {
                headers['Content-Type'] = opts.contentType || 'text/plain';
                payload = body;
            } else {
                headers['Content-Type'] = 'application/json';
                payload = JSON.stringify(body);
            }
        }
        const response = await fetch(path, {method, headers, body: payload, credentials: 'same-origin'});
        const type = response.headers.get('Content-Type') || '';
        const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
        if (!response.ok) {
            if (response.status === 401 && !opts.noRedirect) {
                location.assign('/console/login');
            }
            throw new ApiError(response.status, data && data.error);
        }
        return data;
    }

    const get = (path, options) => api('GET', path, undefined, options);
    const post = (path, body, options) => api('POST', path, body === undefined ? {} : body, options);
    const put = (path, body, options) => api('PUT', path, body, options);
    const patch = (path, body, options) => api('PATCH', path, body, options);
    const del = (path, options) => api('DELETE', path, undefined, options);

    /** Shows a message in #toast; kind 'error' or 'ok'. Errors stay until the next message, others fade. */
    let toastTimer = null;
    function toast(message, kind) {
        const box = document.getElementById('toast');
        box.className = kind === 'error' ? 'error' : 'ok';
        box.textContent = String(message);
        box.hidden = false;
        clearTimeout(toastTimer);
        if (kind !== 'error') {
            toastTimer = setTimeout(() => { box.hidden = true; }, 4000);
        }
    }

    /** Shows an API error: in the form next to its field when it names one there, and in #toast. */
    function showError(error, form) {
        if (form) {
            clearErrors(form);
            if (error && error.param) {
                const slot = form.querySelector('[data-error-for="' + CSS.escape(error.param) + '"]');
                if (slot) {
                    slot.textContent = error.message;
                    slot.hidden = false;
                }
            }
        }
        toast(error && error.message ? error.message : String(error), 'error');
    }

    function clearErrors(form) {
        form.querySelectorAll('[data-error-for]').forEach((slot) => { slot.textContent = ''; slot.hidden = true; });
    }

    /** Asks in dialog#confirm; resolves true when confirmed. */
    function confirm(message) {
        const dialog = document.getElementById('confirm');
        document.getElementById('confirm-text').textContent = message;
        return new Promise((resolve) => {
            dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), {once: true});
            dialog.returnValue = '';
            dialog.showModal();
            document.getElementById('confirm-no').focus();
        });
    }

    /** Whether this session may change anything (the viewer may not; the API refuses it anyway). */
    const canWrite = () => session.role === 'admin';

    /** Marks a control as a write: data-write, and disabled for the viewer. Returns it. */
    function write(control) {
        control.setAttribute('data-write', '');
        if (!canWrite()) {
            control.disabled = true;
            control.title = 'Read-only: you are signed in as the viewer';
        }
        return control;
    }

    /**
     * A labelled form field: label + input/select/textarea + its error slot. spec: {name, label, type ('text',
     * 'number', 'password', 'textarea', 'select', 'checkbox', 'file'), value, options: [[value, text]], required,
     * placeholder, help, attrs}.
     */
    function field(spec) {
        const id = spec.id || ('f-' + spec.name + '-' + Math.random().toString(36).slice(2, 8));
        let control;
        const common = Object.assign({id, name: spec.name, required: spec.required, placeholder: spec.placeholder},
            spec.attrs || {});
        if (spec.type === 'textarea') {
            control = el('textarea', Object.assign({rows: spec.rows || 4}, common));
            control.value = spec.value == null ? '' : String(spec.value);
        } else if (spec.type === 'select') {
            control = el('select', common, (spec.options || []).map(([value, text]) =>
                el('option', {value, selected: String(value) === String(spec.value)}, text)));
        } else if (spec.type === 'checkbox') {
            control = el('input', Object.assign({type: 'checkbox', checked: Boolean(spec.value)}, common));
        } else {
            control = el('input', Object.assign({type: spec.type || 'text', value: spec.value}, common));
        }
        return el('div', {class: 'field'},
            el('label', {for: id, text: spec.label}),
            control,
            spec.help ? el('small', {class: 'help', text: spec.help}) : null,
            el('small', {class: 'field-error', 'data-error-for': spec.param || spec.name, hidden: true}));
    }

    /** A <progress> with a text label: value of max. */
    function progress(value, max, attrs) {
        const bar = el('progress', Object.assign({max: Math.max(1, max || 0), value: Math.max(0, value || 0)}, attrs || {}));
        bar.textContent = (value || 0) + '/' + (max || 0);
        return bar;
    }

    /**
     * A table: columns [{key, label, render(row) -> node|string, num: bool}], rows, attrs {id, rowId(row)}.
     * Each cell gets data-col=key; each row data-id=rowId(row).
     */
    function table(columns, rows, attrs) {
        const a = attrs || {};
        return el('div', {class: 'table-wrap'},
            el('table', {id: a.id, class: a.class},
                a.caption ? el('caption', {text: a.caption}) : null,
                el('thead', {}, el('tr', {}, columns.map((c) => el('th', {scope: 'col', class: c.num ? 'num' : null}, c.label)))),
                el('tbody', {}, rows.map((row) => el('tr', {'data-id': a.rowId ? a.rowId(row) : null},
                    columns.map((c) => el('td', {'data-col': c.key, class: c.num ? 'num' : null},
                        c.render ? c.render(row) : fmt.text(row[c.key]))))))));
    }

    const fmt = {
        text: (v) => (v === undefined || v === null ? '—' : String(v)),
        num: (v, digits) => (v === undefined || v === null || Number.isNaN(v) ? '—'
            : Number(v).toLocaleString('en-US', {maximumFractionDigits: digits === undefined ? 2 : digits})),
        ms: (v) => (v === undefined || v === null ? '—' : (v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Number(v).toFixed(1) + ' ms')),
        usd: (v) => (v === undefined || v === null ? '—' : '$' + Number(v).toFixed(Number(v) !== 0 && Math.abs(v) < 0.01 ? 6 : 2)),
        pct: (v) => (v === undefined || v === null ? '—' : (Number(v) * 100).toFixed(1) + '%'),
        bytes: (v) => {
            if (v === undefined || v === null) { return '—'; }
            const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
            let n = Number(v); let i = 0;
            while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
            return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
        },
        /** epoch seconds (or milliseconds when > 1e12) as a local date-time */
        time: (v) => {
            if (v === undefined || v === null) { return '—'; }
            const ms = typeof v === 'string' ? Date.parse(v) : (v > 1e12 ? v : v * 1000);
            return Number.isNaN(ms) ? String(v) : new Date(ms).toLocaleString();
        },
        duration: (seconds) => {
            if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) { return '—'; }
            const s = Math.max(0, Math.round(seconds));
            return s >= 3600 ? Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min'
                : s >= 60 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s' : s + ' s';
        },
    };

    /**
     * A time-series chart (uPlot) in container, updated in place on later calls with the same container and the
     * same series (labels and units); a call with other series (e.g. the usage page grouped by another dimension)
     * builds the chart afresh, so the legend never shows the old labels over new data.
     * data: {t: [epoch seconds], series: [{label, values, unit}]}; options: {height}.
     */
    function chart(container, data, options) {
        const opts = options || {};
        const columns = [data.t].concat(data.series.map((s) => s.values.map((v) => (v === null ? null : Number(v)))));
        const shape = JSON.stringify(data.series.map((s) => [s.label, s.unit || '']));
        if (container.__chart && container.__chartShape === shape) {
            container.__chart.setData(columns);
            return container.__chart;
        }
        if (container.__chart) {
            container.__chart.destroy();
            container.__chart = null;
            container.__chartShape = null;
        }
        if (typeof uPlot === 'undefined') {
            replace(container, el('p', {class: 'muted', text: 'Charts are unavailable (uPlot did not load).'}));
            return null;
        }
        const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
        const width = Math.max(240, container.clientWidth || 480);
        const plot = new uPlot({
            width,
            height: opts.height || 180,
            legend: {show: true},
            cursor: {drag: {x: false, y: false}},
            scales: {x: {time: true}},
            axes: [{}, {size: 60}],
            series: [{}].concat(data.series.map((s, i) => ({
                label: s.label,
                stroke: palette[i % palette.length],
                width: 2,
                spanGaps: false,
                value: (u, v) => (v === null || v === undefined ? '—' : fmt.num(v, 3) + (s.unit ? ' ' + s.unit : '')),
            }))),
        }, columns, container);
        container.__chart = plot;
        container.__chartShape = shape;
        return plot;
    }

    /** Resizes every chart to its container (on window resize). */
    window.addEventListener('resize', () => {
        document.querySelectorAll('.chart').forEach((c) => {
            if (c.__chart) {
                c.__chart.setSize({width: Math.max(240, c.clientWidth), height: c.__chart.height});
            }
        });
    });

    /** Reads a File chosen in an <input type=file> as text. */
    function readFile(file) {
        return new Promise((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(String(reader.result));
            reader.onerror = () => reject(reader.error);
            reader.readAsText(file);
        });
    }

    /** Registers a page: spec {title, render(main, ctx) -> Promise}. */
    function page(name, spec) {
        pages.set(name, spec);
    }

    /**
     * Shows the page the hash names. ctx given to render: {session, every(ms, fn) (a refresh loop stopped on
     * navigation), onLeave(fn), params (from '#/page?x=y')}. data-ready is set when render's promise resolves.
     */
    async function show() {
        const hash = location.hash.replace(/^#\/?/, '');
        const [name, query] = hash.split('?');
        const pageName = pages.has(name) ? name : 'overview';
        if (current) {
            current.cleanups.forEach((fn) => { try { fn(); } catch (e) { /* ignore */ } });
        }
        const started = performance.now();
        const main = document.getElementById('page');
        main.removeAttribute('data-ready');
        main.setAttribute('data-page', pageName);
        replace(main);
        document.querySelectorAll('[data-nav]').forEach((a) => {
            if (a.getAttribute('data-nav') === pageName) {
                a.setAttribute('aria-current', 'page');
            } else {
                a.removeAttribute('aria-current');
            }
        });
        const spec = pages.get(pageName);
        const state = {name: pageName, cleanups: []};
        current = state;
        document.title = (spec ? spec.title : pageName) + ' · CoE Router console';
        if (!spec) {
            replace(main, el('p', {text: 'This page is not available.'}));
            return;
        }
        const ctx = {
            session,
            params: new URLSearchParams(query || ''),
            every(ms, fn) {
                const timer = setInterval(() => {
                    if (current === state && !document.hidden) {
                        Promise.resolve(fn()).catch((e) => showError(e));
                    }
                }, ms);
                state.cleanups.push(() => clearInterval(timer));
            },
            onLeave(fn) { state.cleanups.push(fn); },
        };
        try {
            await spec.render(main, ctx);
        } catch (error) {
            append(main, el('p', {class: 'error', role: 'alert', text: 'Could not load this page: ' + (error.message || error)}));
        }
        if (current === state) {
            main.setAttribute('data-ready', 'true');
            const now = performance.now();
            window.__coeRender = {page: pageName, ms: now - started, at: now};
        }
    }

    /** Starts the console: reads the session, shows the banner/role, then the page. */
    async function start() {
        try {
            session = await get('/admin/session');
        } catch (error) {
            if (error.status === 401) {
                return; // api() went to the login page
            }
            session = {auth_enabled: false, role: 'admin', csrf_token: null};
            toast('Could not read the session: ' + error.message, 'error');
        }
        Console.session = session;
        document.getElementById('auth-banner').hidden = session.auth_enabled !== false;
        document.getElementById('whoami').textContent = session.auth_enabled === false
            ? 'auth off' : 'signed in as ' + session.role;
        const logout = document.getElementById('logout');
        logout.hidden = !session.auth_enabled;
        logout.addEventListener('click', async () => {
            try {
                await api('POST', '/console/logout', {}, {noRedirect: true});
            } finally {
                location.assign('/console/login');
            }
        });
        window.addEventListener('hashchange', show);
        await show();
    }

    window.Console = {
        ApiError, el, append, replace, api, get, post, put, patch, del, toast, showError, clearErrors, confirm,
        canWrite, write, field, progress, table, fmt, chart, readFile, page, start, session,
    };
})();

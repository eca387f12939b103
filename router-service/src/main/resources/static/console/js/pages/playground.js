/*
 * The routing playground: type a query, choose the method, k and aggregator; "Explain" shows the routing decision
 * (skills, candidates with scores, exclusions, method/k/aggregator) without calling an expert, "Send" runs it (every
 * expert's answer, the aggregated answer, timings, cost), "Compare" explains it with both methods side by side.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const METHODS = [['auto', 'auto (the deployment\'s)'], ['symbolic-moe', 'symbolic-moe'], ['category', 'category']];
    const AGGREGATORS = ['auto', 'vote', 'weighted-vote', 'synthesis', 'judge', 'self-moa', 'first'];

    /** A missing endpoint (this router predates it), as opposed to a missing resource. */
    const missing = (error) => error && error.status === 404 && error.code === 'unknown_url';

    const num = (v, d) => (v === undefined || v === null ? '—' : C.fmt.num(v, d === undefined ? 4 : d));

    C.page('playground', {
        title: 'Playground',
        render: async (main) => {
            // ---- the form ----
            const errorSlot = (name) => el('small', {class: 'field-error', 'data-error-for': name, hidden: true, role: 'alert'});
            const query = el('textarea', {id: 'pg-query', name: 'query', rows: 4, required: true,
                placeholder: 'e.g. What is 17 + 6?', 'aria-describedby': 'pg-query-help'});
            const method = el('select', {id: 'pg-method', name: 'method'},
                METHODS.map(([value, text]) => el('option', {value, text})));
            const k = el('input', {id: 'pg-k', name: 'k', type: 'number', min: 1, max: 16, step: 1, inputmode: 'numeric',
                placeholder: 'dynamic'});
            const aggregator = el('select', {id: 'pg-aggregator', name: 'aggregator'},
                AGGREGATORS.map((a) => el('option', {value: a, text: a === 'auto' ? 'auto (configured)' : a})));
            const explainButton = C.write(el('button', {id: 'pg-explain', type: 'button', text: 'Explain'}));
            const sendButton = C.write(el('button', {id: 'pg-send', type: 'submit', class: 'primary', text: 'Send'}));
            const compareButton = C.write(el('button', {id: 'pg-compare', type: 'button', text: 'Compare methods'}));
            const busy = el('span', {id: 'pg-busy', class: 'muted', 'aria-live': 'polite'});
            const form = el('form', {id: 'pg-form', class: 'card', novalidate: true},
                el('div', {class: 'field'},
                    el('label', {for: 'pg-query', text: 'Query'}), query,
                    el('small', {id: 'pg-query-help', class: 'help', text: 'Sent as the user message to model "coe". Ctrl+Enter sends.'}),
                    errorSlot('messages')),
                el('div', {class: 'pg-options'},
                    el('div', {class: 'field'}, el('label', {for: 'pg-method', text: 'Method'}), method, errorSlot('coe.method')),
                    el('div', {class: 'field'}, el('label', {for: 'pg-k', text: 'k (experts)'}), k, errorSlot('coe.k')),
                    el('div', {class: 'field'}, el('label', {for: 'pg-aggregator', text: 'Aggregator'}), aggregator,
                        errorSlot('coe.aggregator'))),
                errorSlot('coe'),
                el('div', {class: 'actions'}, sendButton, explainButton, compareButton, busy));

            // ---- the result areas (always present, with empty states) ----
            const decision = el('div', {id: 'pg-decision'});
            const skills = el('ul', {id: 'pg-skills', class: 'plain-list pg-skills'});
            const candidates = el('div', {id: 'pg-candidates-box'});
            const excluded = el('ul', {id: 'pg-excluded', class: 'plain-list'});
            const final = el('div', {id: 'pg-final'});
            const aggregation = el('p', {id: 'pg-aggregation', class: 'muted'});
            const answers = el('div', {id: 'pg-answers', class: 'pg-answers'});
            const timings = el('dl', {id: 'pg-timings', class: 'kv'});
            const cost = el('p', {id: 'pg-cost'});
            const compare = el('div', {id: 'pg-compare-result', class: 'pg-compare'});

            const card = (title, id, ...body) => el('section', {class: 'card', 'aria-labelledby': id},
                el('h2', {id, text: title}), body);
            C.append(main,
                el('h1', {text: 'Routing playground'}),
                form,
                el('div', {class: 'grid pg-results'},
                    card('Decision', 'pg-decision-title', decision),
                    card('Skills', 'pg-skills-title', skills),
                    card('Candidate experts', 'pg-candidates-title', candidates,
                        el('h3', {text: 'Excluded'}), excluded)),
                el('div', {class: 'grid pg-results'},
                    card('Aggregated answer', 'pg-final-title', final, aggregation,
                        el('h3', {text: 'Timings'}), timings, el('h3', {text: 'Cost'}), cost),
                    card('Each expert\'s answer', 'pg-answers-title', answers)),
                card('Method comparison', 'pg-compare-title', compare));

            function emptyRoute(text) {
                C.replace(decision, el('p', {class: 'muted', text}));
                C.replace(skills, el('li', {class: 'muted', text: 'No skills yet.'}));
                C.replace(candidates, el('p', {class: 'muted', text: 'No candidates yet.'}));
                C.replace(excluded, el('li', {class: 'muted', text: 'Nothing yet.'}));
            }
            function emptyChat(text) {
                C.replace(final, el('p', {class: 'muted', text}));
                C.replace(aggregation);
                C.replace(answers, el('p', {class: 'muted', text: 'No answers yet.'}));
                C.replace(timings);
                C.replace(cost, el('span', {class: 'muted', text: '—'}));
            }
            emptyRoute('Type a query and choose Explain (the decision only) or Send (the experts answer).');
            emptyChat('Send a query to see the answer.');
            C.replace(compare, el('p', {class: 'muted', text: 'Compare shows the category and symbolic-moe decisions for the same query side by side.'}));

            // ---- requests ----

            /** The chat completion body, or null (with the error shown) when the form is not valid. */
            function body(methodOverride) {
                C.clearErrors(form);
                const text = query.value;
                if (!text.trim()) {
                    C.showError({message: 'Type a query first.', param: 'messages'}, form);
                    query.focus();
                    return null;
                }
                const coe = {};
                const m = methodOverride || method.value;
                if (m && m !== 'auto') {
                    coe.method = m;
                }
                if (k.value.trim() !== '') {
                    const n = Number(k.value);
                    if (!Number.isInteger(n) || n < 1 || n > 16) {
                        C.showError({message: 'k must be a whole number from 1 to 16 (or empty for dynamic).', param: 'coe.k'}, form);
                        k.focus();
                        return null;
                    }
                    coe.k = n;
                }
                if (aggregator.value !== 'auto') {
                    coe.aggregator = aggregator.value;
                }
                const request = {model: 'coe', messages: [{role: 'user', content: text}]};
                if (Object.keys(coe).length) {
                    request.coe = coe;
                }
                return request;
            }

            function fieldError(error) {
                if (error && error.param && /^messages/.test(error.param)) {
                    error.param = 'messages';
                }
                C.showError(error, form);
            }

            /**
             * POSTs to the playground endpoint; when this router does not have it yet (404 unknown_url), asks the
             * /v1 endpoint instead (works with auth off), and says so.
             */
            async function call(path, fallback, request) {
                try {
                    return {data: await C.post(path, request), fallback: false};
                } catch (error) {
                    if (!missing(error)) {
                        throw error;
                    }
                }
                try {
                    return {data: await C.api('POST', fallback, request, {noRedirect: true}), fallback: true};
                } catch (error) {
                    if (error.status === 401 || error.status === 403) {
                        throw new C.ApiError(404, {message: 'The playground is not available on this router (' + path + ' is missing).'});
                    }
                    throw error;
                }
            }

            async function run(button, label, work) {
                const buttons = [explainButton, sendButton, compareButton];
                buttons.forEach((b) => { b.disabled = true; });
                busy.textContent = label;
                try {
                    await work();
                } catch (error) {
                    fieldError(error);
                } finally {
                    buttons.forEach((b) => { b.disabled = !C.canWrite(); });
                    busy.textContent = '';
                }
            }

            // ---- rendering ----

            function kv(pairs) {
                return el('dl', {class: 'kv'}, pairs.filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== '')
                    .map(([key, value, attr]) => [el('dt', {text: key}), el('dd', {'data-field': attr || null}, value)]));
            }

            function skillItems(list) {
                if (!list || list.length === 0) {
                    return el('li', {class: 'muted', text: 'No skills (a direct or default-expert route).'});
                }
                return list.map((s) => {
                    const bar = el('span', {class: 'bar', 'aria-hidden': 'true'});
                    bar.style.width = Math.max(0, Math.min(100, Number(s.score) * 100)) + '%';
                    return el('li', {'data-skill': s.id, 'data-score': s.score},
                        el('span', {class: 'pg-skill-name', text: s.id}),
                        el('span', {class: 'pg-meter'}, bar),
                        el('span', {class: 'num', text: C.fmt.pct(s.score)}));
                });
            }

            function excludedItems(map) {
                const entries = Object.entries(map || {});
                if (entries.length === 0) {
                    return el('li', {class: 'muted', text: 'No expert was excluded.'});
                }
                return entries.map(([id, reason]) => el('li', {'data-id': id},
                    el('strong', {text: id}), el('span', {text: String(reason)})));
            }

            function candidateTable(list, chosen, id) {
                if (!list || list.length === 0) {
                    return el('p', {class: 'muted', text: 'No eligible candidate: the default expert answers.'});
                }
                const picked = new Set((chosen || []).map((e) => e.id));
                return el('div', {class: 'table-wrap'}, el('table', {id: id || null, class: 'pg-candidates'},
                    el('thead', {}, el('tr', {}, ['Expert', 'Score', 'Chosen'].map((h, i) =>
                        el('th', {scope: 'col', class: i === 1 ? 'num' : null, text: h})))),
                    el('tbody', {}, list.map((c) => {
                        const score = c.score !== undefined ? c.score : c.weight;
                        return el('tr', {'data-id': c.id, 'data-score': score, class: picked.has(c.id) ? 'chosen' : null},
                            el('td', {text: c.id}),
                            el('td', {class: 'num', 'data-col': 'score', text: num(score)}),
                            el('td', {}, picked.has(c.id) ? el('span', {class: 'badge ok', text: 'chosen'}) : el('span', {class: 'muted', text: '—'})));
                    }))));
            }

            function decisionPairs(r) {
                return [
                    ['Method', r.method, 'method'],
                    ['k', r.k != null ? String(r.k) : (r.experts ? r.experts.length + ' (experts chosen)' : null), 'k'],
                    ['Aggregator', r.aggregator != null ? r.aggregator : (r.experts && r.experts.length > 1 ? 'configured default' : 'none (one expert)'), 'aggregator'],
                    ['Experts', (r.experts || []).map((e) => e.id).join(', ') || '—', 'experts'],
                    ['Classification', r.classification, 'classification'],
                    ['Confidence', r.confidence != null ? C.fmt.pct(r.confidence) : null, 'confidence'],
                    ['Keywords', r.keywords && r.keywords.length ? r.keywords.join(', ') : null, 'keywords'],
                    ['Routing time', r.routing_ms != null ? C.fmt.ms(r.routing_ms) : null, 'routing_ms'],
                    ['Reason', r.reason, 'reason'],
                ];
            }

            function showRoute(r, viaFallback) {
                C.replace(decision, kv(decisionPairs(r)),
                    viaFallback ? el('p', {class: 'muted note', text: 'Explained by /v1/route: this router has no /admin/playground/route yet, so k and aggregator are not reported.'}) : null);
                C.replace(skills, skillItems(r.skills));
                C.replace(candidates, candidateTable(r.candidates, r.experts, 'pg-candidates'));
                C.replace(excluded, excludedItems(r.excluded));
            }

            function showChat(response, viaFallback) {
                const trace = response.coe || {};
                const ex = trace.explanation || {};
                const content = response.choices && response.choices[0] && response.choices[0].message
                    ? response.choices[0].message.content : null;
                C.replace(final, el('pre', {class: 'pg-answer', 'data-field': 'answer', tabindex: '0',
                    text: content == null ? '(no content)' : content}));
                C.replace(aggregation, trace.aggregator ? 'Merged by ' + trace.aggregator + (ex.aggregation ? ': ' + ex.aggregation : '')
                    : (ex.aggregation || ''));
                const calls = trace.experts || [];
                C.replace(answers, calls.length === 0 ? el('p', {class: 'muted', text: 'No expert was called.'})
                    : calls.map((e, i) => el('article', {class: 'pg-expert', 'data-expert': e.id, 'data-status': e.status},
                        el('header', {},
                            el('strong', {text: e.id}),
                            el('span', {class: 'badge ' + (e.status === 'ok' ? 'ok' : e.status === 'cancelled' ? 'warn' : 'bad'), text: e.status || '—'}),
                            el('span', {class: 'muted', text: C.fmt.ms(e.latency_ms) + ' · ' +
                                ((e.prompt_tokens || 0) + (e.completion_tokens || 0)) + ' tokens · ' + C.fmt.usd(e.cost_usd) +
                                (e.score != null ? ' · score ' + num(e.score) : '')})),
                        e.error ? el('p', {class: 'error', text: 'Failed: ' + e.error}) : null,
                        e.answer !== undefined && e.answer !== null
                            ? el('pre', {class: 'pg-answer', tabindex: '0', text: String(e.answer)})
                            : (e.error ? null : el('p', {class: 'muted', text: calls.length === 1 && i === 0 && content != null
                                ? '(its answer is the aggregated answer)' : '(this router does not report each expert\'s answer)'})))));
                const t = trace.timings_ms || {};
                C.replace(timings, ['routing', 'experts', 'aggregation', 'total'].map((key) =>
                    [el('dt', {text: key}), el('dd', {'data-timing': key, text: C.fmt.ms(t[key])})]));
                const usage = response.usage || {};
                C.replace(cost, el('strong', {'data-field': 'cost_usd', text: C.fmt.usd(trace.cost_usd)}),
                    ' · ' + (usage.prompt_tokens || 0) + ' prompt + ' + (usage.completion_tokens || 0) + ' completion tokens');
                // The decision that was taken, from the explanation.
                showRoute({
                    method: ex.method,
                    k: ex.requested_k != null ? ex.requested_k : null,
                    aggregator: trace.aggregator || ex.requested_aggregator || null,
                    experts: calls.map((e) => ({id: e.id, score: e.score})),
                    classification: ex.classification,
                    confidence: ex.confidence,
                    keywords: ex.keywords,
                    reason: ex.reason,
                    routing_ms: t.routing,
                    skills: trace.skills,
                    candidates: ex.candidates,
                    excluded: ex.excluded,
                }, false);
                if (viaFallback) {
                    C.append(decision, el('p', {class: 'muted note', text: 'Answered by /v1/chat/completions: this router has no /admin/playground/chat yet.'}));
                }
            }

            function compareColumn(methodName, r, error) {
                const column = el('section', {class: 'pg-compare-col', 'data-method': methodName, 'aria-label': methodName},
                    el('h3', {text: methodName}));
                if (error) {
                    return C.append(column, el('p', {class: 'error', role: 'alert', text: error.message || String(error)}));
                }
                return C.append(column,
                    kv(decisionPairs(r)),
                    el('h4', {text: 'Top skills'}),
                    el('ul', {class: 'plain-list pg-skills'}, skillItems((r.skills || []).slice(0, 3))),
                    el('h4', {text: 'Candidates'}),
                    candidateTable(r.candidates, r.experts),
                    Object.keys(r.excluded || {}).length
                        ? [el('h4', {text: 'Excluded'}), el('ul', {class: 'plain-list'}, excludedItems(r.excluded))] : null);
            }

            // ---- actions ----

            explainButton.addEventListener('click', () => {
                const request = body();
                if (request) {
                    run(explainButton, 'Explaining…', async () => {
                        const {data, fallback} = await call('/admin/playground/route', '/v1/route', request);
                        showRoute(data, fallback);
                        C.toast('Explained: ' + (data.experts || []).map((e) => e.id).join(', '), 'ok');
                    });
                }
            });

            form.addEventListener('submit', (event) => {
                event.preventDefault();
                const request = body();
                if (request) {
                    run(sendButton, 'Sending…', async () => {
                        emptyChat('Waiting for the experts…');
                        const withTrace = Object.assign({}, request, {coe: Object.assign({}, request.coe || {}, {explain: true})});
                        try {
                            const {data, fallback} = await call('/admin/playground/chat', '/v1/chat/completions', withTrace);
                            showChat(data, fallback);
                        } catch (error) {
                            emptyChat('No answer: ' + (error.message || error));
                            throw error;
                        }
                    });
                }
            });

            query.addEventListener('keydown', (event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                    event.preventDefault();
                    if (!sendButton.disabled) {
                        form.requestSubmit(sendButton);
                    }
                }
            });

            compareButton.addEventListener('click', () => {
                const base = body('category');
                if (!base) {
                    return;
                }
                run(compareButton, 'Comparing…', async () => {
                    const methods = ['category', 'symbolic-moe'];
                    const results = await Promise.allSettled(methods.map((m) => {
                        const request = JSON.parse(JSON.stringify(base));
                        request.coe = Object.assign({}, request.coe || {}, {method: m});
                        return call('/admin/playground/route', '/v1/route', request);
                    }));
                    C.replace(compare, methods.map((m, i) => compareColumn(m,
                        results[i].status === 'fulfilled' ? results[i].value.data : null,
                        results[i].status === 'rejected' ? results[i].reason : null)));
                    const failed = results.find((r) => r.status === 'rejected');
                    if (failed) {
                        fieldError(failed.reason);
                    }
                });
            });
        },
    });
})();

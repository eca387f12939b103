/*
 * The evaluations page: start a routing evaluation from an uploaded, pasted or built-in JSONL set, watch it, and read
 * its report (routed methods vs every single expert vs random k vs the oracle) as a table, an accuracy chart and
 * per-skill accuracy; start an aggregator selection and show its result. The last job ids live in the hash
 * (#/evaluations?id=eval-...&selection=aggsel-...), so a reload keeps watching them.
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    const KINDS = {routed: 'routed', single: 'single expert', random: 'random k', oracle: 'oracle'};

    const pick = (row, camel, snake) => (row[camel] !== undefined ? row[camel] : row[snake]);
    const heat = (accuracy) => 'heat-' + (accuracy === null || accuracy === undefined ? 0
        : Math.max(0, Math.min(5, Math.round(Number(accuracy) * 5))));

    /** A bar chart of accuracies: plain DOM in the .bars grid (label, bar, value). */
    function bars(items, attrs) {
        return el('div', Object.assign({class: 'bars', role: 'img'}, attrs || {}),
            items.map((item) => {
                const bar = el('div', {class: 'bar' + (item.kind ? ' bar-' + item.kind : '')});
                bar.style.width = Math.max(0, Math.min(100, Number(item.value) * 100)).toFixed(1) + '%';
                return [
                    el('span', {class: 'bar-label', text: item.label, title: item.label}),
                    el('div', {class: 'bar-track', 'data-method': item.label, 'data-value': item.value}, bar),
                    el('span', {class: 'bar-value num', text: C.fmt.pct(item.value) + (item.extra ? ' ' + item.extra : '')}),
                ];
            }));
    }

    function badge(state) {
        const kind = state === 'succeeded' ? 'ok' : state === 'running' ? 'warn' : 'bad';
        return el('span', {class: 'badge ' + kind, 'data-state': state, text: state});
    }

    C.page('evaluations', {
        title: 'Evaluations',
        render: async (main, ctx) => {
            const watched = {eval: null, selection: null, evalStarted: null, busy: false};

            // ---- the evaluation form ----
            const errorSlot = (name) => el('small', {class: 'field-error', 'data-error-for': name, hidden: true, role: 'alert'});
            const labelled = (id, text, control, name, help) => el('div', {class: 'field'},
                el('label', {for: id, text}), control, help ? el('small', {class: 'help', text: help}) : null,
                name ? errorSlot(name) : null);
            const fileInput = el('input', {id: 'eval-file', type: 'file', name: 'eval_file', accept: '.jsonl,.json,.txt,application/jsonl,application/x-ndjson,text/plain'});
            const pasted = el('textarea', {id: 'eval-set', name: 'eval_set', class: 'code', rows: 5, spellcheck: 'false', wrap: 'off',
                placeholder: '{"question": "What is 2 + 2?", "answer": "4", "skill": "arithmetic"}'});
            const pathInput = el('input', {id: 'eval-path', name: 'eval_path', type: 'text',
                placeholder: 'classpath:coe-demo-experts/eval/demo-eval.jsonl'});
            const splitInput = el('input', {id: 'eval-split', name: 'split', type: 'text', placeholder: 'e.g. test (optional)'});
            const expertsInput = el('input', {id: 'eval-experts', name: 'experts', type: 'text', placeholder: 'all experts'});
            const methodBoxes = ['symbolic-moe', 'category'].map((m) =>
                el('input', {id: 'eval-method-' + m, type: 'checkbox', name: 'methods', value: m, checked: true}));
            const randomK = el('input', {id: 'eval-random-k', name: 'random_k', type: 'number', min: 1, max: 16, step: 1, placeholder: '3'});
            const seedInput = el('input', {id: 'eval-seed', name: 'seed', type: 'number', min: 0, step: 1, placeholder: '42'});
            const graderSelect = el('select', {id: 'eval-grader', name: 'grader'},
                ['exact', 'choice', 'numeric', 'regex', 'judge'].map((g) => el('option', {value: g, text: g})));
            const startButton = C.write(el('button', {id: 'eval-start', type: 'submit', class: 'primary', text: 'Start evaluation'}));
            const cancelButton = C.write(el('button', {id: 'eval-cancel', type: 'button', class: 'danger', text: 'Cancel', hidden: true}));
            const progressBar = el('progress', {id: 'eval-progress', max: 1, value: 0, 'aria-labelledby': 'eval-progress-label'});
            const progressLabel = el('p', {id: 'eval-progress-label', class: 'muted', text: 'No evaluation is being watched.'});
            const form = el('form', {id: 'eval-form', class: 'card', novalidate: true},
                el('h2', {text: 'Start an evaluation'}),
                el('p', {class: 'muted', text: 'Every expert answers every question once; each routing method, each single expert, random k and the oracle are scored from those answers. Give the set as a file, pasted JSONL, or the name of a built-in set (first one given wins).'}),
                el('div', {class: 'form-grid'},
                    labelled('eval-file', 'Evaluation set (JSONL file)', fileInput, null),
                    labelled('eval-path', 'or a built-in set / eval-dir file', pathInput, 'eval_path')),
                labelled('eval-set', 'or paste JSONL', pasted, 'eval_set', 'One {"question", "answer", "skill"} object a line'),
                el('div', {class: 'form-grid'},
                    labelled('eval-split', 'Split', splitInput, 'split'),
                    labelled('eval-experts', 'Experts (comma separated)', expertsInput, 'experts'),
                    labelled('eval-grader', 'Grader', graderSelect, 'grader'),
                    labelled('eval-random-k', 'Random k', randomK, 'random_k'),
                    labelled('eval-seed', 'Seed', seedInput, 'seed'),
                    el('fieldset', {class: 'field methods'},
                        el('legend', {text: 'Routing methods'}),
                        methodBoxes.map((box) => el('label', {for: box.id, class: 'check'}, box, ' ' + box.value)),
                        errorSlot('methods'))),
                el('div', {class: 'actions'}, startButton, cancelButton),
                progressBar, progressLabel);

            // ---- results ----
            const summary = el('div', {id: 'eval-summary'});
            const tableBox = el('div', {id: 'eval-table-box'});
            const chart = el('div', {id: 'eval-chart', class: 'eval-chart'});
            const skillBox = el('div', {id: 'eval-skills-box'});
            const recent = el('ul', {id: 'eval-recent', class: 'plain-list'});
            const resultCard = el('section', {class: 'card', 'aria-labelledby': 'eval-result-title'},
                el('h2', {id: 'eval-result-title', text: 'Result'}), summary,
                el('h3', {text: 'Accuracy'}), chart,
                el('h3', {text: 'All figures'}), tableBox,
                el('h3', {text: 'Accuracy per skill'}), skillBox);

            // ---- aggregator selection ----
            const candidatesInput = el('input', {id: 'selection-candidates', name: 'candidates', type: 'text', required: true,
                placeholder: 'e.g. generalist'});
            const selExperts = el('input', {id: 'selection-experts', name: 'experts', type: 'text', placeholder: 'all experts'});
            const minPerSkill = el('input', {id: 'selection-min-per-skill', name: 'min_per_skill', type: 'number', min: 1, step: 1, placeholder: '20'});
            const selSeed = el('input', {id: 'selection-seed', name: 'seed', type: 'number', min: 0, step: 1, placeholder: '42'});
            const selectionButton = C.write(el('button', {id: 'selection-start', type: 'submit', class: 'primary', text: 'Start selection'}));
            const selectionResult = el('div', {id: 'selection-result', 'aria-live': 'polite'});
            const selectionForm = el('form', {id: 'selection-form', novalidate: true},
                el('p', {class: 'muted', text: 'The experts answer the evaluation set given above; each synthesiser candidate, the vote and the weighted vote are scored on picking the right answer out of one right and two wrong ones. A winning synthesiser becomes the one synthesis uses.'}),
                el('div', {class: 'form-grid'},
                    labelled('selection-candidates', 'Synthesiser candidates (expert ids, comma separated)', candidatesInput, 'candidates'),
                    labelled('selection-experts', 'Answering experts', selExperts, 'experts'),
                    labelled('selection-min-per-skill', 'Min tasks per skill', minPerSkill, 'min_per_skill'),
                    labelled('selection-seed', 'Seed', selSeed, 'seed')),
                errorSlot('eval_set'),
                el('div', {class: 'actions'}, selectionButton));
            const selectionCard = el('section', {class: 'card', 'aria-labelledby': 'selection-title'},
                el('h2', {id: 'selection-title', text: 'Aggregator selection'}), selectionForm, selectionResult);

            C.append(main,
                el('h1', {text: 'Evaluations & aggregator selection'}),
                el('div', {class: 'eval-top'}, form,
                    el('section', {class: 'card', 'aria-labelledby': 'eval-recent-title'},
                        el('h2', {id: 'eval-recent-title', text: 'Recent evaluations'}), recent)),
                resultCard,
                selectionCard);

            function emptyResult(text) {
                C.replace(summary, el('p', {class: 'muted', text}));
                C.replace(chart, el('p', {class: 'muted', text: 'No figures yet.'}));
                C.replace(tableBox, el('p', {class: 'muted', text: 'No figures yet.'}));
                C.replace(skillBox, el('p', {class: 'muted', text: 'No figures yet.'}));
            }
            emptyResult('Start an evaluation, or pick a recent one, to see its report.');

            // ---- the hash keeps the ids being watched ----
            function remember() {
                const params = new URLSearchParams();
                if (watched.eval) {
                    params.set('id', watched.eval.id);
                }
                if (watched.selection) {
                    params.set('selection', watched.selection.id);
                }
                const query = params.toString();
                history.replaceState(null, '', '#/evaluations' + (query ? '?' + query : ''));
            }

            // ---- the evaluation set, shared by both forms ----
            async function evalSource(errorForm) {
                const file = fileInput.files && fileInput.files[0];
                if (file) {
                    try {
                        const text = await C.readFile(file);
                        if (!text.trim()) {
                            throw new Error('the file is empty');
                        }
                        return {eval_set: text};
                    } catch (error) {
                        C.showError({message: 'Could not read the file: ' + (error.message || error), param: 'eval_set'}, errorForm);
                        return null;
                    }
                }
                if (pasted.value.trim()) {
                    return {eval_set: pasted.value};
                }
                if (pathInput.value.trim()) {
                    return {eval_path: pathInput.value.trim()};
                }
                C.showError({message: 'Give an evaluation set: choose a JSONL file, paste its lines, or name a built-in set.', param: 'eval_set'}, errorForm);
                return null;
            }

            const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

            function intField(input, param, errorForm) {
                if (input.value.trim() === '') {
                    return undefined;
                }
                const n = Number(input.value);
                if (!Number.isInteger(n) || n < 0) {
                    C.showError({message: param + ' must be a whole number.', param}, errorForm);
                    input.focus();
                    return null;
                }
                return n;
            }

            /** API errors name list items (experts[1]); the slot is the list's. */
            function showApiError(error, errorForm) {
                if (error && error.param) {
                    error.param = error.param.replace(/\[\d+\]$/, '');
                }
                C.showError(error, errorForm);
            }

            // ---- evaluation ----
            form.addEventListener('submit', async (event) => {
                event.preventDefault();
                C.clearErrors(form);
                const source = await evalSource(form);
                if (!source) {
                    return;
                }
                const body = Object.assign({}, source);
                if (splitInput.value.trim()) {
                    body.split = splitInput.value.trim();
                }
                if (list(expertsInput.value).length) {
                    body.experts = list(expertsInput.value);
                }
                if (graderSelect.value !== 'exact') {
                    body.grader = graderSelect.value;
                }
                const methods = methodBoxes.filter((b) => b.checked).map((b) => b.value);
                if (methods.length === 0) {
                    C.showError({message: 'Choose at least one routing method.', param: 'methods'}, form);
                    return;
                }
                body.methods = methods;
                const rk = intField(randomK, 'random_k', form);
                const seed = intField(seedInput, 'seed', form);
                if (rk === null || seed === null) {
                    return;
                }
                if (rk !== undefined) {
                    body.random_k = rk;
                }
                if (seed !== undefined) {
                    body.seed = seed;
                }
                startButton.disabled = true;
                try {
                    const job = await C.post('/admin/evaluations', body);
                    watched.evalStarted = Date.now();
                    C.toast('Evaluation ' + job.id + ' started.', 'ok');
                    showEval(job);
                    remember();
                    loadRecent().catch(() => undefined);
                } catch (error) {
                    showApiError(error, form);
                } finally {
                    startButton.disabled = !C.canWrite() || Boolean(watched.eval && watched.eval.state === 'running');
                }
            });

            cancelButton.addEventListener('click', async () => {
                if (!watched.eval) {
                    return;
                }
                if (!(await C.confirm('Cancel evaluation ' + watched.eval.id + '? Its figures are lost.'))) {
                    return;
                }
                try {
                    showEval(await C.del('/admin/evaluations/' + encodeURIComponent(watched.eval.id)));
                    C.toast('Cancelling ' + watched.eval.id + '.', 'ok');
                } catch (error) {
                    C.showError(error);
                }
            });

            function showEval(job) {
                const previous = watched.eval;
                watched.eval = job;
                const running = job.state === 'running';
                cancelButton.hidden = !running;
                startButton.disabled = running || !C.canWrite();
                if (running) {
                    progressBar.removeAttribute('value'); // indeterminate: evaluations report no count
                    const since = watched.evalStarted ? ' · ' + C.fmt.duration((Date.now() - watched.evalStarted) / 1000) + ' elapsed' : '';
                    progressLabel.textContent = job.id + ' · running · ' + job.questions + ' questions' + since;
                } else {
                    progressBar.max = 1;
                    progressBar.value = job.state === 'succeeded' ? 1 : 0;
                    progressLabel.textContent = job.id + ' · ' + job.state + (job.error ? ': ' + job.error : '');
                }
                if (previous && previous.id === job.id && previous.state === 'running' && !running) {
                    if (job.state === 'succeeded') {
                        C.toast('Evaluation ' + job.id + ' finished.', 'ok');
                    } else if (job.state === 'failed') {
                        C.toast('Evaluation failed: ' + (job.error || 'unknown error'), 'error');
                    } else {
                        C.toast('Evaluation ' + job.id + ' was ' + job.state + '.', 'ok');
                    }
                    loadRecent().catch(() => undefined);
                }
                if (job.report) {
                    if (!previous || previous.id !== job.id || !previous.report) {
                        showReport(job);
                    }
                } else {
                    emptyResult(running ? 'Evaluation ' + job.id + ' is running (' + job.questions + ' questions)…'
                        : 'Evaluation ' + job.id + ' ' + job.state + (job.error ? ': ' + job.error : '') + '; it has no report.');
                    if ((job.skipped_lines || []).length) {
                        C.append(summary, skipped(job.skipped_lines));
                    }
                }
            }

            function skipped(lines) {
                return el('details', {class: 'skipped'},
                    el('summary', {text: lines.length + ' skipped line(s)'}),
                    el('ul', {}, lines.map((line) => el('li', {text: line}))));
            }

            function showReport(job) {
                const report = job.report;
                const rows = report.rows || [];
                C.replace(summary,
                    el('p', {}, badge(job.state), ' ', el('code', {text: job.id}), ' · ' + report.questions + ' questions · experts: ' +
                        (report.experts || []).join(', ')),
                    (job.skipped_lines || []).length ? skipped(job.skipped_lines) : null);
                if (rows.length === 0) {
                    C.replace(chart, el('p', {class: 'muted', text: 'The report has no rows.'}));
                    C.replace(tableBox);
                    C.replace(skillBox);
                    return;
                }
                C.replace(chart, bars(rows.map((r) => ({label: r.method, value: r.accuracy, kind: r.kind,
                    extra: '(' + r.correct + '/' + r.total + ')'})), {'aria-label': 'Accuracy per method'}));
                C.replace(tableBox, el('div', {class: 'table-wrap'}, el('table', {id: 'eval-table'},
                    el('thead', {}, el('tr', {}, ['Method', 'Kind', 'Accuracy', 'Experts / question', 'Mean latency',
                        'Mean cost', 'Skill accuracy', 'Routing p50 / p99', 'Routing failures']
                        .map((h, i) => el('th', {scope: 'col', class: i >= 2 ? 'num' : null, text: h})))),
                    el('tbody', {}, rows.map((r) => {
                        const p50 = pick(r, 'routingP50Ms', 'routing_p50_ms');
                        const p99 = pick(r, 'routingP99Ms', 'routing_p99_ms');
                        const skillAcc = pick(r, 'skillAccuracy', 'skill_accuracy');
                        return el('tr', {'data-kind': r.kind, 'data-method': r.method, 'data-accuracy': r.accuracy},
                            el('th', {scope: 'row', text: r.method}),
                            el('td', {text: KINDS[r.kind] || r.kind}),
                            el('td', {class: 'num', 'data-col': 'accuracy', text: C.fmt.pct(r.accuracy) + ' (' + r.correct + '/' + r.total + ')'}),
                            el('td', {class: 'num', text: C.fmt.num(pick(r, 'expertsPerQuestion', 'experts_per_question'))}),
                            el('td', {class: 'num', text: C.fmt.ms(pick(r, 'meanLatencyMs', 'mean_latency_ms'))}),
                            el('td', {class: 'num', text: C.fmt.usd(pick(r, 'meanCostUsd', 'mean_cost_usd'))}),
                            el('td', {class: 'num', text: skillAcc == null ? '—' : C.fmt.pct(skillAcc)}),
                            el('td', {class: 'num', text: p50 == null ? '—' : C.fmt.ms(p50) + ' / ' + C.fmt.ms(p99)}),
                            el('td', {class: 'num', text: String(pick(r, 'routingFailures', 'routing_failures') || 0)}));
                    })))));
                const bySkill = (r) => pick(r, 'accuracyBySkill', 'accuracy_by_skill') || {};
                const skills = Array.from(new Set(rows.flatMap((r) => Object.keys(bySkill(r)))));
                C.replace(skillBox, skills.length === 0 ? el('p', {class: 'muted', text: 'The set has no labelled skills.'})
                    : el('div', {class: 'table-wrap'}, el('table', {id: 'eval-skills', class: 'heat'},
                        el('thead', {}, el('tr', {}, el('th', {scope: 'col', text: 'Method'}),
                            skills.map((s) => el('th', {scope: 'col', class: 'num', text: s})))),
                        el('tbody', {}, rows.map((r) => el('tr', {'data-method': r.method},
                            el('th', {scope: 'row', text: r.method}),
                            skills.map((s) => {
                                const v = bySkill(r)[s];
                                return el('td', {class: 'cell ' + heat(v), 'data-skill': s, text: v == null ? '—' : C.fmt.pct(v)});
                            })))))),
                job.markdown ? el('details', {class: 'markdown'}, el('summary', {text: 'As Markdown'}),
                    el('pre', {tabindex: '0', text: job.markdown})) : null);
            }

            async function loadEval(id) {
                try {
                    showEval(await C.get('/admin/evaluations/' + encodeURIComponent(id)));
                } catch (error) {
                    if (error.status === 404) {
                        watched.eval = null;
                        remember();
                        emptyResult('Evaluation ' + id + ' is not known here (any more): jobs are kept in memory.');
                        return;
                    }
                    throw error;
                }
            }

            async function loadRecent() {
                let jobs;
                try {
                    jobs = await C.get('/admin/jobs?limit=50');
                } catch (error) {
                    C.replace(recent, el('li', {class: 'muted', text: 'Could not list the jobs: ' + error.message}));
                    return;
                }
                const evals = ((jobs && jobs.data) || []).filter((j) => j.kind === 'evaluation').slice(0, 8);
                if (evals.length === 0) {
                    C.replace(recent, el('li', {class: 'muted', text: 'No evaluations yet.'}));
                    return;
                }
                C.replace(recent, evals.map((j) => el('li', {'data-id': j.id},
                    el('a', {href: '#/evaluations?id=' + encodeURIComponent(j.id), text: j.id}),
                    el('span', {}, badge(j.state), ' ', el('span', {class: 'muted', text: C.fmt.time(j.created_at)})))));
            }

            // ---- aggregator selection ----
            selectionForm.addEventListener('submit', async (event) => {
                event.preventDefault();
                C.clearErrors(selectionForm);
                const candidates = list(candidatesInput.value);
                if (candidates.length === 0) {
                    C.showError({message: 'Name at least one synthesiser expert to compare.', param: 'candidates'}, selectionForm);
                    candidatesInput.focus();
                    return;
                }
                const source = await evalSource(selectionForm);
                if (!source) {
                    return;
                }
                const body = Object.assign({candidates}, source);
                if (splitInput.value.trim()) {
                    body.split = splitInput.value.trim();
                }
                if (graderSelect.value !== 'exact') {
                    body.grader = graderSelect.value;
                }
                if (list(selExperts.value).length) {
                    body.experts = list(selExperts.value);
                }
                const min = intField(minPerSkill, 'min_per_skill', selectionForm);
                const seed = intField(selSeed, 'seed', selectionForm);
                if (min === null || seed === null) {
                    return;
                }
                if (min !== undefined) {
                    body.min_per_skill = min;
                }
                if (seed !== undefined) {
                    body.seed = seed;
                }
                selectionButton.disabled = true;
                try {
                    const job = await C.post('/admin/aggregators/selection', body);
                    C.toast('Aggregator selection ' + job.id + ' started.', 'ok');
                    showSelectionJob(job);
                    remember();
                } catch (error) {
                    showApiError(error, selectionForm);
                } finally {
                    selectionButton.disabled = !C.canWrite() || Boolean(watched.selection && watched.selection.state === 'running');
                }
            });

            function selectionView(result, heading) {
                if (!result) {
                    return el('p', {class: 'muted', text: 'No result.'});
                }
                const overall = result.overall || [];
                const bestBySkill = Object.entries(result.bestBySkill || result.best_by_skill || {});
                const bySkill = result.bySkill || result.by_skill || {};
                const skills = Object.keys(bySkill);
                const aggs = Array.from(new Set(overall.map((s) => s.aggregator)));
                return el('div', {class: 'selection-view', 'data-best': result.best},
                    heading,
                    el('p', {}, 'Best overall: ', el('strong', {'data-field': 'best', text: result.best == null ? '—' : result.best}),
                        ' · ' + result.tasks + ' tasks'),
                    overall.length ? bars(overall.map((s) => ({label: s.aggregator,
                        value: s.total ? s.right / s.total : 0, extra: '(' + s.right + '/' + s.total + ')'})),
                    {'aria-label': 'Aggregator accuracy overall'}) : el('p', {class: 'muted', text: 'No task could be built: every question needs one right and two wrong answers.'}),
                    bestBySkill.length ? el('p', {}, 'Chosen per skill: ',
                        bestBySkill.map(([skill, agg], i) => [i ? ', ' : '', el('span', {'data-skill': skill, text: skill + ' → ' + agg})]))
                        : el('p', {class: 'muted', text: 'No per-skill choice (no skill had enough tasks).'}),
                    skills.length && aggs.length ? el('div', {class: 'table-wrap'}, el('table', {class: 'heat selection-skills'},
                        el('thead', {}, el('tr', {}, el('th', {scope: 'col', text: 'Skill'}),
                            aggs.map((a) => el('th', {scope: 'col', class: 'num', text: a})))),
                        el('tbody', {}, skills.map((skill) => el('tr', {'data-skill': skill},
                            el('th', {scope: 'row', text: skill}),
                            aggs.map((a) => {
                                const s = (bySkill[skill] || []).find((x) => x.aggregator === a);
                                const acc = s && s.total ? s.right / s.total : null;
                                return el('td', {class: 'cell ' + heat(acc), text: s ? C.fmt.pct(acc) + ' (' + s.right + '/' + s.total + ')' : '—'});
                            })))))) : null);
            }

            function showSelectionJob(job) {
                const previous = watched.selection;
                watched.selection = job;
                selectionButton.disabled = job.state === 'running' || !C.canWrite();
                const head = el('p', {'data-id': job.id}, badge(job.state), ' ', el('code', {text: job.id}),
                    ' · candidates: ' + (job.candidates || []).join(', '));
                if (job.state === 'running') {
                    C.replace(selectionResult, head, el('progress', {class: 'selection-progress', 'aria-label': 'Selection running'}),
                        el('p', {class: 'muted', text: 'Running: the experts answer the set, then every candidate is scored.'}));
                } else if (job.result) {
                    C.replace(selectionResult, selectionView(job.result, head));
                } else {
                    C.replace(selectionResult, head, job.error ? el('p', {class: 'error', role: 'alert', text: job.error}) : null);
                }
                if ((job.skipped_lines || []).length) {
                    C.append(selectionResult, skipped(job.skipped_lines));
                }
                if (previous && previous.id === job.id && previous.state === 'running' && job.state !== 'running') {
                    C.toast(job.state === 'succeeded' ? 'Aggregator selection finished: ' + (job.result && job.result.best) + ' is best.'
                        : 'Aggregator selection ' + job.state + (job.error ? ': ' + job.error : '.'), job.state === 'failed' ? 'error' : 'ok');
                }
            }

            async function loadSelectionInForce() {
                try {
                    const s = await C.get('/admin/aggregators/selection');
                    C.replace(selectionResult, selectionView(s.result,
                        el('p', {class: 'muted'}, 'In force: from ', el('code', {text: s.job}), ' at ' + C.fmt.time(s.at))));
                } catch (error) {
                    if (error.status === 404) {
                        C.replace(selectionResult, el('p', {class: 'muted', text: 'No aggregator selection has run yet: synthesis uses the configured synthesiser.'}));
                        return;
                    }
                    throw error;
                }
            }

            async function loadSelectionJob(id) {
                try {
                    showSelectionJob(await C.get('/admin/aggregators/selection/' + encodeURIComponent(id)));
                } catch (error) {
                    if (error.status === 404) {
                        watched.selection = null;
                        remember();
                        return loadSelectionInForce();
                    }
                    throw error;
                }
            }

            // ---- watching: one tick a second, only while something runs ----
            ctx.every(1000, async () => {
                if (watched.busy) {
                    return;
                }
                watched.busy = true;
                try {
                    if (watched.eval && watched.eval.state === 'running') {
                        showEval(await C.get('/admin/evaluations/' + encodeURIComponent(watched.eval.id)));
                    }
                    if (watched.selection && watched.selection.state === 'running') {
                        showSelectionJob(await C.get('/admin/aggregators/selection/' + encodeURIComponent(watched.selection.id)));
                    }
                } finally {
                    watched.busy = false;
                }
            });

            // ---- first load ----
            const evalId = ctx.params.get('id');
            const selectionId = ctx.params.get('selection');
            const results = await Promise.allSettled([
                loadRecent(),
                evalId ? loadEval(evalId) : Promise.resolve(),
                selectionId ? loadSelectionJob(selectionId) : loadSelectionInForce()]);
            const failed = results.find((r) => r.status === 'rejected');
            if (failed) {
                C.showError(failed.reason);
            }
        },
    });
})();

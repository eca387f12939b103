/*
 * The skills and profiles page: the taxonomy (edit as YAML, save, history), the profile heatmap (score or accuracy
 * per skill x expert), profile versions (diff against the current one, rollback) and profiling jobs (upload a JSONL
 * set, watch the progress, cancel).
 */
(function () {
    'use strict';
    const C = window.Console;
    const el = C.el;

    /** A missing endpoint (this router predates it), as opposed to a missing resource. */
    const missing = (error) => error && error.status === 404 && error.code === 'unknown_url';

    // ---- YAML for the taxonomy when the API only gives JSON --------------------------------------------------

    const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

    /** Whether a string can be written as a YAML plain scalar and read back as the same string. */
    function plainSafe(text) {
        return text.length > 0 && text.length <= 1000 && text === text.trim()
            && !/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text) // no control characters or line breaks
            && !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) // no indicator first
            && !/^[-+.]?[0-9]/.test(text) && !/^[-+]?\.(inf|nan)$/i.test(text) // nothing number-like
            && !/: |:$| #/.test(text) && !YAML_WORDS.test(text);
    }

    function yamlScalar(value) {
        if (typeof value === 'string' && plainSafe(value)) {
            return value;
        }
        if (value !== null && typeof value === 'object') {
            return JSON.stringify(value); // JSON flow style is valid YAML
        }
        return JSON.stringify(value === undefined ? null : value); // a JSON string is a YAML double-quoted one
    }

    /** The taxonomy {skills: [{id, description, examples[]}]} as YAML text. */
    function toYaml(taxonomy) {
        const lines = ['skills:'];
        for (const skill of (taxonomy && taxonomy.skills) || []) {
            let first = true;
            for (const [key, value] of Object.entries(skill)) {
                const lead = first ? '  - ' : '    ';
                first = false;
                if (Array.isArray(value)) {
                    if (value.length === 0) {
                        lines.push(lead + key + ': []');
                    } else {
                        lines.push(lead + key + ':');
                        value.forEach((item) => lines.push('      - ' + yamlScalar(item)));
                    }
                } else {
                    lines.push(lead + key + ': ' + yamlScalar(value));
                }
            }
            if (first) {
                lines.push('  - {}');
            }
        }
        return lines.join('\n') + '\n';
    }

    /** Skill ids named in YAML text (a plain scan of "- id: x" lines; used only to order the heatmap). */
    function idsInYaml(text) {
        const ids = [];
        const pattern = /^\s*-\s*id:\s*["']?([A-Za-z0-9._-]+)/gm;
        let match;
        while ((match = pattern.exec(text)) !== null) {
            ids.push(match[1]);
        }
        return ids;
    }

    // ---- profile figures ---------------------------------------------------------------------------------------

    function stats(set, expert, skill) {
        const profile = set && set.experts && set.experts[expert];
        const s = profile && profile.skills && profile.skills[skill];
        if (!s) {
            return null;
        }
        const correct = Number(s.correct) || 0;
        const wrong = Number(s.wrong) || 0;
        const failed = Number(s.failed) || 0;
        const graded = correct + wrong;
        return {correct, wrong, failed, score: correct - wrong, accuracy: graded === 0 ? null : correct / graded};
    }

    function skillsOf(set, order) {
        const ids = new Set(order || []);
        Object.values((set && set.experts) || {}).forEach((p) => Object.keys(p.skills || {}).forEach((s) => ids.add(s)));
        return Array.from(ids);
    }

    const expertsOf = (set) => Object.keys((set && set.experts) || {});

    function metricText(value, metric) {
        if (value === null || value === undefined) {
            return '—';
        }
        return metric === 'accuracy' ? C.fmt.pct(value) : String(value);
    }

    // ---- the page ----------------------------------------------------------------------------------------------

    C.page('skills', {
        title: 'Skills & profiles',
        render: async (main, ctx) => {
            const state = {taxonomyIds: [], profiles: null, versions: null, job: null, jobTimer: false, dirty: false};

            // Taxonomy editor
            const editor = el('textarea', {id: 'taxonomy-editor', class: 'code', rows: 18, spellcheck: 'false', wrap: 'off',
                'aria-describedby': 'taxonomy-status'});
            editor.readOnly = !C.canWrite();
            const taxonomyStatus = el('p', {id: 'taxonomy-status', class: 'muted'});
            const saveButton = C.write(el('button', {id: 'taxonomy-save', type: 'submit', class: 'primary', text: 'Save taxonomy'}));
            const reloadButton = el('button', {type: 'button', text: 'Reload current', on: {click: async () => {
                if (await keepEdits()) {
                    return;
                }
                loadTaxonomy().catch((e) => C.showError(e));
            }}});
            editor.addEventListener('input', () => { state.dirty = true; });
            /** True when the editor holds unsaved edits the user wants to keep. */
            const keepEdits = async () => state.dirty && !(await C.confirm('Discard your unsaved edits to the taxonomy?'));
            const taxonomyForm = el('form', {id: 'taxonomy-form', class: 'card', novalidate: true},
                el('h2', {text: 'Taxonomy'}),
                el('div', {class: 'field'},
                    el('label', {for: 'taxonomy-editor', text: 'Skills (YAML: skills: - id, description, examples)'}),
                    editor,
                    el('small', {class: 'field-error', 'data-error-for': 'skills', hidden: true, role: 'alert'})),
                taxonomyStatus,
                el('div', {class: 'actions'}, saveButton, reloadButton));
            taxonomyForm.addEventListener('submit', (event) => {
                event.preventDefault();
                saveTaxonomy();
            });

            // Taxonomy history
            const historyList = el('ul', {id: 'taxonomy-history', class: 'plain-list'});
            const revisionView = el('div', {id: 'taxonomy-revision'});
            const historyCard = el('section', {class: 'card', 'aria-labelledby': 'taxonomy-history-title'},
                el('h2', {id: 'taxonomy-history-title', text: 'Taxonomy history'}), historyList, revisionView);

            // Heatmap
            const metric = el('select', {id: 'heatmap-metric'},
                el('option', {value: 'score', text: 'Score (right − wrong)'}),
                el('option', {value: 'accuracy', text: 'Accuracy (right / graded)'}));
            metric.addEventListener('change', () => renderHeatmap());
            const heatmapBox = el('div', {id: 'heatmap-box'});
            const profileMeta = el('p', {class: 'muted', id: 'profile-meta'});
            const heatmapCard = el('section', {class: 'card', 'aria-labelledby': 'heatmap-title'},
                el('h2', {id: 'heatmap-title', text: 'Expert profiles'}),
                el('div', {class: 'toolbar'},
                    el('label', {for: 'heatmap-metric', text: 'Show'}), metric, el('span', {class: 'spacer'}), profileMeta),
                heatmapBox);

            // Versions and diff
            const versionsList = el('ul', {id: 'profile-versions', class: 'plain-list'});
            const diffHint = () => el('p', {class: 'muted', text: 'Choose "Diff with current" on a version to see what changed since.'});
            const diffBox = el('div', {id: 'profile-diff', class: 'card', 'aria-live': 'polite'}, diffHint());
            const versionsCard = el('section', {class: 'card', 'aria-labelledby': 'versions-title'},
                el('h2', {id: 'versions-title', text: 'Profile versions'}), versionsList);

            // Profiling job
            const fileInput = el('input', {id: 'profile-file', type: 'file', name: 'eval_set', accept: '.jsonl,.json,.txt,application/jsonl,application/x-ndjson,text/plain'});
            const splitInput = el('input', {id: 'profile-split', name: 'split', type: 'text', placeholder: 'e.g. profile (optional)'});
            const expertsInput = el('input', {id: 'profile-experts', name: 'experts', type: 'text', placeholder: 'all experts'});
            const graderSelect = el('select', {id: 'profile-grader', name: 'grader'},
                ['exact', 'choice', 'numeric', 'regex', 'judge'].map((g) => el('option', {value: g, text: g})));
            const judgeInput = el('input', {id: 'profile-judge', name: 'judge', type: 'text', placeholder: 'expert id (judge grader only)'});
            const startButton = C.write(el('button', {id: 'profile-start', type: 'submit', class: 'primary', text: 'Start profiling'}));
            const cancelButton = C.write(el('button', {id: 'profile-cancel', type: 'button', class: 'danger', text: 'Cancel job', hidden: true}));
            const progressBar = el('progress', {id: 'profile-progress', max: 1, value: 0, 'aria-labelledby': 'profile-progress-label'});
            const progressLabel = el('p', {id: 'profile-progress-label', class: 'muted', text: 'No profiling job is running.'});
            const jobDetails = el('div', {id: 'profile-job'});
            const errorSlot = (name) => el('small', {class: 'field-error', 'data-error-for': name, hidden: true, role: 'alert'});
            const labelled = (id, text, control, name, help) => el('div', {class: 'field'},
                el('label', {for: id, text}), control, help ? el('small', {class: 'help', text: help}) : null, errorSlot(name));
            const jobForm = el('form', {id: 'profile-form', novalidate: true},
                el('div', {class: 'form-grid'},
                    labelled('profile-file', 'Evaluation set (JSONL file)', fileInput, 'eval_set',
                        'One {"question", "answer", "skill"} object a line'),
                    labelled('profile-split', 'Split', splitInput, 'split'),
                    labelled('profile-experts', 'Experts (comma separated)', expertsInput, 'experts'),
                    labelled('profile-grader', 'Grader', graderSelect, 'grader'),
                    labelled('profile-judge', 'Judge expert', judgeInput, 'judge')),
                el('div', {class: 'actions'}, startButton, cancelButton));
            jobForm.addEventListener('submit', (event) => {
                event.preventDefault();
                startJob();
            });
            cancelButton.addEventListener('click', () => cancelJob());
            const jobCard = el('section', {class: 'card', 'aria-labelledby': 'profiling-title'},
                el('h2', {id: 'profiling-title', text: 'Profiling job'}),
                jobForm, progressBar, progressLabel, jobDetails);

            C.append(main,
                el('h1', {text: 'Skills & profiles'}),
                el('div', {class: 'skills-top'}, taxonomyForm, historyCard),
                heatmapCard,
                el('div', {class: 'grid skills-bottom'}, versionsCard, jobCard),
                diffBox);

            // ---- taxonomy ----

            async function loadTaxonomy() {
                let data = await C.get('/admin/skills?format=yaml', {accept: 'text/plain, application/json;q=0.9, application/yaml;q=0.8'});
                if (typeof data === 'string' && !data.trim()) {
                    data = await C.get('/admin/skills'); // no stored text: write the parsed taxonomy as YAML
                }
                if (typeof data === 'string') {
                    editor.value = data;
                    state.dirty = false;
                    state.taxonomyIds = idsInYaml(data);
                } else {
                    editor.value = toYaml(data);
                    state.dirty = false;
                    state.taxonomyIds = ((data && data.skills) || []).map((s) => s.id);
                }
                taxonomyStatus.textContent = state.taxonomyIds.length + ' skills in force.';
                C.clearErrors(taxonomyForm);
            }

            async function saveTaxonomy() {
                if (!editor.value.trim()) {
                    C.showError({message: 'The taxonomy is empty: it needs at least one skill.', param: 'skills'}, taxonomyForm);
                    return;
                }
                saveButton.disabled = true;
                try {
                    const result = await C.put('/admin/skills', editor.value, {contentType: 'application/yaml'});
                    C.clearErrors(taxonomyForm);
                    state.dirty = false;
                    C.toast('Taxonomy saved: ' + result.skills + ' skills' + (result.revision != null ? ', revision ' + result.revision : '') + '.', 'ok');
                    state.taxonomyIds = idsInYaml(editor.value);
                    taxonomyStatus.textContent = state.taxonomyIds.length + ' skills in force' +
                        (result.revision != null ? ' (revision ' + result.revision + ').' : '.');
                    renderHeatmap();
                    await loadHistory().catch(() => undefined);
                } catch (error) {
                    if (error.param == null) {
                        error.param = 'skills';
                    }
                    C.showError(error, taxonomyForm);
                } finally {
                    saveButton.disabled = !C.canWrite();
                }
            }

            async function loadHistory() {
                let list;
                try {
                    list = await C.get('/admin/skills/history');
                } catch (error) {
                    if (missing(error)) {
                        C.replace(historyList, el('li', {class: 'muted', text: 'The taxonomy history is not available on this router.'}));
                        return;
                    }
                    throw error;
                }
                const rows = (list && list.data) || [];
                if (rows.length === 0) {
                    C.replace(historyList, el('li', {class: 'muted', text: 'No saved revisions yet: the taxonomy is the one configured at start-up.'}));
                    return;
                }
                C.replace(historyList, rows.map((r) => el('li', {'data-revision': r.revision},
                    el('span', {class: 'rev-text'},
                        el('strong', {text: 'Revision ' + r.revision}), ' · ', C.fmt.time(r.saved_at),
                        r.skills != null ? ' · ' + r.skills + ' skills' : ''),
                    el('span', {class: 'actions'},
                        el('button', {type: 'button', 'data-action': 'view', text: 'View', 'aria-label': 'View revision ' + r.revision,
                            on: {click: () => showRevision(r.revision, false)}}),
                        el('button', {type: 'button', 'data-action': 'load', text: 'Load into editor', 'aria-label': 'Load revision ' + r.revision + ' into the editor',
                            on: {click: () => showRevision(r.revision, true)}})))));
            }

            async function showRevision(revision, load) {
                try {
                    const r = await C.get('/admin/skills/history/' + encodeURIComponent(revision));
                    const source = r && typeof r === 'object' ? String(r.source == null ? '' : r.source) : String(r);
                    if (load) {
                        if (await keepEdits()) {
                            return;
                        }
                        editor.value = source;
                        state.dirty = true; // not in force until saved
                        editor.focus();
                        C.toast('Revision ' + revision + ' is in the editor; save to put it in force.', 'ok');
                    } else {
                        C.replace(revisionView,
                            el('h3', {text: 'Revision ' + revision + (r && r.saved_at ? ' · ' + C.fmt.time(r.saved_at) : '')}),
                            el('pre', {class: 'revision-source', tabindex: '0', text: source}),
                            el('div', {class: 'actions'},
                                el('button', {type: 'button', text: 'Load into editor', on: {click: () => showRevision(revision, true)}}),
                                el('button', {type: 'button', text: 'Close', on: {click: () => C.replace(revisionView)}})));
                    }
                } catch (error) {
                    C.showError(error);
                }
            }

            // ---- heatmap ----

            async function loadProfiles() {
                try {
                    state.profiles = await C.get('/admin/profiles');
                } catch (error) {
                    if (error.status === 404) {
                        state.profiles = null;
                    } else {
                        throw error;
                    }
                }
                renderHeatmap();
            }

            function renderHeatmap() {
                const set = state.profiles;
                const which = metric.value;
                if (!set || expertsOf(set).length === 0) {
                    profileMeta.textContent = '';
                    C.replace(heatmapBox, el('p', {class: 'muted empty', text: 'No profiles are loaded: start a profiling job below, or import a profile set with PUT /admin/profiles.'}));
                    return;
                }
                profileMeta.textContent = 'Version ' + set.version + ' · ' + (set.questions != null ? set.questions + ' questions · ' : '') +
                    (set.source ? set.source + ' · ' : '') + C.fmt.time(set.createdAt || set.created_at);
                const experts = expertsOf(set);
                const skills = skillsOf(set, state.taxonomyIds);
                const values = [];
                skills.forEach((skill) => experts.forEach((expert) => {
                    const s = stats(set, expert, skill);
                    if (s && (which === 'score' || s.accuracy !== null)) {
                        values.push(which === 'score' ? s.score : s.accuracy);
                    }
                }));
                const min = which === 'score' ? Math.min(0, ...values) : 0;
                const max = which === 'score' ? Math.max(1, ...values) : 1;
                const level = (v) => (v === null ? 0 : Math.max(0, Math.min(5, Math.round(5 * (v - min) / ((max - min) || 1)))));
                const head = el('tr', {}, el('th', {scope: 'col', text: 'Skill \\ expert'}),
                    experts.map((e) => el('th', {scope: 'col', class: 'num', text: e})));
                const body = skills.map((skill) => el('tr', {'data-skill-row': skill},
                    el('th', {scope: 'row', text: skill}),
                    experts.map((expert) => {
                        const s = stats(set, expert, skill);
                        const value = s ? (which === 'score' ? s.score : s.accuracy) : null;
                        const title = s
                            ? expert + ' on ' + skill + ': accuracy ' + (s.accuracy === null ? '—' : C.fmt.pct(s.accuracy)) +
                              ', score ' + s.score + ' (' + s.correct + ' right, ' + s.wrong + ' wrong, ' + s.failed + ' failed)'
                            : expert + ' on ' + skill + ': not profiled';
                        return el('td', {class: 'cell heat-' + (s ? level(value) : 0) + (s ? '' : ' unprofiled'),
                            'data-skill': skill, 'data-expert': expert, 'data-score': s ? s.score : null,
                            'data-accuracy': s && s.accuracy !== null ? s.accuracy : null, title,
                            text: metricText(value, which)});
                    })));
                const foot = el('tr', {class: 'totals'}, el('th', {scope: 'row', text: 'Mean latency / cost'}),
                    experts.map((e) => {
                        const p = set.experts[e];
                        return el('td', {class: 'num', text: C.fmt.ms(p.meanLatencyMs) + ' · ' + C.fmt.usd(p.meanCostUsd)});
                    }));
                C.replace(heatmapBox,
                    el('div', {class: 'table-wrap'},
                        el('table', {id: 'heatmap', class: 'heat'},
                            el('caption', {class: 'muted', text: (which === 'score' ? 'Score' : 'Accuracy') + ' per skill and expert; hover a cell for its counts.'}),
                            el('thead', {}, head), el('tbody', {}, body), el('tfoot', {}, foot))),
                    el('p', {class: 'heat-legend muted'}, 'Low ',
                        [0, 1, 2, 3, 4, 5].map((i) => el('span', {class: 'swatch heat-' + i, 'aria-hidden': 'true', text: ' '})), ' high'));
            }

            // ---- versions, diff, rollback ----

            async function loadVersions() {
                try {
                    state.versions = await C.get('/admin/profiles/versions');
                } catch (error) {
                    C.replace(versionsList, el('li', {class: 'muted', text: 'Could not read the versions: ' + error.message}));
                    return;
                }
                const versions = ((state.versions && state.versions.versions) || []).slice().sort((a, b) => b - a);
                const current = state.versions ? state.versions.current : null;
                diffBox.hidden = versions.length < 2; // nothing to compare with one version
                if (versions.length === 0) {
                    C.replace(versionsList, el('li', {class: 'muted', text: 'No profile versions are stored yet.'}));
                    return;
                }
                C.replace(versionsList, versions.map((v) => {
                    const isCurrent = v === current;
                    const rollback = C.write(el('button', {type: 'button', 'data-action': 'rollback', class: 'danger',
                        text: 'Roll back', 'aria-label': 'Make version ' + v + ' current', on: {click: () => rollbackTo(v)}}));
                    if (isCurrent) {
                        rollback.disabled = true;
                        rollback.title = 'This version is in use';
                    }
                    return el('li', {'data-version': v, class: isCurrent ? 'current' : null},
                        el('span', {class: 'rev-text'}, el('strong', {text: 'Version ' + v}),
                            isCurrent ? el('span', {class: 'badge ok', text: 'current'}) : null),
                        el('span', {class: 'actions'},
                            el('button', {type: 'button', 'data-action': 'diff', text: 'Diff with current', disabled: isCurrent,
                                'aria-label': 'Compare version ' + v + ' with the current one', on: {click: () => showDiff(v)}}),
                            rollback));
                }));
            }

            async function showDiff(version) {
                C.replace(diffBox, el('p', {class: 'muted', text: 'Loading version ' + version + '…'}));
                try {
                    const [old, now] = await Promise.all([
                        C.get('/admin/profiles/versions/' + encodeURIComponent(version)),
                        C.get('/admin/profiles')]);
                    state.profiles = now;
                    renderHeatmap();
                    renderDiff(old, now);
                } catch (error) {
                    C.replace(diffBox, el('p', {class: 'error', text: 'Could not compare: ' + error.message}));
                    C.showError(error);
                }
            }

            function renderDiff(old, now) {
                const experts = Array.from(new Set(expertsOf(old).concat(expertsOf(now))));
                const skills = Array.from(new Set(skillsOf(old, state.taxonomyIds).concat(skillsOf(now))));
                const rows = [];
                const show = (s) => (s ? s.score + ' · ' + (s.accuracy === null ? '—' : C.fmt.pct(s.accuracy)) : '—');
                let same = 0;
                for (const expert of experts) {
                    for (const skill of skills) {
                        const a = stats(old, expert, skill);
                        const b = stats(now, expert, skill);
                        if (!a && !b) {
                            continue;
                        }
                        let change;
                        if (!a) {
                            change = 'added';
                        } else if (!b) {
                            change = 'removed';
                        } else if (a.correct !== b.correct || a.wrong !== b.wrong || a.failed !== b.failed) {
                            change = 'changed';
                        } else {
                            same++;
                            continue;
                        }
                        const delta = a && b ? b.score - a.score : null;
                        rows.push(el('tr', {'data-skill': skill, 'data-expert': expert, 'data-change': change,
                            class: change === 'added' ? 'diff-add' : change === 'removed' ? 'diff-del' : null},
                            el('td', {text: skill}), el('td', {text: expert}),
                            el('td', {class: 'num' + (change === 'changed' ? ' diff-del' : ''), text: show(a)}),
                            el('td', {class: 'num' + (change === 'changed' ? ' diff-add' : ''), text: show(b)}),
                            el('td', {text: change + (delta !== null ? ' (score ' + (delta > 0 ? '+' : '') + delta + ')' : '')})));
                    }
                }
                const title = el('h3', {text: 'Version ' + old.version + ' → current (version ' + now.version + ')'});
                if (rows.length === 0) {
                    C.replace(diffBox, title, el('p', {class: 'muted', text: 'No differences: every profiled skill and expert has the same counts.'}));
                    return;
                }
                C.replace(diffBox, title,
                    el('p', {class: 'muted', text: rows.length + ' changed, ' + same + ' unchanged. Values are score · accuracy.'}),
                    el('div', {class: 'table-wrap'},
                        el('table', {class: 'diff'},
                            el('thead', {}, el('tr', {},
                                ['Skill', 'Expert', 'Version ' + old.version, 'Current', 'Change'].map((h) => el('th', {scope: 'col', text: h})))),
                            el('tbody', {}, rows))));
            }

            async function rollbackTo(version) {
                const ok = await C.confirm('Make profile version ' + version + ' the current one? Routing uses it at once, on every replica.');
                if (!ok) {
                    return;
                }
                try {
                    const r = await C.post('/admin/profiles/versions/' + encodeURIComponent(version) + '/activate');
                    const saved = r && r.current != null && r.current !== version ? ', saved as version ' + r.current : '';
                    C.toast('Rolled back to the profiles of version ' + version + saved +
                        (r && r.previous != null && r.previous !== r.current ? ' (version ' + r.previous + ' was current).' : '.'), 'ok');
                    C.replace(diffBox, diffHint());
                    await Promise.all([loadProfiles(), loadVersions()]);
                } catch (error) {
                    if (missing(error)) {
                        C.toast('Rollback is not available on this router.', 'error');
                    } else {
                        C.showError(error);
                    }
                }
            }

            // ---- profiling jobs ----

            function remember(id) {
                const params = new URLSearchParams(ctx.params.toString());
                if (id) {
                    params.set('job', id);
                } else {
                    params.delete('job');
                }
                const query = params.toString();
                history.replaceState(null, '', '#/skills' + (query ? '?' + query : ''));
            }

            async function startJob() {
                C.clearErrors(jobForm);
                const file = fileInput.files && fileInput.files[0];
                if (!file) {
                    C.showError({message: 'Choose a JSONL evaluation set first.', param: 'eval_set'}, jobForm);
                    fileInput.focus();
                    return;
                }
                let text;
                try {
                    text = await C.readFile(file);
                } catch (error) {
                    C.showError({message: 'Could not read the file: ' + (error && error.message ? error.message : error), param: 'eval_set'}, jobForm);
                    return;
                }
                if (!text.trim()) {
                    C.showError({message: 'The file is empty.', param: 'eval_set'}, jobForm);
                    return;
                }
                const body = {eval_set: text};
                if (splitInput.value.trim()) {
                    body.split = splitInput.value.trim();
                }
                const experts = expertsInput.value.split(',').map((s) => s.trim()).filter(Boolean);
                if (experts.length) {
                    body.experts = experts;
                }
                if (graderSelect.value !== 'exact') {
                    body.grader = graderSelect.value;
                }
                if (judgeInput.value.trim()) {
                    body.judge = judgeInput.value.trim();
                }
                startButton.disabled = true;
                try {
                    const job = await C.post('/admin/profiles/jobs', body);
                    C.toast('Profiling job ' + job.id + ' started.', 'ok');
                    remember(job.id);
                    showJob(job);
                } catch (error) {
                    if (error.param && error.param.startsWith('experts')) {
                        error.param = 'experts';
                    }
                    C.showError(error, jobForm);
                    startButton.disabled = !C.canWrite();
                }
            }

            async function cancelJob() {
                if (!state.job) {
                    return;
                }
                const ok = await C.confirm('Cancel profiling job ' + state.job.id + '? Nothing it measured is saved.');
                if (!ok) {
                    return;
                }
                try {
                    showJob(await C.del('/admin/profiles/jobs/' + encodeURIComponent(state.job.id)));
                    C.toast('Cancelling ' + state.job.id + ' (after its current batch).', 'ok');
                } catch (error) {
                    C.showError(error);
                }
            }

            function showJob(job) {
                const previous = state.job;
                state.job = job;
                const done = Number(job.done) || 0;
                const total = Number(job.total) || 0;
                progressBar.max = Math.max(1, total);
                progressBar.value = done;
                progressBar.textContent = done + '/' + total;
                const pct = total > 0 ? Math.floor(100 * done / total) : 0;
                let eta = '—';
                const started = Date.parse(job.started_at);
                if (job.state === 'running' && done > 0 && !Number.isNaN(started)) {
                    const elapsed = (Date.now() - started) / 1000;
                    const rate = done / Math.max(elapsed, 0.001);
                    eta = C.fmt.duration((total - done) / rate);
                } else if (job.state !== 'running') {
                    eta = job.state;
                }
                progressLabel.textContent = done + '/' + total + ' · ' + pct + '% · ' +
                    (job.state === 'running' ? 'ETA ' + eta : eta);
                const running = job.state === 'running';
                cancelButton.hidden = !running;
                startButton.disabled = running || !C.canWrite();
                C.replace(jobDetails,
                    el('p', {}, el('span', {class: 'badge ' + (job.state === 'succeeded' ? 'ok' : job.state === 'running' ? 'warn' : 'bad'),
                        'data-state': job.state, text: job.state}), ' ', el('code', {text: job.id}),
                    job.profile_version != null ? ' → profile version ' + job.profile_version : ''),
                    job.error ? el('p', {class: 'error', role: 'alert', text: job.error}) : null,
                    (job.experts || []).length ? el('div', {class: 'table-wrap'}, el('table', {class: 'job-experts'},
                        el('thead', {}, el('tr', {}, ['Expert', 'Progress', 'Failed'].map((h) => el('th', {scope: 'col', text: h})))),
                        el('tbody', {}, job.experts.map((e) => el('tr', {'data-id': e.id},
                            el('td', {text: e.id}),
                            el('td', {}, C.progress(e.done, e.total, {'aria-label': e.id + ' progress', 'data-expert': e.id}), ' ' + e.done + '/' + e.total),
                            el('td', {class: 'num', text: e.failed})))))) : null,
                    (job.skipped_lines || []).length ? el('details', {},
                        el('summary', {text: job.skipped_lines.length + ' skipped line(s)'}),
                        el('ul', {}, job.skipped_lines.map((line) => el('li', {text: line})))) : null);
                if (previous && previous.id === job.id && previous.state === 'running' && job.state !== 'running') {
                    if (job.state === 'succeeded') {
                        C.toast('Profiling finished' + (job.profile_version != null ? ': version ' + job.profile_version + ' is current.' : '.'), 'ok');
                        Promise.all([loadProfiles(), loadVersions()]).catch((e) => C.showError(e));
                    } else if (job.state === 'failed') {
                        C.toast('Profiling failed: ' + (job.error || 'unknown error'), 'error');
                    } else {
                        C.toast('Profiling job ' + job.id + ' was ' + job.state + '.', 'ok');
                    }
                }
            }

            async function watchJob() {
                if (!state.job || state.job.state !== 'running' || state.jobTimer) {
                    return;
                }
                state.jobTimer = true;
                try {
                    showJob(await C.get('/admin/profiles/jobs/' + encodeURIComponent(state.job.id)));
                } finally {
                    state.jobTimer = false;
                }
            }
            ctx.every(1000, watchJob);

            async function resumeJob(id) {
                try {
                    showJob(await C.get('/admin/profiles/jobs/' + encodeURIComponent(id)));
                } catch (error) {
                    if (error.status === 404) {
                        remember(null);
                        progressLabel.textContent = 'Profiling job ' + id + ' is not known here (any more).';
                    } else {
                        throw error;
                    }
                }
            }

            // ---- first load: taxonomy, history, profiles, versions (+ a remembered job) ----
            const results = await Promise.allSettled([
                loadTaxonomy(), loadHistory(), loadProfiles(), loadVersions(),
                ctx.params.get('job') ? resumeJob(ctx.params.get('job')) : Promise.resolve()]);
            const failed = results.filter((r) => r.status === 'rejected');
            if (failed.length) {
                C.showError(failed[0].reason);
            }
            if (results[0].status === 'rejected') {
                taxonomyStatus.textContent = 'Could not read the taxonomy: ' + results[0].reason.message;
            }
            renderHeatmap(); // the taxonomy's order, once both are in
        },
    });
})();

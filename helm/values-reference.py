#!/usr/bin/env python3
# Prints the values reference table of docs/kubernetes.md from values.schema.json and values.yaml (PyYAML needed):
#   python3 helm/values-reference.py  > paste between the values-reference markers. ValuesReferenceTest keeps them in step.
import json, os, yaml
HERE = os.path.dirname(os.path.abspath(__file__))
schema = json.load(open(os.path.join(HERE, 'coe-router', 'values.schema.json')))
values = yaml.safe_load(open(os.path.join(HERE, 'coe-router', 'values.yaml')))
rows = []
def default_of(path):
    v = values
    for p in path:
        if p == '[]' or not isinstance(v, dict) or p not in v: return None
        v = v[p]
    return v
def fmt(v):
    if v is None: return ''
    if isinstance(v, bool): return '`%s`' % str(v).lower()
    if isinstance(v, (dict, list)):
        if not v: return '`{}`' if isinstance(v, dict) else '`[]`'
        s = json.dumps(v)
        return '`%s`' % s if len(s) < 60 else 'see values.yaml'
    if v == '': return '`""`'
    return '`%s`' % v
def walk(node, path):
    props = node.get('properties')
    t = node.get('type')
    if props:
        for k, child in props.items():
            walk(child, path + [k])
        return
    if t == 'array' and isinstance(node.get('items'), dict) and node['items'].get('properties'):
        name = '.'.join(path).replace('.[].', '[].')
        rows.append((name, 'list', fmt(default_of(path)), node.get('description', '')))
        for k, child in node['items']['properties'].items():
            walk(child, path + ['[]', k])
        return
    name = '.'.join(path).replace('.[].', '[].')
    typ = t if isinstance(t, str) else '/'.join(t) if t else 'object'
    if t == 'array': typ = 'list'
    if 'enum' in node: typ = ' \\| '.join('`%s`' % e for e in node['enum'] if e != '')
    rows.append((name, typ, fmt(default_of(path)), node.get('description', '').replace('|', '\\|')))
walk(schema, [])
print('| Key | Type | Default | Meaning |')
print('|---|---|---|---|')
for r in rows:
    print('| `%s` | %s | %s | %s |' % r)
